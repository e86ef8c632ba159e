/**
 * Fakes of the Electron objects the main process uses (app, BrowserWindow, webContents, dialog,
 * ipcMain, protocol, session, shell, nativeTheme), for tests that run without an Electron binary.
 * They record what the code did and let a test fire the events Electron would.
 */
import { EventEmitter } from 'node:events';
import type { BrowserWindow, BrowserWindowConstructorOptions, Session } from 'electron';
import { vi } from 'vitest';
import type { DesktopDeps } from '../desktopApp';
import type { IpcInvokeEventLike, IpcMainLike } from '../ipc';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

export class FakeWebContents extends EventEmitter {
  url = '';
  sent: [string, unknown][] = [];
  send = vi.fn((channel: string, payload: unknown) => void this.sent.push([channel, payload]));
  getURL = (): string => this.url;
  forcefullyCrashRenderer = vi.fn();
  setWindowOpenHandler = vi.fn();
}

export class FakeWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  destroyed = false;
  minimized = false;
  maximized = false;
  loaded: string[] = [];
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
  }
  loadURL = vi.fn(async (url: string) => {
    this.loaded.push(url);
    this.webContents.url = url;
  });
  isDestroyed = (): boolean => this.destroyed;
  isMinimized = (): boolean => this.minimized;
  isMaximized = (): boolean => this.maximized;
  isFullScreen = (): boolean => false;
  restore = vi.fn(() => (this.minimized = false));
  focus = vi.fn();
  show = vi.fn();
  close = vi.fn();
  maximize = vi.fn();
  setFullScreen = vi.fn();
  getNormalBounds = () => ({ x: 10, y: 20, width: 900, height: 700 });
}

export class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, Listener>();
  readonly listeners = new Map<string, ((event: IpcInvokeEventLike, ...a: unknown[]) => void)[]>();
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: (event: IpcInvokeEventLike, ...a: unknown[]) => void): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  }
  removeListener(): void {}
  invoke(channel: string, frame: IpcInvokeEventLike['senderFrame'], ...args: unknown[]) {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`nothing handles ${channel}`);
    return handler({ senderFrame: frame }, ...args);
  }
}

export interface FakeElectron {
  deps: DesktopDeps;
  app: EventEmitter & {
    lock: boolean;
    lockData: unknown;
    quit: ReturnType<typeof vi.fn>;
    setAsDefaultProtocolClient: ReturnType<typeof vi.fn>;
    addRecentDocument: ReturnType<typeof vi.fn>;
  };
  windows: FakeWindow[];
  ipcMain: FakeIpcMain;
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  menus: Electron.MenuItemConstructorOptions[][];
  messageBoxes: Electron.MessageBoxOptions[];
  /** The answer (button index) the next message boxes give. */
  messageBoxResponse: { value: number };
  openDialogPaths: { value: string[] };
  /** The path the next save dialogs answer ('' = cancelled), and the options they were shown with. */
  saveDialogPath: { value: string };
  saveDialogs: Electron.SaveDialogOptions[];
  openExternal: ReturnType<typeof vi.fn>;
  nativeTheme: { themeSource: 'system' | 'light' | 'dark'; shouldUseDarkColors: boolean };
  permissionHandlers: { request?: unknown; check?: unknown };
  /** What the app's error log received, and for which data folder. */
  errorLog: { userDataDir: string; entry: string }[];
}

export function fakeElectron(
  overrides: Partial<DesktopDeps> & { userData: string; packaged?: boolean; lock?: boolean },
): FakeElectron {
  const app = Object.assign(new EventEmitter(), {
    lock: overrides.lock ?? true,
    lockData: undefined as unknown,
    quit: vi.fn(),
    setAsDefaultProtocolClient: vi.fn(() => true),
    addRecentDocument: vi.fn(),
  });
  const windows: FakeWindow[] = [];
  const ipcMain = new FakeIpcMain();
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const menus: Electron.MenuItemConstructorOptions[][] = [];
  const messageBoxes: Electron.MessageBoxOptions[] = [];
  const messageBoxResponse = { value: 0 };
  const openDialogPaths = { value: [] as string[] };
  const saveDialogPath = { value: '' };
  const saveDialogs: Electron.SaveDialogOptions[] = [];
  const openExternal = vi.fn(async () => undefined);
  const nativeTheme = {
    themeSource: 'system' as 'system' | 'light' | 'dark',
    shouldUseDarkColors: false,
  };
  const permissionHandlers: { request?: unknown; check?: unknown } = {};
  const errorLog: { userDataDir: string; entry: string }[] = [];
  const showMessageBox = async (...args: unknown[]) => {
    const options = (args.length > 1 ? args[1] : args[0]) as Electron.MessageBoxOptions;
    messageBoxes.push(options);
    return { response: messageBoxResponse.value, checkboxChecked: false };
  };
  const fakeApp = {
    requestSingleInstanceLock: (data: unknown) => {
      app.lockData = data;
      return app.lock;
    },
    quit: app.quit,
    on: (event: string, listener: (...args: unknown[]) => void) => app.on(event, listener),
    whenReady: () => Promise.resolve(),
    getPath: () => overrides.userData,
    isPackaged: overrides.packaged ?? false,
    setAsDefaultProtocolClient: app.setAsDefaultProtocolClient,
    addRecentDocument: app.addRecentDocument,
  };
  const deps = {
    app: fakeApp as unknown as DesktopDeps['app'],
    ipcMain,
    protocol: {
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
        void protocolHandlers.set(scheme, handler),
    } as unknown as DesktopDeps['protocol'],
    session: () =>
      ({
        setPermissionRequestHandler: (h: unknown) => (permissionHandlers.request = h),
        setPermissionCheckHandler: (h: unknown) => (permissionHandlers.check = h),
      }) as unknown as Session,
    dialog: {
      showMessageBox,
      showOpenDialog: async () => ({
        canceled: openDialogPaths.value.length === 0,
        filePaths: openDialogPaths.value,
      }),
      showSaveDialog: async (...args: unknown[]) => {
        saveDialogs.push((args.length > 1 ? args[1] : args[0]) as Electron.SaveDialogOptions);
        return { canceled: saveDialogPath.value === '', filePath: saveDialogPath.value };
      },
    } as unknown as DesktopDeps['dialog'],
    setMenu: (template: Electron.MenuItemConstructorOptions[]) => void menus.push(template),
    shell: { openExternal } as unknown as DesktopDeps['shell'],
    nativeTheme: nativeTheme as unknown as DesktopDeps['nativeTheme'],
    createWindow: (options: BrowserWindowConstructorOptions) => {
      const window = new FakeWindow(options);
      windows.push(window);
      return window as unknown as BrowserWindow;
    },
    workAreas: () => [{ x: 0, y: 0, width: 1920, height: 1080 }],
    versions: { app: '0.1.0', electron: '45.5.0', chrome: '142.0.0.0', node: '22.20.0' },
    platform: 'linux' as NodeJS.Platform,
    argv: ['electron', 'main.cjs', '--'],
    cwd: '/',
    rendererDir: overrides.userData,
    preload: '/app/dist/electron/preload.cjs',
    isDev: false,
    createErrorLog: (userDataDir: string) => (entry: string) =>
      void errorLog.push({ userDataDir, entry }),
    ...overrides,
  } as DesktopDeps;
  return {
    deps,
    app,
    windows,
    ipcMain,
    protocolHandlers,
    menus,
    messageBoxes,
    messageBoxResponse,
    openDialogPaths,
    saveDialogPath,
    saveDialogs,
    openExternal,
    nativeTheme,
    permissionHandlers,
    errorLog,
  };
}
