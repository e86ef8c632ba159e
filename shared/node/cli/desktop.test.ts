import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  type DesktopDeps,
  type ElectronExit,
  type ElectronProcess,
  displayProblem,
  fallbackMessage,
  launchDesktop,
  startupFailureReason,
} from './desktop';

const PKG_DIR = '/app/node_modules/electron';
const BINARY = join(PKG_DIR, 'dist', 'electron');
const MAIN = '/app/dist/electron/main.cjs';

/** A fake Electron process whose exit the test controls. */
function fakeProcess(stderr = '') {
  let exit!: (value: ElectronExit) => void;
  const exited = new Promise<ElectronExit>((resolve) => (exit = resolve));
  const process: ElectronProcess & { released: boolean; killed: NodeJS.Signals[] } = {
    exited,
    released: false,
    killed: [],
    heldStderr: () => stderr,
    releaseStderr: () => {
      process.released = true;
    },
    kill: (signal) => process.killed.push(signal),
  };
  return { process, exit };
}

function deps(overrides: Partial<DesktopDeps> & { files?: string[] } = {}) {
  const files = new Set(overrides.files ?? [join(PKG_DIR, 'package.json'), BINARY, MAIN]);
  const lines: string[] = [];
  let signalHandler: ((signal: NodeJS.Signals) => void) | undefined;
  const base: DesktopDeps = {
    env: { DISPLAY: ':0' },
    platform: 'linux',
    mainScript: MAIN,
    log: (line) => lines.push(line),
    exists: (path) => files.has(path),
    readText: (path) => (path === join(PKG_DIR, 'path.txt') && files.has(path) ? 'electron' : null),
    electronPackageJson: () =>
      files.has(join(PKG_DIR, 'package.json')) ? join(PKG_DIR, 'package.json') : null,
    runInstaller: vi.fn(async () => false),
    spawnElectron: vi.fn(() => fakeProcess().process),
    serveInBrowser: vi.fn(async () => 0),
    onSignal: (handler) => {
      signalHandler = handler;
      return () => (signalHandler = undefined);
    },
    startupGraceMs: 20,
  };
  const { files: _files, ...rest } = overrides;
  const all = { ...base, ...rest };
  return { deps: all, lines, files, signal: (s: NodeJS.Signals) => signalHandler?.(s) };
}

