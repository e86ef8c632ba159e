/**
 * The one file that knows which host the renderer runs in.
 *
 * Electron's preload exposes `window.runlens` (one function per contract method, each resolving with a
 * Result envelope); the web host serves the same methods as `POST /api/<method>` with wire-JSON bodies
 * (JSON that keeps NaN and ±Infinity, which metric values need). Both become the same `RunlensApi`:
 * each method resolves with its value or rejects with `ApiError`.
 */
import {
  METHOD_NAMES,
  httpRoute,
  type MethodName,
  type RequestOf,
  type ResponseOf,
  type RunlensApi,
  type RunlensEvent,
  type RunlensHandlers,
} from '../../../shared/common/contract';
import type { Result } from '../../../shared/common/errors';
import { fromWireJson, toWireJson } from '../../../shared/common/wire';
import { ApiError } from './ApiError';
import { sseEventStream, type EventStream } from './eventStream';

/** What the Electron preload exposes as `window.runlensEvents` (declared structurally: no electron/ import). */
interface ElectronEventsBridge {
  onStoresChanged(callback: (event: { openedStoreId?: string }) => void): () => void;
  /** Every service event (absent in a preload older than live updates). */
  onEvent?(callback: (event: RunlensEvent) => void): () => void;
}

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser. */
    runlens?: RunlensHandlers;
    runlensEvents?: ElectronEventsBridge;
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

/** Sends one call to the host; resolves with its envelope, never rejects. */
export type Transport = <M extends MethodName>(name: M, request: RequestOf<M>) => Promise<Result<ResponseOf<M>>>;

function isEnvelope(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  if (ok === true) return 'value' in value;
  if (ok !== false) return false;
  const error = (value as { error?: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

function failure(code: ApiError['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

export function electronTransport(bridge: RunlensHandlers): Transport {
  return (name, request) => {
    // The bridge is a map of per-method functions; TypeScript cannot correlate name and request here.
    const call = bridge[name] as (req: RequestOf<typeof name>) => Promise<Result<ResponseOf<typeof name>>>;
    return call(request).catch((err: unknown) =>
      failure('INTERNAL', `The app's main process failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  };
}

export function httpTransport(fetchImpl: typeof fetch = (input, init) => fetch(input, init)): Transport {
  return async (name, request) => {
    let response: Response;
    try {
      response = await fetchImpl(httpRoute(name), {
        method: 'POST',
        body: toWireJson(request),
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
      });
    } catch {
      return failure('REMOTE_ERROR', 'Lost the connection to the Runlens server. Check that `runlens serve` is still running, then reload.');
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = fromWireJson(text);
    } catch {
      body = undefined;
    }
    if (isEnvelope(body)) return body as Result<ResponseOf<typeof name>>;
    if (response.status === 401 || response.status === 403) {
      return failure('UNAUTHORIZED', 'This page is not signed in to the Runlens server. Open the link `runlens serve` printed (it carries the token).');
    }
    return failure('INTERNAL', `The Runlens server answered ${name} with HTTP ${response.status} and no result.`);
  };
}

/** Builds the API from the contract's method list, so a new method needs no change here. */
export function createApi(transport: Transport): RunlensApi {
  const entries = METHOD_NAMES.map((name) => {
    const callMethod = async (request: RequestOf<typeof name>): Promise<ResponseOf<typeof name>> => {
      const result = await transport(name, request);
      if (!result.ok) throw ApiError.from(result.error);
      return result.value;
    };
    return [name, callMethod] as const;
  });
  return Object.fromEntries(entries) as RunlensApi;
}

/** The API of whichever host this page runs in. */
export function createHostApi(): RunlensApi {
  return createApi(window.runlens ? electronTransport(window.runlens) : httpTransport());
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
    : sseEventStream(() => new EventSource('/api/events'));
  return {
    onStoresChanged(callback) {
      if (!bridge) return () => undefined;
      return bridge.onStoresChanged((event) => callback(event.openedStoreId));
    },
    subscribe: (listener, onLive) => stream.subscribe(listener, onLive),
  };
}
