/**
 * Export PDF with fakes of the window and the dialog: what the hidden window may run and load, the
 * printed bytes written where the user chose, nothing left behind, and the IPC channel's sender and
 * payload checks.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  EXPORT_PDF_CHANNEL,
  MAX_PDF_HTML_LENGTH,
  pdfFileName,
  validateExportPdfRequest,
} from './desktopBridge';
import { registerDesktopIpc } from './desktopIpc';
import { PDF_PARTITION, exportPdf, renderHtmlToPdf, type PdfWindowLike } from './pdfExport';
import { FakeIpcMain } from './testing/fakeElectron';

const PDF = new TextEncoder().encode('%PDF-1.7 fake');

function fakePdfWindow(opts: { failPrint?: boolean } = {}) {
  let filter: ((url: string) => boolean) | null = null;
  const state = {
    options: undefined as unknown,
    loadedHtml: '',
    destroyed: false,
    printOptions: undefined as unknown,
    permissionDenied: false,
    allows: (url: string) => (filter ? filter(url) : true),
  };
  const window: PdfWindowLike = {
    loadFile: async (path) => {
      state.loadedHtml = readFileSync(path, 'utf8');
    },
    isDestroyed: () => state.destroyed,
    destroy: () => void (state.destroyed = true),
    webContents: {
      session: {
        setPermissionRequestHandler: (h) => {
          h?.({} as never, 'media', (granted: boolean) => (state.permissionDenied = !granted), {
            requestingUrl: '',
          } as never);
        },
        setPermissionCheckHandler: () => undefined,
        webRequest: {
          onBeforeRequest: ((
            listener: (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void,
          ) => {
            filter = (url) => {
              let cancel = true;
              listener({ url }, (r) => (cancel = r.cancel));
              return !cancel;
            };
          }) as never,
        },
      },
      printToPDF: async (options) => {
        state.printOptions = options;
        if (opts.failPrint) throw new Error('printing failed');
        return PDF;
      },
    },
  };
  return { window, state };
}

const temps: string[] = [];
afterEach(() => {
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

function renderDeps(window: PdfWindowLike, created: unknown[]) {
  const made: string[] = [];
  return {
    made,
    deps: {
      createWindow: (options: unknown) => {
        created.push(options);
        return window;
      },
      makeTempDir: async () => {
        const dir = await mkdtemp(join(tmpdir(), 'runlens-pdf-test-'));
        made.push(dir);
        temps.push(dir);
        return dir;
      },
      writeFile: (path: string, text: string) => writeFile(path, text),
      removeDir: (path: string) => rm(path, { recursive: true, force: true }),
    },
  };
}

describe('renderHtmlToPdf', () => {
  it('prints the report in a hidden window without script, loading only the report itself', async () => {
    const { window, state } = fakePdfWindow();
    const created: unknown[] = [];
    const { deps, made } = renderDeps(window, created);
    const html = '<!doctype html><title>r</title><p>Audit report</p>';
    await expect(renderHtmlToPdf(deps, html)).resolves.toBe(PDF);
    expect(created).toEqual([
      expect.objectContaining({
        show: false,
        webPreferences: expect.objectContaining({
          javascript: false,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          partition: PDF_PARTITION,
        }),
      }),
    ]);
    expect(state.loadedHtml).toBe(html);
    expect(state.printOptions).toMatchObject({ pageSize: 'A4', printBackground: true });
    expect(state.permissionDenied).toBe(true);
    const own = `file://${join(made[0]!, 'report.html')}`;
    expect(state.allows(own)).toBe(true);
    expect(state.allows('data:image/png;base64,AAAA')).toBe(true);
    expect(state.allows('https://evil.example/pixel.png')).toBe(false);
    expect(state.allows('file:///etc/passwd')).toBe(false);
    expect(state.destroyed).toBe(true);
    expect(existsSync(made[0]!)).toBe(false);
  });

  it('leaves no window and no temporary file behind when printing fails', async () => {
    const { window, state } = fakePdfWindow({ failPrint: true });
    const { deps, made } = renderDeps(window, []);
    await expect(renderHtmlToPdf(deps, '<p>x</p>')).rejects.toThrow('printing failed');
    expect(state.destroyed).toBe(true);
    expect(existsSync(made[0]!)).toBe(false);
  });
});

describe('exportPdf', () => {
  it('writes the printed bytes where the user chose and names only the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runlens-pdf-out-'));
    temps.push(dir);
    const target = join(dir, 'credit-approval v2.pdf');
    const chooseFile = vi.fn(async () => target);
    const answer = await exportPdf(
      { chooseFile, renderPdf: async () => PDF, writeFile: (p, d) => writeFile(p, d) },
      { html: '<p>r</p>', fileName: 'credit-approval-v2-audit.html' },
    );
    expect(answer).toEqual({ saved: true, fileName: 'credit-approval v2.pdf' });
    expect(chooseFile).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: 'credit-approval-v2-audit.pdf' }),
    );
    expect(readFileSync(target)).toEqual(Buffer.from(PDF));
  });

  it('prints nothing when the dialog is cancelled', async () => {
    const renderPdf = vi.fn(async () => PDF);
    const writeFileSpy = vi.fn(async () => undefined);
    await expect(
      exportPdf(
        { chooseFile: async () => undefined, renderPdf, writeFile: writeFileSpy },
        { html: '<p>r</p>', fileName: 'r.html' },
      ),
    ).resolves.toEqual({ saved: false });
    expect(renderPdf).not.toHaveBeenCalled();
    expect(writeFileSpy).not.toHaveBeenCalled();
  });
});

describe('the Export PDF request', () => {
  it('accepts HTML within the limit and a bare file name only', () => {
    expect(validateExportPdfRequest({ html: '<p/>', fileName: 'r.html' })).toEqual({
      html: '<p/>',
      fileName: 'r.html',
    });
    for (const bad of [
      null,
      'x',
      { html: '', fileName: 'r.html' },
      { html: 'x'.repeat(MAX_PDF_HTML_LENGTH + 1), fileName: 'r.html' },
      { html: '<p/>', fileName: '../r.html' },
      { html: '<p/>', fileName: '/etc/r.html' },
      { html: '<p/>', fileName: 'a\\b.html' },
      { html: '<p/>', fileName: 'r\0.html' },
      { html: '<p/>', fileName: '..' },
      { html: '<p/>', fileName: '' },
      { html: 42, fileName: 'r.html' },
    ]) {
      expect(validateExportPdfRequest(bad)).toBeNull();
    }
    expect(pdfFileName('report.html')).toBe('report.pdf');
    expect(pdfFileName('report')).toBe('report.pdf');
    expect(pdfFileName('.html')).toBe('report.pdf');
  });

  it('is answered for the app frame only, and failures do not leak details', async () => {
    const ipcMain = new FakeIpcMain();
    const exportPdfAction = vi.fn(async () => ({ saved: true, fileName: 'r.pdf' }));
    registerDesktopIpc(
      ipcMain,
      { openPaths: async () => ({ opened: 0, failed: 0 }), exportPdf: exportPdfAction },
      (frame) => frame !== null && frame.url.startsWith('app://runlens/'),
    );
    const app = { url: 'app://runlens/index.html', parent: null };
    const request = { html: '<p/>', fileName: 'r.html' };
    await expect(
      ipcMain.invoke(EXPORT_PDF_CHANNEL, { url: 'https://evil.example/', parent: null }, request),
    ).resolves.toEqual({ saved: false, error: 'UNAUTHORIZED' });
    await expect(
      ipcMain.invoke(EXPORT_PDF_CHANNEL, app, { html: '<p/>', fileName: '../x' }),
    ).resolves.toEqual({ saved: false, error: 'INVALID_ARGUMENT' });
    expect(exportPdfAction).not.toHaveBeenCalled();
    await expect(ipcMain.invoke(EXPORT_PDF_CHANNEL, app, request)).resolves.toEqual({
      saved: true,
      fileName: 'r.pdf',
    });
    exportPdfAction.mockRejectedValueOnce(new Error('EACCES: /home/me/secret/r.pdf'));
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(ipcMain.invoke(EXPORT_PDF_CHANNEL, app, request)).resolves.toEqual({
      saved: false,
      error: 'EXPORT_FAILED',
    });
    errors.mockRestore();
  });
});
