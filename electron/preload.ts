/**
 * Preload of the Runlens window. It runs sandboxed: it may require only 'electron'; esbuild bundles
 * the pure modules it imports (bridge.ts, desktopBridge.ts, shared/common/contract.ts). The exposed
 * surface is documented in bridge.ts and desktopBridge.ts.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { buildBridge, buildCallsBridge, buildEventsBridge, type Subscribe } from './bridge';
import { buildDesktopBridge } from './desktopBridge';

// Only the payload reaches the page: the event object carries `sender` (the ipcRenderer).
const subscribe: Subscribe = (channel, listener) => {
  const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
  ipcRenderer.on(channel, wrapped);
  return () => {
    ipcRenderer.removeListener(channel, wrapped);
  };
};

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

contextBridge.exposeInMainWorld('runlensEvents', buildEventsBridge(subscribe));

contextBridge.exposeInMainWorld(
  'runlensDesktop',
  buildDesktopBridge({
    pathForFile: (file) => webUtils.getPathForFile(file),
    invoke: (channel, paths) => ipcRenderer.invoke(channel, paths),
    subscribe,
  }),
);
