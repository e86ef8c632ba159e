/**
 * Preload of the Runlens window. It runs sandboxed: it may require only 'electron'; esbuild bundles
 * the pure modules it imports (bridge.ts, shared/common/contract.ts). The exposed surface is
 * documented in bridge.ts.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildBridge, buildCallsBridge, buildEventsBridge } from './bridge';

contextBridge.exposeInMainWorld(
  'runlens',
  buildBridge((channel, request, call) =>
    call ? ipcRenderer.invoke(channel, request, call) : ipcRenderer.invoke(channel, request),
  ),
);

contextBridge.exposeInMainWorld(
  'runlensCalls',
  buildCallsBridge((channel, callId) => ipcRenderer.send(channel, callId)),
);

contextBridge.exposeInMainWorld(
  'runlensEvents',
  buildEventsBridge((channel, listener) => {
    // Only the payload reaches the page: the event object carries `sender` (the ipcRenderer).
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  }),
);
