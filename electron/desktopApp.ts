/**
 * The desktop app's lifecycle, with every Electron object passed in (main.ts passes the real ones;
 * the tests pass fakes): the single-instance lock and what a second launch hands over, macOS's
 * open-file and open-url, the `runlens://` protocol, the hardened session and web contents, the
 * `app://` scheme, IPC, the menu, the theme, and the one window.
 */
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Dialog,
  MenuItemConstructorOptions,
  NativeTheme,
  Protocol,
  Session,
  Shell,
  WebContents,
} from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunlensEvent, RunlensHandlers } from '../shared/common/contract';
import { LINK_PROTOCOL, isRouteHash } from '../shared/node/desktop/deepLink';
import { RecentStores } from '../shared/node/desktop/recentStores';
import type { LogSink } from '../shared/node/log/errorLog';
import { readStateFile, writeStateFile } from '../shared/node/desktop/stateFile';
import { WindowStateFile, type Rect } from '../shared/node/desktop/windowState';
import { APP_ENTRY_URL, APP_SCHEME, createAppRequestHandler } from './appProtocol';
import { EVENT_CHANNEL, STORES_CHANGED_CHANNEL } from './bridge';
import { COMMAND_CHANNEL, type DesktopCommand } from './desktopBridge';
import { registerDesktopIpc } from './desktopIpc';
import { registerIpcHandlers, type IpcMainLike } from './ipc';
import { exportPdf, renderHtmlToPdf } from './pdfExport';
import { launchTargets, targetsFromSecondInstance, type LaunchTargets } from './launchArgs';
import { createMainWindow } from './mainWindow';
import {
  DOCS_URL,
  THEME_SOURCES,
  aboutDetail,
  buildMenuTemplate,
  type ThemeSource,
  type Versions,
} from './menu';
import { hardenSession, hardenWebContents, isAppMainFrame, isSafeExternalUrl } from './security';
import { StoreActions, rememberingOpens } from './storeActions';

export interface DesktopService extends RunlensHandlers {
  onEvent(listener: (event: RunlensEvent) => void): () => void;
  dispose(): Promise<void>;
}

export interface DesktopDeps {
  app: Pick<
    App,
    | 'requestSingleInstanceLock'
    | 'quit'
    | 'on'
    | 'whenReady'
    | 'getPath'
    | 'isPackaged'
    | 'setAsDefaultProtocolClient'
    | 'addRecentDocument'
  >;
  ipcMain: IpcMainLike;
  protocol: Pick<Protocol, 'handle'>;
  session: () => Session;
  dialog: Pick<Dialog, 'showOpenDialog' | 'showMessageBox' | 'showSaveDialog'>;
  /** Menu.setApplicationMenu(Menu.buildFromTemplate(template)). */
  setMenu: (template: MenuItemConstructorOptions[]) => void;
  shell: Pick<Shell, 'openExternal'>;
  nativeTheme: Pick<NativeTheme, 'themeSource' | 'shouldUseDarkColors'>;
  createWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow;
  workAreas: () => Rect[];
  /** Where INTERNAL errors are logged, with their stack (main.ts: logs/runlens.log in the data folder). */
  createErrorLog: (userDataDir: string) => LogSink;
  /** The service, logging its INTERNAL errors to `errorLog`. */
  createService: (userDataDir: string, errorLog: LogSink) => DesktopService;
  versions: Versions;
  platform: NodeJS.Platform;
  argv: readonly string[];
  cwd: string;
  rendererDir: string;
  preload: string;
  isDev: boolean;
}

const SETTINGS_FILE = 'settings.json';

function savedTheme(path: string): ThemeSource {
  const theme = (readStateFile(path) as { theme?: unknown } | undefined)?.theme;
  return THEME_SOURCES.find((t) => t === theme) ?? 'system';
}

