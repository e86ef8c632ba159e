/**
 * What the preload exposes to the renderer, built by pure functions so the surface is unit-tested.
 *
 * `window.runlens` (RunlensBridge): one function per contract method, `(request, call?) => Promise<Result>`,
 * resolved with the main process's Result envelope (never rejected for API errors, because Electron
 * would keep only the message). There is deliberately no generic `invoke(channel)`: the renderer can
 * reach the contract's channels and nothing else. `call` is `{ callId }`, a renderer-made id that
 * `window.runlensCalls.cancel(callId)` (RunlensCallsBridge) can name to cancel the call: an
 * AbortSignal cannot cross the context bridge, so the cancel is a one-way message on CANCEL_CHANNEL.
 *
 * `window.runlensEvents` (RunlensEventsBridge): `onStoresChanged(callback)` subscribes to the main
 * process's notice that the set of open stores changed outside the renderer (File > Open…, a second
 * `runlens` launch, a folder dropped on the window). The callback receives a `StoresChangedEvent`;
 * the call returns an unsubscribe function. The IPC event object is never passed on.
 * `onEvent(callback)` subscribes to every `RunlensEvent` of the service (stores opened or closed, a
 * store's data changed on disk: live updates), the same events the web host streams at /api/events.
 */
import type {
  MethodName,
  RunlensBridgeHandlers,
  RunlensEvent,
  StoreInfo,
} from '../shared/common/contract';
import { METHOD_NAMES, ipcChannel } from '../shared/common/contract';

/** Main → renderer event channel (webContents.send); not a contract method, so not invokable. */
export const STORES_CHANGED_CHANNEL = 'runlens:storesChanged';
/** Main → renderer: every RunlensEvent of the service (live updates). */
export const EVENT_CHANNEL = 'runlens:event';
/** Renderer → main, one-way (`ipcRenderer.send`): cancel the call with this id. */
export const CANCEL_CHANNEL = 'runlens:cancel';

export interface StoresChangedEvent {
  /** Every open store, as `listStores` would return them now. */
  stores: StoreInfo[];
  /** The store just opened by the main process, so the UI can select it. */
  openedStoreId?: string;
}

export type RunlensBridge = RunlensBridgeHandlers;

export interface RunlensCallsBridge {
  /** Cancels the call made with this `callId`; nothing happens when it already answered. */
  cancel(callId: string): void;
}

export interface RunlensEventsBridge {
  onStoresChanged(callback: (event: StoresChangedEvent) => void): () => void;
  onEvent(callback: (event: RunlensEvent) => void): () => void;
}

export type Invoke = (
  channel: `runlens:${MethodName}`,
  request: unknown,
  call?: { callId: string },
) => Promise<unknown>;

export function buildBridge(invoke: Invoke): RunlensBridge {
  const bridge: Record<string, (request: unknown, call?: unknown) => Promise<unknown>> = {};
  for (const name of METHOD_NAMES) {
    const channel = ipcChannel(name);
    bridge[name] = (request, call) => {
      // Only a string id goes through, whatever the page passed.
      const callId = (call as { callId?: unknown } | null | undefined)?.callId;
      return typeof callId === 'string'
        ? invoke(channel, request, { callId })
        : invoke(channel, request);
    };
  }
  return bridge as unknown as RunlensBridge;
}

/** Sends a one-way message to the main process (ipcRenderer.send). */
export type Send = (channel: typeof CANCEL_CHANNEL, payload: string) => void;

export function buildCallsBridge(send: Send): RunlensCallsBridge {
  return {
    cancel(callId) {
      if (typeof callId === 'string') send(CANCEL_CHANNEL, callId);
    },
  };
}

/** Subscribes `listener` to a main → renderer channel; returns the unsubscribe function. */
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

export function buildEventsBridge(subscribe: Subscribe): RunlensEventsBridge {
  return {
    onStoresChanged(callback) {
      if (typeof callback !== 'function') throw new TypeError('onStoresChanged expects a function');
      return subscribe(STORES_CHANGED_CHANNEL, (payload) =>
        callback(payload as StoresChangedEvent),
      );
    },
    onEvent(callback) {
      if (typeof callback !== 'function') throw new TypeError('onEvent expects a function');
      return subscribe(EVENT_CHANNEL, (payload) => callback(payload as RunlensEvent));
    },
  };
}