describe('launchDesktop', () => {
  it('spawns Electron with the main script, --, and the stores, and resolves with its exit code', async () => {
    const { process, exit } = fakeProcess();
    const t = deps({
      spawnElectron: vi.fn(() => process),
      env: { DISPLAY: ':0', ELECTRON_RUN_AS_NODE: '1' },
    });
    const running = launchDesktop(['./mlruns', 'my.db'], t.deps);
    await new Promise((resolve) => setTimeout(resolve, 40));
    exit({ code: 7, signal: null });
    await expect(running).resolves.toBe(7);
    expect(t.deps.spawnElectron).toHaveBeenCalledWith(BINARY, [MAIN, '--', './mlruns', 'my.db'], {
      DISPLAY: ':0',
    });
    expect(process.released).toBe(true);
    expect(t.deps.serveInBrowser).not.toHaveBeenCalled();
    expect(t.lines).toEqual([]);
  });

  it('forwards SIGINT to a running Electron', async () => {
    const { process, exit } = fakeProcess();
    const t = deps({ spawnElectron: vi.fn(() => process) });
    const running = launchDesktop([], t.deps);
    await new Promise((resolve) => setTimeout(resolve, 40));
    t.signal('SIGINT');
    expect(process.killed).toEqual(['SIGINT']);
    exit({ code: null, signal: 'SIGINT' });
    await expect(running).resolves.toBe(1);
  });

  it('falls back to the browser mode with one message when the binary is missing', async () => {
    const t = deps({
      files: [join(PKG_DIR, 'package.json'), MAIN],
      env: { DISPLAY: ':0', RUNLENS_NO_ELECTRON_DOWNLOAD: '1' },
    });
    await expect(launchDesktop(['./mlruns'], t.deps)).resolves.toBe(0);
    expect(t.deps.runInstaller).not.toHaveBeenCalled();
    expect(t.deps.spawnElectron).not.toHaveBeenCalled();
    expect(t.deps.serveInBrowser).toHaveBeenCalledWith(['./mlruns']);
    expect(t.lines).toHaveLength(1);
    expect(t.lines[0]).toMatch(
      /^runlens: the Electron desktop shell cannot start here \(the Electron binary is not installed/,
    );
    expect(t.lines[0]).toContain('Starting the browser mode instead');
  });

  it('tries the download once, and falls back when it fails', async () => {
    const t = deps({ files: [join(PKG_DIR, 'package.json'), MAIN] });
    await launchDesktop([], t.deps);
    expect(t.deps.runInstaller).toHaveBeenCalledOnce();
    expect(t.deps.runInstaller).toHaveBeenCalledWith(join(PKG_DIR, 'install.js'), 20_000);
    expect(t.lines.at(-1)).toContain('could not be downloaded');
    expect(t.deps.serveInBrowser).toHaveBeenCalledOnce();
  });

  it('uses the binary the download produced', async () => {
    const t = deps({ files: [join(PKG_DIR, 'package.json'), MAIN] });
    t.deps.runInstaller = vi.fn(async () => {
      t.files.add(BINARY);
      return true;
    });
    const { process, exit } = fakeProcess();
    t.deps.spawnElectron = vi.fn(() => process);
    const running = launchDesktop([], t.deps);
    await new Promise((resolve) => setTimeout(resolve, 40));
    exit({ code: 0, signal: null });
    await expect(running).resolves.toBe(0);
    expect(t.deps.spawnElectron).toHaveBeenCalledWith(BINARY, [MAIN, '--'], expect.anything());
  });

  it('falls back when the electron package is not installed at all', async () => {
    const t = deps({ files: [MAIN] });
    await launchDesktop([], t.deps);
    expect(t.lines).toEqual([fallbackMessage('the electron package is not installed')]);
  });

  it('falls back on Linux without a display, before spawning anything', async () => {
    const t = deps({ env: {} });
    await launchDesktop(['x'], t.deps);
    expect(t.deps.spawnElectron).not.toHaveBeenCalled();
    expect(t.lines).toEqual([
      fallbackMessage('no display: neither DISPLAY nor WAYLAND_DISPLAY is set'),
    ]);
    expect(t.deps.serveInBrowser).toHaveBeenCalledWith(['x']);
  });

  it('does not try a download on a machine without a display', async () => {
    const t = deps({ env: {}, files: [join(PKG_DIR, 'package.json'), MAIN] });
    await launchDesktop([], t.deps);
    expect(t.deps.runInstaller).not.toHaveBeenCalled();
    expect(t.lines).toEqual([
      fallbackMessage('no display: neither DISPLAY nor WAYLAND_DISPLAY is set'),
    ]);
  });

  it('falls back when the Electron bundle is not built', async () => {
    const t = deps({ files: [join(PKG_DIR, 'package.json'), BINARY] });
    await launchDesktop([], t.deps);
    expect(t.lines[0]).toContain('main.cjs is missing; run `npm run build`');
  });

  it('falls back with Electron’s own reason when it dies at startup', async () => {
    const { process, exit } = fakeProcess(
      '/app/node_modules/electron/dist/electron: error while loading shared libraries: libgtk-3.so.0: cannot open shared object file\n',
    );
    const t = deps({ spawnElectron: vi.fn(() => process) });
    const running = launchDesktop(['s'], t.deps);
    exit({ code: 127, signal: null });
    await running;
    expect(t.lines).toHaveLength(1);
    expect(t.lines[0]).toContain('Electron exited with code 127 at startup');
    expect(t.lines[0]).toContain('libgtk-3.so.0');
    expect(t.deps.serveInBrowser).toHaveBeenCalledWith(['s']);
  });

  it('falls back when the binary cannot be spawned', async () => {
    const { process, exit } = fakeProcess();
    const t = deps({ spawnElectron: vi.fn(() => process) });
    const running = launchDesktop([], t.deps);
    exit({ code: null, signal: null, error: new Error('spawn EACCES') });
    await running;
    expect(t.lines[0]).toContain('could not run Electron: spawn EACCES');
  });

  it('treats a quick zero exit as success (a second launch handed its stores over)', async () => {
    const { process, exit } = fakeProcess();
    const t = deps({ spawnElectron: vi.fn(() => process) });
    const running = launchDesktop(['s'], t.deps);
    exit({ code: 0, signal: null });
    await expect(running).resolves.toBe(0);
    expect(t.deps.serveInBrowser).not.toHaveBeenCalled();
    expect(t.lines).toEqual([]);
  });

  it('finds the binary under ELECTRON_OVERRIDE_DIST_PATH', async () => {
    const t = deps({ env: { DISPLAY: ':0', ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' } });
    t.files.add('/opt/electron/electron');
    const { process, exit } = fakeProcess();
    t.deps.spawnElectron = vi.fn(() => process);
    const running = launchDesktop([], t.deps);
    exit({ code: 0, signal: null });
    await running;
    expect(t.deps.spawnElectron).toHaveBeenCalledWith(
      '/opt/electron/electron',
      expect.anything(),
      expect.anything(),
    );
  });
});

describe('displayProblem', () => {
  it.each([
    ['linux', {}, true],
    ['linux', { DISPLAY: ':1' }, false],
    ['linux', { WAYLAND_DISPLAY: 'wayland-0' }, false],
    ['freebsd', {}, true],
    ['darwin', {}, false],
    ['win32', {}, false],
  ] as const)('%s %j → problem: %s', (platform, env, expected) => {
    expect(displayProblem(env, platform) !== null).toBe(expected);
  });
});

describe('startupFailureReason', () => {
  it('strips Chromium log prefixes and picks the informative line', () => {
    const stderr =
      '[1234:0612/101010.123:FATAL:electron_main_delegate.cc(271)] Running as root without --no-sandbox is not supported.\n';
    expect(startupFailureReason({ code: 133, signal: null }, stderr)).toBe(
      'Electron exited with code 133 at startup: Running as root without --no-sandbox is not supported.',
    );
  });

  it('names the signal when there is no output', () => {
    expect(startupFailureReason({ code: null, signal: 'SIGTRAP' }, '')).toBe(
      'Electron was killed by SIGTRAP at startup',
    );
  });
});