/** Returns false when another Runlens already runs (it got our targets; this process quits). */
export function startDesktopApp(deps: DesktopDeps): boolean {
  const { app } = deps;
  const initial = launchTargets(deps.argv, deps.cwd, app.isPackaged);
  if (!app.requestSingleInstanceLock({ ...initial })) {
    app.quit();
    return false;
  }

  // Targets that arrive before the window exists (macOS sends open-file/open-url before 'ready').
  const early: LaunchTargets = { stores: [...initial.stores], links: [...initial.links] };
  let handle: ((targets: LaunchTargets) => void) | null = null;
  const receive = (targets: LaunchTargets): void => {
    if (handle) handle(targets);
    else {
      early.stores.push(...targets.stores);
      early.links.push(...targets.links);
    }
  };
  app.on('open-file', (event, path) => {
    event.preventDefault();
    receive({ stores: [path], links: [] });
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    receive({ stores: [], links: [url] });
  });
  let window: BrowserWindow | null = null;
  app.on('second-instance', (_event, _argv, _cwd, data) => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    receive(targetsFromSecondInstance(data));
  });
  // Windows and Linux installers register the scheme through this; macOS through Info.plist.
  if (app.isPackaged) app.setAsDefaultProtocolClient(LINK_PROTOCOL);
  // One window, read-only data, nothing to keep running in the background (macOS included).
  app.on('window-all-closed', () => app.quit());

  app
    .whenReady()
    .then(() => {
      window = ready(
        deps,
        (w) => (window = w),
        (h) => (handle = h),
        early,
      );
    })
    .catch((err: unknown) => {
      console.error('runlens: the desktop shell failed to start:', err);
      app.quit();
    });
  return true;
}

