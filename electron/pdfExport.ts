/**
 * Electron's "Export PDF" of an audit report: the report's self-contained HTML is printed by
 * Chromium (webContents.printToPDF) in a hidden window that runs no script and may load nothing but
 * the report itself, then written where the user chose in a save dialog. Every Electron object is
 * passed in, so the tests drive it with fakes.
 */
import type { BrowserWindowConstructorOptions, SaveDialogOptions, Session } from 'electron';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pdfFileName, type ExportPdfAnswer, type ExportPdfRequest } from './desktopBridge';
import { hardenSession } from './security';

/** An in-memory session of its own (no `persist:` prefix): nothing of it touches the app's. */
export const PDF_PARTITION = 'runlens-pdf-export';

export const PDF_WINDOW_OPTIONS: BrowserWindowConstructorOptions = {
  show: false,
  width: 794, // A4 at 96 dpi, so the layout matches the printed page
  height: 1123,
  webPreferences: {
    javascript: false,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    webSecurity: true,
    spellcheck: false,
    partition: PDF_PARTITION,
  },
};

/** What renderHtmlToPdf needs of a BrowserWindow. */
export interface PdfWindowLike {
  loadFile(path: string): Promise<void>;
  isDestroyed(): boolean;
  destroy(): void;
  webContents: {
    session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
      webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
    };
    printToPDF(options: Electron.PrintToPDFOptions): Promise<Uint8Array>;
  };
}

export interface PdfRenderDeps {
  createWindow(options: BrowserWindowConstructorOptions): PdfWindowLike;
  makeTempDir(): Promise<string>;
  writeFile(path: string, text: string): Promise<void>;
  removeDir(path: string): Promise<void>;
}

/** Prints `html` to an A4 PDF; the temporary file and the window are gone when it returns. */
export async function renderHtmlToPdf(deps: PdfRenderDeps, html: string): Promise<Uint8Array> {
  const dir = await deps.makeTempDir();
  try {
    const file = join(dir, 'report.html');
    const fileUrl = pathToFileURL(file).href;
    await deps.writeFile(file, html);
    const window = deps.createWindow(PDF_WINDOW_OPTIONS);
    try {
      const session = window.webContents.session;
      hardenSession(session as Session);
      // The report is self-contained: its own file (and inline data: images) load, nothing else —
      // no remote image, font, stylesheet or frame a crafted description might point at.
      session.webRequest.onBeforeRequest((details, callback) =>
        callback({ cancel: !(details.url === fileUrl || details.url.startsWith('data:')) }),
      );
      await window.loadFile(file);
      return await window.webContents.printToPDF({
        pageSize: 'A4',
        printBackground: true,
        preferCSSPageSize: true,
        // 15 mm all round (inches), unless the report's own @page rule says otherwise.
        margins: { top: 0.6, bottom: 0.6, left: 0.6, right: 0.6 },
      });
    } finally {
      if (!window.isDestroyed()) window.destroy();
    }
  } finally {
    await deps.removeDir(dir);
  }
}

export interface PdfExportDeps {
  /** The save dialog: the chosen path, or undefined when cancelled. */
  chooseFile(options: SaveDialogOptions): Promise<string | undefined>;
  renderPdf(html: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array): Promise<void>;
}

/** Asks where, prints, writes. The answer names the saved file, never its folder. */
export async function exportPdf(
  deps: PdfExportDeps,
  request: ExportPdfRequest,
): Promise<ExportPdfAnswer> {
  const path = await deps.chooseFile({
    title: 'Export the audit report as PDF',
    defaultPath: pdfFileName(request.fileName),
    filters: [{ name: 'PDF document', extensions: ['pdf'] }],
  });
  if (path === undefined || path === '') return { saved: false };
  const pdf = await deps.renderPdf(request.html);
  await deps.writeFile(path, pdf);
  return { saved: true, fileName: basename(path) };
}
