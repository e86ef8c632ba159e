import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, ipcChannel } from '../shared/common/contract';
import { InspectorService } from '../shared/node/service/InspectorService';
import { STORES_CHANGED_CHANNEL } from './bridge';
import { COMMAND_CHANNEL, EXPORT_PDF_CHANNEL, OPEN_PATHS_CHANNEL } from './desktopBridge';
import { startDesktopApp, type DesktopService } from './desktopApp';
import { fakeElectron, type FakeElectron } from './testing/fakeElectron';

const FIXTURE = resolve(__dirname, '../test/fixtures/mlflow-3.1.2.dev0');
const MLRUNS = join(FIXTURE, 'mlruns');
const DB = join(FIXTURE, 'mlflow.db');
const IDS = JSON.parse(readFileSync(join(FIXTURE, 'ids-file.json'), 'utf8')) as {
  experiments: Record<string, string>;
  runs: Record<string, string>;
};
const APP_FRAME = { url: 'app://runlens/index.html', parent: null };

let userData: string;
let services: DesktopService[];
beforeEach(() => {
  userData = mkdtempSync(join(tmpdir(), 'runlens-app-'));
  writeFileSync(join(userData, 'index.html'), '<!doctype html><div id="root"></div>');
  services = [];
  // The FileStore index cache of these tests stays in their temp folder.
  vi.stubEnv('RUNLENS_CACHE_DIR', join(userData, 'cache'));
});
afterEach(async () => {
  await Promise.all(services.map((s) => s.dispose()));
  vi.unstubAllEnvs();
  rmSync(userData, { recursive: true, force: true });
});

function start(options: { argv?: string[]; packaged?: boolean; lock?: boolean } = {}) {
  const fake = fakeElectron({
    userData,
    ...(options.packaged !== undefined ? { packaged: options.packaged } : {}),
    ...(options.lock !== undefined ? { lock: options.lock } : {}),
    ...(options.argv ? { argv: options.argv } : {}),
    createService: () => {
      const service = new InspectorService();
      services.push(service);
      return service;
    },
  });
  const started = startDesktopApp(fake.deps);
  return { fake, started };
}

/** Waits until the window exists and the work queued at startup settled. */
async function windowOf(fake: FakeElectron) {
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1));
  return fake.windows[0]!;
}

const storesChanged = (fake: FakeElectron) =>
  fake.windows[0]!.webContents.sent.filter(([channel]) => channel === STORES_CHANGED_CHANNEL);

async function listStores(fake: FakeElectron) {
  return (await fake.ipcMain.invoke(ipcChannel('listStores'), APP_FRAME, {})) as {
    ok: true;
    value: { storeId: string; location: string }[];
  };
}

describe('startDesktopApp: single instance', () => {
  it('hands its stores and links to the running app and quits when the lock is taken', () => {
    const link = 'runlens://open?store=%2Fx';
    const { fake, started } = start({
      lock: false,
      argv: ['electron', 'main.cjs', '--', './mlruns', link],
    });
    expect(started).toBe(false);
    expect(fake.app.quit).toHaveBeenCalled();
    expect(fake.app.lockData).toEqual({ stores: ['/mlruns'], links: [link] });
    expect(fake.windows).toHaveLength(0);
  });

  it('opens what a second launch hands over in the one window, restoring it', async () => {
    const { fake } = start();
    const window = await windowOf(fake);
    window.minimized = true;
    fake.app.emit('second-instance', {}, [], '/', { stores: [MLRUNS], links: [] });
    await vi.waitFor(() => expect(storesChanged(fake)).toHaveLength(1));
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect((await listStores(fake)).value.map((s) => s.location)).toEqual([MLRUNS]);
    expect(fake.windows).toHaveLength(1);
  });

  it('registers runlens:// only when packaged', async () => {
    expect(start().fake.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    expect(start({ packaged: true }).fake.app.setAsDefaultProtocolClient).toHaveBeenCalledWith(
      'runlens',
    );
  });
});

describe('startDesktopApp: error log', () => {
  it('gives the service and the IPC handlers the log of its data folder', async () => {
    let serviceLog: ((entry: string) => void) | undefined;
    const fake = fakeElectron({
      userData,
      createService: (_dir, errorLog) => {
        serviceLog = errorLog;
        const service = new InspectorService({ errorLog });
        // A handler that throws past its Result (a bug): ipc.ts must log it.
        Object.defineProperty(service, 'listStores', {
          value: async () => {
            throw new Error('handler bug');
          },
        });
        services.push(service);
        return service;
      },
    });
    startDesktopApp(fake.deps);
    await windowOf(fake);
    const answer = await listStores(fake);
    expect(answer).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL', message: 'handler bug' },
    });
    expect(fake.errorLog).toHaveLength(1);
    expect(fake.errorLog[0]?.userDataDir).toBe(userData);
    expect(fake.errorLog[0]?.entry).toContain('INTERNAL error in listStores (IPC)');
    serviceLog?.('from the service');
    expect(fake.errorLog[1]).toEqual({ userDataDir: userData, entry: 'from the service' });
  });
});