function ready(
  deps: DesktopDeps,
  setWindow: (window: BrowserWindow) => void,
  setHandler: (handler: (targets: LaunchTargets) => void) => void,
  early: LaunchTargets,
): BrowserWindow {
  const { app } = deps;
  const userData = app.getPath('userData');
  const errorLog = deps.createErrorLog(userData);
  const service = deps.createService(userData, errorLog);
  let window: BrowserWindow | null = null;
  const live = (): BrowserWindow | null => (window && !window.isDestroyed() ? window : null);
  const send = (channel: string, payload: unknown): void =>
    live()?.webContents.send(channel, payload);
  const report = (promise: Promise<unknown>): void => {
    promise.catch((err: unknown) => console.error('runlens:', err));
  };

  const recents = new RecentStores(userData);
  const settingsPath = join(userData, SETTINGS_FILE);
  deps.nativeTheme.themeSource = savedTheme(settingsPath);
  const actions: StoreActions = new StoreActions({
    service: rememberingOpens(service, (store) => actions.remember(store)),
    recents,
    dialog: deps.dialog,
    currentUrl: () => live()?.webContents.getURL() ?? '',
    notifyStores: (event) => send(STORES_CHANGED_CHANNEL, event),
    navigate: (hash) => {
      const w = live();
      // Same document, new hash: the renderer's hash router shows the view without reloading.
      if (w && isRouteHash(hash)) report(w.loadURL(`${APP_ENTRY_URL}${hash}`));
    },
    recentsChanged: () => buildMenu(),
    addRecentDocument: (path) => app.addRecentDocument(path),
  });
  const handlers = rememberingOpens(service, (store) => actions.remember(store));
  const command = (cmd: DesktopCommand): void => send(COMMAND_CHANNEL, cmd);

  const chooseAndOpen = async (what: 'folder' | 'database'): Promise<void> => {
    const options: Electron.OpenDialogOptions =
      what === 'folder'
        ? {
            title: 'Open an mlruns folder (or a folder holding mlruns/ or mlflow.db)',
            properties: ['openDirectory'],
          }
        : {
            title: 'Open an MLflow database',
            properties: ['openFile'],
            filters: [
              { name: 'MLflow SQLite database', extensions: ['db', 'sqlite', 'sqlite3'] },
              { name: 'All files', extensions: ['*'] },
            ],
          };
    const w = live();
    const choice = w
      ? await deps.dialog.showOpenDialog(w, options)
      : await deps.dialog.showOpenDialog(options);
    if (!choice.canceled) await actions.open(choice.filePaths);
  };
  const buildMenu = (): void => {
    deps.setMenu(
      buildMenuTemplate(
        {
          openFolder: () => report(chooseAndOpen('folder')),
          openDatabase: () => report(chooseAndOpen('database')),
          connectToServer: () => command({ type: 'connectToServer' }),
          openRecent: (location) => report(actions.openRecent(location)),
          clearRecent: () => actions.clearRecent(),
          closeStore: () => report(actions.closeCurrent()),
          setTheme: (theme) => {
            deps.nativeTheme.themeSource = theme;
            writeStateFile(settingsPath, { theme });
            buildMenu();
          },
          openDocs: () => report(deps.shell.openExternal(DOCS_URL)),
          showAbout: () =>
            report(
              deps.dialog.showMessageBox({
                type: 'info',
                title: 'About Runlens',
                message: 'Runlens',
                detail: aboutDetail(deps.versions),
              }),
            ),
        },
        {
          isMac: deps.platform === 'darwin',
          isDev: deps.isDev,
          recent: recents.list(),
          theme: savedTheme(settingsPath),
        },
      ),
    );
  };

  service.onEvent((event) => send(EVENT_CHANNEL, event));
  app.on('will-quit', () => {
    service.dispose().catch((err: unknown) => console.error('runlens: closing the stores:', err));
  });
  app.on('web-contents-created', (_event, contents: WebContents) => {
    hardenWebContents(contents, {
      openExternal: (url) =>
        isSafeExternalUrl(url) ? deps.shell.openExternal(url) : Promise.resolve(),
      onDroppedPath: (path) => report(actions.open([path])),
    });
  });
  hardenSession(deps.session());
  deps.protocol.handle(APP_SCHEME, createAppRequestHandler(deps.rendererDir));
  registerIpcHandlers(deps.ipcMain, handlers, isAppMainFrame, errorLog);
  registerDesktopIpc(
    deps.ipcMain,
    {
      openPaths: (paths) => actions.open(paths),
      exportPdf: (request) =>
        exportPdf(
          {
            chooseFile: async (options) => {
              const w = live();
              const choice = w
                ? await deps.dialog.showSaveDialog(w, options)
                : await deps.dialog.showSaveDialog(options);
              return choice.canceled ? undefined : choice.filePath;
            },
            renderPdf: (html) =>
              renderHtmlToPdf(
                {
                  createWindow: deps.createWindow,
                  makeTempDir: () => mkdtemp(join(tmpdir(), 'runlens-pdf-')),
                  writeFile: (path, text) => writeFile(path, text, { mode: 0o600 }),
                  removeDir: (path) => rm(path, { recursive: true, force: true }),
                },
                html,
              ),
            writeFile: (path, data) => writeFile(path, data),
          },
          request,
        ),
    },
    isAppMainFrame,
  );
  buildMenu();

  window = createMainWindow(
    {
      createWindow: deps.createWindow,
      dialog: deps.dialog,
      workAreas: deps.workAreas,
      stateFile: new WindowStateFile(userData),
      preload: deps.preload,
      isDev: deps.isDev,
      darkBackground: () => deps.nativeTheme.shouldUseDarkColors,
      setTimer: (callback, ms) => {
        const timer = setTimeout(callback, ms);
        return { cancel: () => clearTimeout(timer) };
      },
    },
    APP_ENTRY_URL,
  );
  setWindow(window);
  const handle = (targets: LaunchTargets): void => {
    // Stores first, then links one by one: a link's view needs its store open.
    report(
      (async () => {
        await actions.open(targets.stores);
        for (const link of targets.links) await actions.openLink(link);
      })(),
    );
  };
  setHandler(handle);
  handle(early);
  return window;
}
