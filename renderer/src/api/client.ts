/**
 * The one file that knows which host the renderer runs in.
 *
 * Electron's preload exposes `window.runlens` (one function per contract method, each resolving with a
 * Result envelope); the web host serves the same methods as `POST /api/<method>` with wire-JSON bodies
 * (JSON that keeps NaN and ±Infinity, which metric values need). Both become the same `RunlensApi`:
 * each method resolves with its value or rejects with `ApiError`.
 *
 * Every method takes `{ signal }`: when it aborts, the call rejects CANCELLED at once and the host is
 * told to stop — the browser aborts the fetch (the web host sees the connection close), Electron sends
 * `runlensCalls.cancel(callId)` for the id the call was made with.
 */
import {
  METHOD_NAMES,
  httpRoute,
  type CallOptions,
  type CancelSignal,
  type MethodName,
  type RequestOf,
  type ResponseOf,
  type RunlensApi,
  type RunlensBridgeHandlers,
  type RunlensEvent,
} from '../../../shared/common/contract';
import type { Result } from '../../../shared/common/errors';
import { fromWireJson, toWireJson } from '../../../shared/common/wire';
import { ApiError } from './ApiError';
import { sseEventStream, type EventStream } from './eventStream';
import { tabEventStream } from './tabEventStream';

/** What the Electron preload exposes as `window.runlensEvents` (declared structurally: no electron/ import). */
interface ElectronEventsBridge {
  onStoresChanged(callback: (event: { openedStoreId?: string }) => void): () => void;
  /** Every service event (absent in a preload older than live updates). */
  onEvent?(callback: (event: RunlensEvent) => void): () => void;
}

interface ElectronCallsBridge {
  cancel(callId: string): void;
}

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    runlens?: RunlensBridgeHandlers;
    runlensEvents?: ElectronEventsBridge;
    /** Cancels a bridge call by its id (absent in a preload older than cancelling). */
    runlensCalls?: ElectronCallsBridge;
  }
}

/** Pushes from the host that are not answers to a call. */
export interface HostEvents {
  /** The set of open stores changed outside the UI (e.g. File > Open); returns the unsubscribe function. */
  onStoresChanged(callback: (openedStoreId: string | undefined) => void): () => void;
  /**
   * Every event of the host (stores opened or closed, a store's data changed on disk); `onLive` hears
   * whether events are flowing (false while the web host's stream reconnects: refetch when it is back).
   * Returns the unsubscribe function.
   */
  subscribe: EventStream['subscribe'];
}

/** Sends one call to the host; resolves with its envelope (CANCELLED once `signal` aborts), never rejects. */
export type Transport = <M extends MethodName>(
  name: M,
  request: RequestOf<M>,
  options?: CallOptions,
) => Promise<Result<ResponseOf<M>>>;

function isEnvelope(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  if (ok === true) return 'value' in value;
  if (ok !== false) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string'
  );
}

