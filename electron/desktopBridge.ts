/**
 * `window.runlensDesktop`: what only the desktop window has, beside the contract (bridge.ts).
 *
 * - `openDroppedFiles(files)`: a folder or `.db` dropped on the window. Since Electron 32 a `File` no
 *   longer carries its path; the preload asks `webUtils.getPathForFile`, so the page never sees or
 *   invents paths for files it was not given, and sends the paths on OPEN_PATHS_CHANNEL. Main opens
 *   them as File ▸ Open would (recent list, error dialog) and answers how many opened.
 * - `onCommand(callback)`: orders from the menu, main → renderer, on COMMAND_CHANNEL:
 *   `{ type: 'connectToServer' }` (File ▸ Connect to Server…: open the connect dialog). Returns the
 *   unsubscribe function. (A `runlens://` link needs no command: main loads the app URL with the
 *   link's hash route, which the renderer's hash router follows.)
 * - `exportPdf({ html, fileName })`: the audit report's self-contained HTML (exactly the bytes the
 *   app built with buildGovernanceReport), printed to PDF by main (pdfExport.ts) after a save dialog.
 *   The page names the file; main chooses where it goes (the user, in the dialog) and answers only
 *   whether it was saved and under which file name — never a path.
 */

export const OPEN_PATHS_CHANNEL = 'runlens:desktop:openPaths';
export const COMMAND_CHANNEL = 'runlens:desktop:command';
export const EXPORT_PDF_CHANNEL = 'runlens:desktop:exportPdf';
/** At most this many paths per drop, each at most MAX_PATH_LENGTH long (checked again in main). */
export const MAX_DROPPED_PATHS = 32;
export const MAX_PATH_LENGTH = 4096;
/** The largest report HTML main prints (characters); a report with a huge artifact manifest fits. */
export const MAX_PDF_HTML_LENGTH = 64 * 1024 * 1024;
const MAX_FILE_NAME_LENGTH = 200;

export type DesktopCommand = { type: 'connectToServer' };

export interface OpenPathsAnswer {
  opened: number;
  failed: number;
}

export interface ExportPdfRequest {
  html: string;
  /** A file name without folders (the dialog's suggestion); its extension becomes `.pdf`. */
  fileName: string;
}

export interface ExportPdfAnswer {
  saved: boolean;
  /** The name the user saved under (no folder), when saved. */
  fileName?: string;
  error?: string;
}

export interface RunlensDesktopBridge {
  openDroppedFiles(files: ArrayLike<File>): Promise<OpenPathsAnswer>;
  onCommand(callback: (command: DesktopCommand) => void): () => void;
  exportPdf(request: ExportPdfRequest): Promise<ExportPdfAnswer>;
}

export interface DesktopBridgeDeps {
  /** webUtils.getPathForFile: '' for a File that is not from the disk. */
  pathForFile: (file: File) => string;
  invoke: (
    channel: typeof OPEN_PATHS_CHANNEL | typeof EXPORT_PDF_CHANNEL,
    payload: unknown,
  ) => Promise<unknown>;
  subscribe: (channel: typeof COMMAND_CHANNEL, listener: (payload: unknown) => void) => () => void;
}

export function buildDesktopBridge(deps: DesktopBridgeDeps): RunlensDesktopBridge {
  return {
    async openDroppedFiles(files) {
      const paths: string[] = [];
      for (let i = 0; i < Math.min(files.length, MAX_DROPPED_PATHS); i++) {
        const file = files[i];
        const path = file ? deps.pathForFile(file) : '';
        if (path !== '') paths.push(path);
      }
      if (paths.length === 0) return { opened: 0, failed: 0 };
      return (await deps.invoke(OPEN_PATHS_CHANNEL, paths)) as OpenPathsAnswer;
    },
    onCommand(callback) {
      if (typeof callback !== 'function') throw new TypeError('onCommand expects a function');
      return deps.subscribe(COMMAND_CHANNEL, (payload) => callback(payload as DesktopCommand));
    },
    async exportPdf(request) {
      // Copied field by field: nothing else the page's object carries crosses to main.
      const payload = { html: request?.html, fileName: request?.fileName };
      return (await deps.invoke(EXPORT_PDF_CHANNEL, payload)) as ExportPdfAnswer;
    },
  };
}

/** The export request main accepts: HTML within the size limit and a bare file name; else null. */
export function validateExportPdfRequest(payload: unknown): ExportPdfRequest | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { html, fileName } = payload as Record<string, unknown>;
  if (typeof html !== 'string' || html.length === 0 || html.length > MAX_PDF_HTML_LENGTH)
    return null;
  if (
    typeof fileName !== 'string' ||
    fileName.length === 0 ||
    fileName.length > MAX_FILE_NAME_LENGTH ||
    /[/\\\0]/.test(fileName) ||
    /^\.+$/.test(fileName)
  ) {
    return null;
  }
  return { html, fileName };
}

/** `report.html` → `report.pdf`; a name without extension gets `.pdf`. */
export function pdfFileName(fileName: string): string {
  return `${fileName.replace(/\.[^.]*$/, '') || 'report'}.pdf`;
}

/** The dropped paths main accepts: absolute, bounded, no NUL; null when the payload is malformed. */
export function validateDroppedPaths(
  payload: unknown,
  isAbsolute: (p: string) => boolean,
): string[] | null {
  if (!Array.isArray(payload) || payload.length === 0 || payload.length > MAX_DROPPED_PATHS) {
    return null;
  }
  const ok = payload.every(
    (p): p is string =>
      typeof p === 'string' &&
      p.length > 0 &&
      p.length <= MAX_PATH_LENGTH &&
      !p.includes('\0') &&
      isAbsolute(p),
  );
  return ok ? (payload as string[]) : null;
}
