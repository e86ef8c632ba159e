/**
 * The Runlens window: its locked-down webPreferences, the bounds it reopens with, and what happens
 * when its renderer crashes or hangs (a dialog with Reload instead of a white window).
 * Electron objects are passed in (types only from 'electron'), so all of it runs against fakes.
 */
import type {
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Dialog,
  MessageBoxOptions,
  WebPreferences,
} from 'electron';
import {
  MIN_SIZE,
  initialBounds,
  type Rect,
  type WindowStateFile,
} from '../shared/node/desktop/windowState';

/** Electron's checklist (STYLE.md): the renderer has no Node, its own isolated world, the sandbox. */
export function webPreferences(preload: string, isDev: boolean): WebPreferences {
  return {
    preload,
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
    devTools: isDev,
    spellcheck: false,
  };
}

export interface WindowDeps {
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  dialog: Pick<Dialog, 'showMessageBox'>;
  workAreas: () => Rect[];
  stateFile: Pick<WindowStateFile, 'read' | 'write'>;
  preload: string;
  isDev: boolean;
  /** Dark window background before the page paints, so a dark theme does not flash white. */
  darkBackground: () => boolean;
  /** Delays the bounds write while the user drags or resizes. */
  setTimer: (callback: () => void, ms: number) => { cancel(): void };
}

const SAVE_DELAY_MS = 500;

export function createMainWindow(deps: WindowDeps, url: string): BrowserWindow {
  const bounds = initialBounds(deps.stateFile.read(), deps.workAreas());
  const { maximized, fullScreen, ...size } = bounds;
  const window = deps.createWindow({
    ...size,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Runlens',
    show: false,
    backgroundColor: deps.darkBackground() ? '#1e1e1e' : '#ffffff',
    webPreferences: webPreferences(deps.preload, deps.isDev),
  });
  window.once('ready-to-show', () => {
    if (maximized) window.maximize();
    if (fullScreen) window.setFullScreen(true);
    window.show();
  });
  rememberBounds(window, deps);
  watchHealth(window, deps.dialog, url);
  window.loadURL(url).catch((err: unknown) => {
    // A link opened at startup replaces this load with the same page at its route: not a failure.
    if ((err as { code?: unknown }).code === 'ERR_ABORTED') return;
    console.error('runlens: could not load the window (run `npm run build`):', err);
  });
  return window;
}

function rememberBounds(window: BrowserWindow, deps: WindowDeps): void {
  let pending: { cancel(): void } | null = null;
  const save = (): void => {
    pending?.cancel();
    pending = null;
    if (window.isDestroyed()) return;
    try {
      // The normal bounds: a maximized window reopens maximized over the size it had before.
      deps.stateFile.write({
        bounds: window.getNormalBounds(),
        maximized: window.isMaximized(),
        fullScreen: window.isFullScreen(),
      });
    } catch (err) {
      console.error('runlens: could not save the window size:', err);
    }
  };
  const later = (): void => {
    pending?.cancel();
    pending = deps.setTimer(save, SAVE_DELAY_MS);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', save);
  window.on('unmaximize', save);
  window.on('close', save);
}

/**
 * A crashed renderer (`render-process-gone`, not a clean exit) or a hung one (`unresponsive`) gets a
 * dialog offering Reload. A hang that ends by itself (`responsive`) closes its dialog.
 */
export function watchHealth(
  window: BrowserWindow,
  dialog: Pick<Dialog, 'showMessageBox'>,
  url: string,
): void {
  const contents = window.webContents;
  const reload = (): void => {
    window.loadURL(url).catch((err: unknown) => console.error('runlens: reload failed:', err));
  };
  contents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    const options: MessageBoxOptions = {
      type: 'error',
      message: 'The Runlens window stopped working',
      detail: `Its page ended unexpectedly (${details.reason}). Reload it to continue; your stores are untouched.`,
      buttons: ['Reload', 'Quit'],
      defaultId: 0,
      cancelId: 1,
    };
    void dialog.showMessageBox(window, options).then(({ response }) => {
      if (window.isDestroyed()) return;
      if (response === 0) reload();
      else window.close();
    });
  });
  let hang: AbortController | null = null;
  contents.on('unresponsive', () => {
    if (hang) return;
    hang = new AbortController();
    const options: MessageBoxOptions = {
      type: 'warning',
      message: 'Runlens is not responding',
      detail: 'The window is busy. Wait for it, or reload it.',
      buttons: ['Wait', 'Reload'],
      defaultId: 0,
      cancelId: 0,
      signal: hang.signal,
    };
    void dialog.showMessageBox(window, options).then(({ response }) => {
      hang = null;
      if (response !== 1 || window.isDestroyed()) return;
      // A hung page cannot unload itself: end its process, then load the app again.
      contents.forcefullyCrashRenderer();
      reload();
    });
  });
  contents.on('responsive', () => {
    hang?.abort();
    hang = null;
  });
}