function failure(code: ApiError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

const CANCELLED = (): Result<never> => failure('CANCELLED', 'The request was cancelled');

/** Resolves with `answer`, or with CANCELLED as soon as `signal` aborts (then `onCancel` tells the host). */
function untilAborted<T>(
  answer: Promise<Result<T>>,
  signal: CancelSignal | undefined,
  onCancel: () => void,
): Promise<Result<T>> {
  if (!signal) return answer;
  if (signal.aborted) {
    onCancel();
    return Promise.resolve(CANCELLED());
  }
  return new Promise((resolve) => {
    const abort = (): void => {
      onCancel();
      resolve(CANCELLED());
    };
    signal.addEventListener('abort', abort, { once: true });
    void answer.then((result) => {
      signal.removeEventListener('abort', abort);
      resolve(result);
    });
  });
}

let callCount = 0;
/** Unique per page: random, so that ids of two windows never meet in the main process. */
function newCallId(): string {
  callCount += 1;
  const random =
    typeof crypto !== 'undefined' && 'randomUUID' in crypto
      ? crypto.randomUUID()
      : Math.random().toString(36).slice(2);
  return `${random}-${callCount}`;
}

export function electronTransport(
  bridge: RunlensBridgeHandlers,
  calls?: ElectronCallsBridge,
): Transport {
  return (name, request, options = {}) => {
    const { signal } = options;
    if (signal?.aborted) return Promise.resolve(CANCELLED());
    // The bridge is a map of per-method functions; TypeScript cannot correlate name and request here.
    const call = bridge[name] as (
      req: RequestOf<typeof name>,
      c?: { callId: string },
    ) => Promise<Result<ResponseOf<typeof name>>>;
    const callId = signal && calls ? newCallId() : undefined;
    const answer = call(request, callId === undefined ? undefined : { callId }).catch(
      (err: unknown) =>
        failure(
          'INTERNAL',
          `The app's main process failed: ${err instanceof Error ? err.message : String(err)}`,
        ),
    );
    return untilAborted(answer, signal, () => {
      if (callId !== undefined) calls?.cancel(callId);
    });
  };
}

export function httpTransport(
  fetchImpl: typeof fetch = (input, init) => fetch(input, init),
): Transport {
  const send = async <M extends MethodName>(
    name: M,
    request: RequestOf<M>,
    signal: AbortSignal,
  ): Promise<Result<ResponseOf<M>>> => {
    let response: Response;
    let text: string;
    try {
      response = await fetchImpl(httpRoute(name), {
        method: 'POST',
        body: toWireJson(request),
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        signal,
      });
      text = await response.text();
    } catch {
      if (signal.aborted) return CANCELLED();
      return failure(
        'REMOTE_ERROR',
        'Lost the connection to the Runlens server. Check that `runlens serve` is still running, then reload.',
      );
    }
    let body: unknown;
    try {
      body = fromWireJson(text);
    } catch {
      body = undefined;
    }
    if (isEnvelope(body)) return body as Result<ResponseOf<typeof name>>;
    if (response.status === 401 || response.status === 403) {
      return failure(
        'UNAUTHORIZED',
        'This page is not signed in to the Runlens server. Open the link `runlens serve` printed (it carries the token).',
      );
    }
    return failure(
      'INTERNAL',
      `The Runlens server answered ${name} with HTTP ${response.status} and no result.`,
    );
  };
  return (name, request, options = {}) => {
    // Aborting the fetch closes the connection, which is how the web host learns of the cancel.
    const controller = new AbortController();
    return untilAborted(send(name, request, controller.signal), options.signal, () =>
      controller.abort(),
    );
  };
}

/** Builds the API from the contract's method list, so a new method needs no change here. */
export function createApi(transport: Transport): RunlensApi {
  const entries = METHOD_NAMES.map((name) => {
    const callMethod = async (
      request: RequestOf<typeof name>,
      options?: CallOptions,
    ): Promise<ResponseOf<typeof name>> => {
      const result = await transport(name, request, options);
      if (!result.ok) throw ApiError.from(result.error);
      return result.value;
    };
    return [name, callMethod] as const;
  });
  return Object.fromEntries(entries) as RunlensApi;
}

/** The API of whichever host this page runs in. */
export function createHostApi(): RunlensApi {
  return createApi(
    window.runlens ? electronTransport(window.runlens, window.runlensCalls) : httpTransport(),
  );
}

/** The host's events: Electron forwards the main process's over IPC; the web host streams them at /api/events. */
export function createHostEvents(): HostEvents {
  const bridge = window.runlensEvents;
  const stream: EventStream = bridge
    ? {
        subscribe(listener, onLive) {
          if (!bridge.onEvent) return () => undefined;
          onLive?.(true);
          return bridge.onEvent(listener);
        },
      }
    : browserEventStream();
  return {
    onStoresChanged(callback) {
      if (!bridge) return () => undefined;
      return bridge.onStoresChanged((event) => callback(event.openedStoreId));
    },
    subscribe: (listener, onLive) => stream.subscribe(listener, onLive),
  };
}

/**
 * The web host's events for this tab: one stream shared by all the app's tabs where the browser can
 * elect a leader (Web Locks, secure contexts such as http://127.0.0.1), else one stream per tab.
 */
function browserEventStream(): EventStream {
  const open = () => new EventSource('/api/events');
  if (typeof navigator !== 'undefined' && navigator.locks && typeof BroadcastChannel === 'function')
    return tabEventStream({
      locks: navigator.locks,
      channel: new BroadcastChannel('runlens-events'),
      open,
    });
  return sseEventStream(open);
}
