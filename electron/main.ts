/**
 * Electron main process: the composition root of the desktop shell. It wires the shared
 * InspectorService to IPC, serves the renderer from `app://runlens/`, and owns the window and menu.
 *
 * Launch: `electron dist/electron/main.cjs -- [STORE…]` (see launchArgs.ts; `runlens [STORE…]` does it).
 * Environment: RUNLENS_USER_DATA_DIR sets the user-data folder (tests use a temp one, which also
 * scopes the single-instance lock); RUNLENS_DEV=1 enables DevTools in a packaged build.
 */
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  shell,
} from 'electron';
import { join } from 'node:path';
import { ConnectionManager } from '../shared/node/connections/ConnectionManager';
import { InspectorService } from '../shared/node/service/InspectorService';
import { APP_ENTRY_URL, APP_SCHEME, createAppRequestHandler, isAppUrl } from './appProtocol';
import { EVENT_CHANNEL, STORES_CHANGED_CHANNEL } from './bridge';
import { registerIpcHandlers } from './ipc';
import { SECRETS_FILE, SafeStorageVault } from './secrets';
import { storesFromArgv, storesFromSecondInstance, type SecondInstanceData } from './launchArgs';
import { buildMenuTemplate } from './menu';
import { hardenSession, hardenWebContents } from './security';
import { describeFailures, openLocations } from './storeOpener';

// The bundle lives in dist/electron/, next to dist/renderer/.
const RENDERER_DIR = join(__dirname, '..', 'renderer');
const PRELOAD = join(__dirname, 'preload.cjs');
const isDev = !app.isPackaged || process.env.RUNLENS_DEV === '1';
const isMac = process.platform === 'darwin';

// Must run before 'ready'. `standard` gives the scheme an origin and relative URLs; `secure` makes
// it a secure context; `supportFetchAPI` lets the renderer fetch its own assets.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const userDataDir = process.env.RUNLENS_USER_DATA_DIR;
if (userDataDir) app.setPath('userData', userDataDir);

const initialStores = storesFromArgv(process.argv, process.cwd());
const lockData: SecondInstanceData = { stores: initialStores };

if (!app.requestSingleInstanceLock({ ...lockData })) {
  // Another Runlens window is open: it opens our stores (second-instance below) and we leave.
  app.quit();
} else {
  run().catch((err: unknown) => {
    console.error('runlens: the desktop shell failed to start:', err);
    app.exit(1);
  });
}

async function run(): Promise<void> {
  // Profiles and their encrypted secrets live in the app's own folder; safeStorage is only called
  // on use, after 'ready'.
  const appData = app.getPath('userData');
  // The FileStore index cache belongs to the app, never to the user's store.
  process.env.RUNLENS_CACHE_DIR ??= join(appData, 'cache');
  const connections = new ConnectionManager({
    configDir: appData,
    vault: new SafeStorageVault(safeStorage, join(appData, SECRETS_FILE)),
    env: process.env,
  });
  const service = new InspectorService({ connections });
  let window: BrowserWindow | null = null;
  // Live updates: the service watches the open stores for as long as this listener is subscribed.
  service.onEvent((event) => {
    if (window && !window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, event);
  });

  const openAndNotify = async (locations: readonly string[]): Promise<void> => {
    if (locations.length === 0) return;
    const outcome = await openLocations(service, locations);
    if (outcome.event && window && !window.isDestroyed()) {
      window.webContents.send(STORES_CHANGED_CHANNEL, outcome.event);
    }
    if (outcome.failures.length > 0) showOpenFailures(window, describeFailures(outcome.failures));
  };
  const reportErrors = (promise: Promise<void>): void => {
    promise.catch((err: unknown) => console.error('runlens:', err));
  };

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, {
      openExternal: (url) => shell.openExternal(url),
      onDroppedPath: (path) => reportErrors(openAndNotify([path])),
    });
  });
  app.on('second-instance', (_event, _argv, _cwd, additionalData) => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
    reportErrors(openAndNotify(storesFromSecondInstance(additionalData)));
  });
  // One window, read-only data, nothing to keep running in the background (macOS included).
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    service
      .dispose()
      .catch((err: unknown) => console.error('runlens: closing the stores failed:', err));
  });

  await app.whenReady();
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppRequestHandler(RENDERER_DIR));
  registerIpcHandlers(ipcMain, service, (frame) => frame !== null && isAppUrl(frame.url));

  const chooseAndOpen = async (what: 'folder' | 'database'): Promise<void> => {
    const options: Electron.OpenDialogOptions =
      what === 'folder'
        ? { title: 'Open an mlruns folder', properties: ['openDirectory'] }
        : {
            title: 'Open an MLflow database',
            properties: ['openFile'],
            filters: [
              { name: 'MLflow SQLite database', extensions: ['db', 'sqlite', 'sqlite3'] },
              { name: 'All files', extensions: ['*'] },
            ],
          };
    const choice = window
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
    if (!choice.canceled) await openAndNotify(choice.filePaths);
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(
        {
          openFolder: () => reportErrors(chooseAndOpen('folder')),
          openDatabase: () => reportErrors(chooseAndOpen('database')),
        },
        { isMac, isDev },
      ),
    ),
  );

  // Open the command-line stores before the window, so the renderer's first listStores sees them.
  const startup = await openLocations(service, initialStores);
  window = createWindow();
  if (startup.failures.length > 0) showOpenFailures(window, describeFailures(startup.failures));
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    title: 'Runlens',
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      devTools: isDev,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_ENTRY_URL).catch((err: unknown) => {
    console.error(
      `runlens: could not load the window from ${RENDERER_DIR} (run \`npm run build\`):`,
      err,
    );
  });
  return window;
}

function showOpenFailures(window: BrowserWindow | null, detail: string): void {
  console.error(`runlens: could not open:\n${detail}`);
  const options: Electron.MessageBoxOptions = {
    type: 'error',
    message: 'Runlens could not open a store',
    detail: `${detail}\n\nCheck that the path is an mlruns folder or an MLflow .db file and that it is readable.`,
  };
  const shown =
    window && !window.isDestroyed()
      ? dialog.showMessageBox(window, options)
      : dialog.showMessageBox(options);
  shown.catch(() => undefined);
}
