/**
 * Electron main process: the composition root. It hands the real Electron objects to
 * startDesktopApp (desktopApp.ts, where the behaviour is, tested with fakes) and nothing else.
 *
 * Launch: `electron dist/electron/main.cjs -- [STORE…]` (`runlens [STORE…]` does it), or the packaged
 * app with stores, `.db` files or `runlens://` links as arguments (see launchArgs.ts).
 * Environment: RUNLENS_USER_DATA_DIR sets the user-data folder (tests use a temp one, which also
 * scopes the single-instance lock); RUNLENS_DEV=1 enables DevTools in a packaged build.
 */
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  nativeTheme,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import { join } from 'node:path';
import { ConnectionManager } from '../shared/node/connections/ConnectionManager';
import { fileLogSink } from '../shared/node/log/fileLogSink';
import { InspectorService } from '../shared/node/service/InspectorService';
import { APP_SCHEME } from './appProtocol';
import { startDesktopApp } from './desktopApp';
import { SECRETS_FILE, SafeStorageVault } from './secrets';

// Must run before 'ready'. `standard` gives the scheme an origin and relative URLs; `secure` makes
// it a secure context; `supportFetchAPI` lets the renderer fetch its own assets.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

// The installers carry no better-sqlite3 (a native module for Node's ABI, see electron-builder.yml):
// databases are read through Electron's own node:sqlite, without first trying the missing module.
if (app.isPackaged) process.env.RUNLENS_SQLITE_DRIVER ??= 'node';

const userDataDir = process.env.RUNLENS_USER_DATA_DIR;
if (userDataDir) app.setPath('userData', userDataDir);

startDesktopApp({
  app,
  ipcMain,
  protocol,
  session: () => session.defaultSession,
  dialog,
  setMenu: (template) => Menu.setApplicationMenu(Menu.buildFromTemplate(template)),
  shell,
  nativeTheme,
  createWindow: (options) => new BrowserWindow(options),
  workAreas: () => screen.getAllDisplays().map((display) => display.workArea),
  // No terminal to read: INTERNAL errors' stacks (secrets redacted) go to a log in the app's folder.
  createErrorLog: (appData) => fileLogSink(join(appData, 'logs', 'runlens.log')),
  createService: (appData, errorLog) => {
    // The FileStore index cache belongs to the app, never to the user's store.
    process.env.RUNLENS_CACHE_DIR ??= join(appData, 'cache');
    // Profiles and their encrypted secrets live in the app's own folder (safeStorage after 'ready').
    const connections = new ConnectionManager({
      configDir: appData,
      vault: new SafeStorageVault(safeStorage, join(appData, SECRETS_FILE)),
      env: process.env,
    });
    return new InspectorService({ connections, errorLog, keepHistories: true });
  },
  versions: {
    app: app.getVersion(),
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
  },
  platform: process.platform,
  argv: process.argv,
  cwd: process.cwd(),
  // The bundle lives in dist/electron/, next to dist/renderer/.
  rendererDir: join(__dirname, '..', 'renderer'),
  preload: join(__dirname, 'preload.cjs'),
  isDev: !app.isPackaged || process.env.RUNLENS_DEV === '1',
});
