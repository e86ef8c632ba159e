import type { BrowserWindow, Dialog } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { WindowState } from '../shared/node/desktop/windowState';
import { createMainWindow, webPreferences, type WindowDeps } from './mainWindow';
import { FakeWindow } from './testing/fakeElectron';

const URL = 'app://runlens/index.html';

function setup(saved: WindowState | null = null, response = 0) {
  const windows: FakeWindow[] = [];
  const boxes: Electron.MessageBoxOptions[] = [];
  const writes: WindowState[] = [];
  const timers: (() => void)[] = [];
  const dialog = {
    showMessageBox: vi.fn(async (_w: unknown, options: Electron.MessageBoxOptions) => {
      boxes.push(options);
      return { response, checkboxChecked: false };
    }),
  } as unknown as Pick<Dialog, 'showMessageBox'>;
  const deps: WindowDeps = {
    createWindow: (options) => {
      const w = new FakeWindow(options);
      windows.push(w);
      return w as unknown as BrowserWindow;
    },
    dialog,
    workAreas: () => [{ x: 0, y: 0, width: 1920, height: 1080 }],
    stateFile: { read: () => saved, write: (s) => void writes.push(s) },
    preload: '/p.cjs',
    isDev: false,
    darkBackground: () => true,
    setTimer: (callback) => {
      timers.push(callback);
      return { cancel: () => timers.splice(timers.indexOf(callback), 1) };
    },
  };
  createMainWindow(deps, URL);
  return { window: windows[0]!, boxes, writes, timers };
}

describe('webPreferences', () => {
  it("follows Electron's security checklist, DevTools only in development", () => {
    expect(webPreferences('/p.cjs', false)).toEqual({
      preload: '/p.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      devTools: false,
      spellcheck: false,
    });
    expect(webPreferences('/p.cjs', true).devTools).toBe(true);
  });
});

describe('createMainWindow', () => {
  it('reopens at the saved bounds, maximized, with a dark background before paint', () => {
    const saved = {
      bounds: { x: 40, y: 30, width: 1000, height: 700 },
      maximized: true,
      fullScreen: false,
    };
    const { window } = setup(saved);
    expect(window.options).toMatchObject({
      x: 40,
      y: 30,
      width: 1000,
      height: 700,
      show: false,
      backgroundColor: '#1e1e1e',
    });
    window.emit('ready-to-show');
    expect(window.maximize).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.loaded).toEqual([URL]);
  });

  it('saves the bounds once a resize settles, and at once on close', () => {
    const { window, writes, timers } = setup();
    window.emit('resize');
    window.emit('move');
    expect(timers).toHaveLength(1);
    expect(writes).toEqual([]);
    timers[0]!();
    expect(writes).toEqual([
      { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: false, fullScreen: false },
    ]);
    window.emit('close');
    expect(writes).toHaveLength(2);
  });

  it('offers Reload when the renderer crashes, and ignores a clean exit', async () => {
    const { window, boxes } = setup(null, 0);
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(boxes).toEqual([]);
    window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    expect(boxes[0]).toMatchObject({ buttons: ['Reload', 'Quit'] });
    expect(boxes[0]?.detail).toContain('oom');
    await vi.waitFor(() => expect(window.loaded).toEqual([URL, URL]));
  });

  it('offers Wait or Reload on a hang; Reload ends the hung renderer first', async () => {
    const { window, boxes } = setup(null, 1);
    window.webContents.emit('unresponsive');
    window.webContents.emit('unresponsive');
    expect(boxes).toHaveLength(1);
    expect(boxes[0]).toMatchObject({ buttons: ['Wait', 'Reload'] });
    await vi.waitFor(() => expect(window.loaded).toEqual([URL, URL]));
    expect(window.webContents.forcefullyCrashRenderer).toHaveBeenCalled();
  });

  it('closes the hang dialog when the window responds again', () => {
    const { window, boxes } = setup(null, 0);
    window.webContents.emit('unresponsive');
    const signal = boxes[0]?.signal;
    expect(signal?.aborted).toBe(false);
    window.webContents.emit('responsive');
    expect(signal?.aborted).toBe(true);
  });
});
