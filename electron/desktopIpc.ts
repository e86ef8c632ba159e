/**
 * The desktop-only IPC channels (OPEN_PATHS_CHANNEL, EXPORT_PDF_CHANNEL, see desktopBridge.ts), with
 * the same rule as the contract's channels (ipc.ts): only the app's own main frame is answered, every
 * payload validated.
 */
import { isAbsolute } from 'node:path';
import {
  EXPORT_PDF_CHANNEL,
  OPEN_PATHS_CHANNEL,
  validateDroppedPaths,
  validateExportPdfRequest,
  type ExportPdfAnswer,
  type ExportPdfRequest,
  type OpenPathsAnswer,
} from './desktopBridge';
import type { IpcMainLike, SenderFrameLike } from './ipc';

export interface DesktopActions {
  openPaths(paths: string[]): Promise<OpenPathsAnswer>;
  exportPdf(request: ExportPdfRequest): Promise<ExportPdfAnswer>;
}

export function registerDesktopIpc(
  ipcMain: Pick<IpcMainLike, 'handle' | 'removeHandler'>,
  actions: DesktopActions,
  isTrustedSender: (frame: SenderFrameLike) => boolean,
): () => void {
  ipcMain.handle(OPEN_PATHS_CHANNEL, async (event, payload) => {
    if (event.senderFrame === null || !isTrustedSender(event.senderFrame)) {
      return { opened: 0, failed: 0, error: 'UNAUTHORIZED' };
    }
    const paths = validateDroppedPaths(payload, isAbsolute);
    if (paths === null) return { opened: 0, failed: 0, error: 'INVALID_ARGUMENT' };
    return actions.openPaths(paths);
  });
  ipcMain.handle(EXPORT_PDF_CHANNEL, async (event, payload): Promise<ExportPdfAnswer> => {
    if (event.senderFrame === null || !isTrustedSender(event.senderFrame)) {
      return { saved: false, error: 'UNAUTHORIZED' };
    }
    const request = validateExportPdfRequest(payload);
    if (request === null) return { saved: false, error: 'INVALID_ARGUMENT' };
    try {
      return await actions.exportPdf(request);
    } catch (err) {
      // The page learns that it failed, not the main process's paths or stack.
      console.error('runlens: Export PDF failed:', err);
      return { saved: false, error: 'EXPORT_FAILED' };
    }
  });
  return () => {
    ipcMain.removeHandler(OPEN_PATHS_CHANNEL);
    ipcMain.removeHandler(EXPORT_PDF_CHANNEL);
  };
}