describe('startDesktopApp: opening stores', () => {
  it('opens the command-line stores and a macOS open-file sent before ready', async () => {
    const { fake } = start({ argv: ['electron', 'main.cjs', '--', MLRUNS] });
    const event = { preventDefault: vi.fn() };
    fake.app.emit('open-file', event, DB);
    expect(event.preventDefault).toHaveBeenCalled();
    await windowOf(fake);
    await vi.waitFor(async () =>
      expect((await listStores(fake)).value.map((s) => s.location)).toEqual([MLRUNS, DB]),
    );
  });

  it('follows a runlens:// link to its run: store opened, window at the run route', async () => {
    const run = IDS.runs['iris-0']!;
    const link = `runlens://open?store=${encodeURIComponent(MLRUNS)}&run=${run}`;
    const { fake } = start({ argv: ['Runlens', link], packaged: true });
    const window = await windowOf(fake);
    await vi.waitFor(() =>
      expect(window.loaded.at(-1)).toMatch(
        new RegExp(`^app://runlens/index.html#/run/s\\d+/${run}$`),
      ),
    );
    const experiment = IDS.experiments.iris!;
    fake.app.emit(
      'open-url',
      { preventDefault: vi.fn() },
      `runlens://open?store=${encodeURIComponent(MLRUNS)}&experiment=${experiment}`,
    );
    await vi.waitFor(() => expect(window.loaded.at(-1)).toMatch(/#\/runs\?e=s\d+%3A\d+$/));
  });

  it('refuses a malformed link with a message, opening nothing', async () => {
    const { fake } = start({
      argv: ['Runlens', 'runlens://open?store=%5C%5Cevil%5Cshare'],
      packaged: true,
    });
    await windowOf(fake);
    await vi.waitFor(() => expect(fake.messageBoxes).toHaveLength(1));
    expect(fake.messageBoxes[0]?.message).toBe('Runlens cannot open this link');
    expect((await listStores(fake)).value).toEqual([]);
  });

  it('File ▸ Open Folder… opens the chosen folder and remembers it in Open Recent', async () => {
    const { fake } = start();
    await windowOf(fake);
    fake.openDialogPaths.value = [MLRUNS];
    clickMenu(fake, 'Open Folder…');
    await vi.waitFor(() => expect(storesChanged(fake)).toHaveLength(1));
    await vi.waitFor(() => expect(recentLabels(fake)).toEqual([`— ${MLRUNS}`]));
    expect(fake.app.addRecentDocument).toHaveBeenCalledWith(MLRUNS);
  });

  it('a store the renderer opens is remembered too, and a failure is shown once', async () => {
    const { fake } = start();
    await windowOf(fake);
    await fake.ipcMain.invoke(ipcChannel('openStore'), APP_FRAME, { location: DB });
    expect(recentLabels(fake)).toEqual([`— ${DB}`]);
    fake.openDialogPaths.value = ['/no/such/mlflow.db'];
    clickMenu(fake, 'Open Database…');
    await vi.waitFor(() => expect(fake.messageBoxes).toHaveLength(1));
    expect(fake.messageBoxes[0]?.detail).toContain('/no/such/mlflow.db');
  });

  it('opens dropped paths from the app frame only, validated', async () => {
    const { fake } = start();
    await windowOf(fake);
    await expect(
      fake.ipcMain.invoke(OPEN_PATHS_CHANNEL, { url: 'https://evil.example/', parent: null }, [
        MLRUNS,
      ]),
    ).resolves.toMatchObject({ error: 'UNAUTHORIZED' });
    await expect(
      fake.ipcMain.invoke(OPEN_PATHS_CHANNEL, APP_FRAME, ['relative/mlruns']),
    ).resolves.toMatchObject({ error: 'INVALID_ARGUMENT' });
    expect((await listStores(fake)).value).toEqual([]);
    await expect(fake.ipcMain.invoke(OPEN_PATHS_CHANNEL, APP_FRAME, [MLRUNS])).resolves.toEqual({
      opened: 1,
      failed: 0,
      storeId: expect.any(String),
    });
  });

  it('Export PDF asks where with a save dialog and prints nothing when it is cancelled', async () => {
    const { fake } = start();
    await windowOf(fake);
    const windows = fake.windows.length;
    await expect(
      fake.ipcMain.invoke(EXPORT_PDF_CHANNEL, APP_FRAME, {
        html: '<p>report</p>',
        fileName: 'credit-approval-v2.html',
      }),
    ).resolves.toEqual({ saved: false });
    expect(fake.saveDialogs).toEqual([
      expect.objectContaining({ defaultPath: 'credit-approval-v2.pdf' }),
    ]);
    expect(fake.windows).toHaveLength(windows);
  });

  it('File ▸ Close Store closes the store the window shows and goes home', async () => {
    const { fake } = start({ argv: ['electron', 'main.cjs', '--', MLRUNS, DB] });
    const window = await windowOf(fake);
    await vi.waitFor(async () => expect((await listStores(fake)).value).toHaveLength(2));
    const db = (await listStores(fake)).value.find((s) => s.location === DB)!;
    window.webContents.url = `app://runlens/index.html#/runs?e=${db.storeId}%3A0`;
    clickMenu(fake, 'Close Store');
    await vi.waitFor(async () =>
      expect((await listStores(fake)).value.map((s) => s.location)).toEqual([MLRUNS]),
    );
    await vi.waitFor(() => expect(window.loaded.at(-1)).toBe('app://runlens/index.html#/'));
  });
});

describe('startDesktopApp: the window and the app', () => {
  it('locks the window down and loads the app from app://', async () => {
    const { fake } = start();
    const window = await windowOf(fake);
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
      devTools: false,
      preload: '/app/dist/electron/preload.cjs',
    });
    expect(window.loaded).toEqual(['app://runlens/index.html']);
    const serve = fake.protocolHandlers.get('app');
    const page = await serve!(new Request('app://runlens/index.html'));
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    // Traversal stays inside the renderer folder: the app's own page or a 404, never the disk.
    for (const url of [
      'app://runlens/%2e%2e/%2e%2e/etc/passwd',
      'app://runlens//etc/passwd',
      'app://runlens/..%2f..%2fetc%2fpasswd',
      'app://runlens/index.html%00.png',
    ]) {
      const response = await serve!(new Request(url));
      if (response.status === 200) expect(await response.text(), url).toContain('id="root"');
      else expect(response.status, url).toBe(404);
    }
  });

  it('serves every contract method over IPC, and refuses a foreign frame on each', async () => {
    const { fake } = start();
    await windowOf(fake);
    for (const name of METHOD_NAMES) {
      const answer = await fake.ipcMain.invoke(
        ipcChannel(name),
        { url: 'file:///x', parent: null },
        {},
      );
      expect(answer, name).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
  });

  it('denies every permission request', async () => {
    const { fake } = start();
    await windowOf(fake);
    const callback = vi.fn();
    (fake.permissionHandlers.request as (...a: unknown[]) => void)({}, 'notifications', callback);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it('View ▸ Theme sets the native theme and keeps it for the next launch', async () => {
    const first = start();
    await windowOf(first.fake);
    clickMenu(first.fake, 'Dark');
    expect(first.fake.nativeTheme.themeSource).toBe('dark');
    const second = start();
    await windowOf(second.fake);
    expect(second.fake.nativeTheme.themeSource).toBe('dark');
  });

  it('Connect to Server… asks the renderer to open its dialog; Help opens docs and About', async () => {
    const { fake } = start();
    const window = await windowOf(fake);
    clickMenu(fake, 'Connect to Server…');
    expect(window.webContents.sent).toContainEqual([COMMAND_CHANNEL, { type: 'connectToServer' }]);
    clickMenu(fake, 'MLflow Tracking Documentation');
    expect(fake.openExternal).toHaveBeenCalledWith(
      expect.stringMatching(/^https:\/\/mlflow\.org\//),
    );
    clickMenu(fake, 'About Runlens');
    await vi.waitFor(() => expect(fake.messageBoxes).toHaveLength(1));
    expect(fake.messageBoxes[0]?.detail).toContain('Electron 45.5.0');
  });

  it('quits when the window closes', async () => {
    const { fake } = start();
    await windowOf(fake);
    fake.app.emit('window-all-closed');
    expect(fake.app.quit).toHaveBeenCalled();
  });
});

function menuItems(
  items: Electron.MenuItemConstructorOptions[],
): Electron.MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? menuItems(item.submenu) : []),
  ]);
}
/** Open Recent's store items, from the location on (display names vary by store kind). */
function recentLabels(fake: FakeElectron): string[] {
  const recent = menuItems(fake.menus.at(-1) ?? []).find((i) => i.label === 'Open Recent');
  return menuItems((recent?.submenu as Electron.MenuItemConstructorOptions[]) ?? [])
    .map((item) => item.label ?? '')
    .filter((label) => label.includes(' — '))
    .map((label) => label.slice(label.indexOf('—')));
}
function clickMenu(fake: FakeElectron, label: string): void {
  const item = menuItems(fake.menus.at(-1) ?? []).find((i) => i.label === label);
  if (!item?.click) throw new Error(`no menu item ${label}`);
  (item.click as () => void)();
}
