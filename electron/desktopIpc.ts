/**
 * The desktop-only IPC channel (OPEN_PATHS_CHANNEL, see desktopBridge.ts), with the same rule as the
 * contract's channels (ipc.ts): only the app's own main frame is answered, every payload validated.
 */
import { isAbsolute } from 'node:path';
import { OPEN_PATHS_CHANNEL, validateDroppedPaths, type OpenPathsAnswer } from './desktopBridge';
import type { IpcMainLike, SenderFrameLike } from './ipc';

export function registerDesktopIpc(
  ipcMain: Pick<IpcMainLike, 'handle' | 'removeHandler'>,
  openPaths: (paths: string[]) => Promise<OpenPathsAnswer>,
  isTrustedSender: (frame: SenderFrameLike) => boolean,
): () => void {
  ipcMain.handle(OPEN_PATHS_CHANNEL, async (event, payload) => {
    if (event.senderFrame === null || !isTrustedSender(event.senderFrame)) {
      return { opened: 0, failed: 0, error: 'UNAUTHORIZED' };
    }
    const paths = validateDroppedPaths(payload, isAbsolute);
    if (paths === null) return { opened: 0, failed: 0, error: 'INVALID_ARGUMENT' };
    return openPaths(paths);
  });
  return () => ipcMain.removeHandler(OPEN_PATHS_CHANNEL);
}
