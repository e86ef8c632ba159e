/**
 * `runlens [STORE…]`: starts the Electron desktop shell, or, when Electron cannot run on this machine,
 * the browser mode (the same as `runlens serve STORE…`) after one message saying why.
 *
 * The Electron binary is located by hand (electron/package.json → path.txt → dist/<path>) instead of
 * `require('electron')`, whose lazy download blocks for a minute and then throws on offline machines.
 * A missing binary gets one short download attempt (skipped with RUNLENS_NO_ELECTRON_DOWNLOAD=1).
 * Electron that dies within STARTUP_GRACE_MS with a non-zero code (missing libgtk/libnss, no sandbox
 * support) also falls back; its stderr of that window gives the reason. A zero exit is success: it is
 * what a second launch does after handing its stores to the window already open.
 *
 * This file must not import 'electron' (shared/node is plain Node); everything platform-dependent is
 * behind `DesktopDeps`, so the decisions are unit-tested with fakes.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { findAppPath } from '../web/appPaths';

export const INSTALL_TIMEOUT_MS = 20_000;
export const STARTUP_GRACE_MS = 3_000;

/** Outcome of a spawned Electron process. `error` is set when it could not be spawned at all. */
export interface ElectronExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  error?: Error;
}

export interface ElectronProcess {
  readonly exited: Promise<ElectronExit>;
  /** stderr written while it is still being held back (the startup window). */
  heldStderr(): string;
  /** Writes the held stderr out and passes the rest through. */
  releaseStderr(): void;
  kill(signal: NodeJS.Signals): void;
}

export interface DesktopDeps {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  /** The built Electron main script (dist/electron/main.cjs). */
  mainScript: string;
  /** One line for the user (stderr). */
  log: (line: string) => void;
  exists: (path: string) => boolean;
  readText: (path: string) => string | null;
  /** Path of electron/package.json, or null when the package is not installed. */
  electronPackageJson: () => string | null;
  /** Runs electron/install.js; resolves true when it succeeded within the timeout. */
  runInstaller: (installScript: string, timeoutMs: number) => Promise<boolean>;
  spawnElectron: (binary: string, args: string[], env: NodeJS.ProcessEnv) => ElectronProcess;
  /** Browser mode: serves until SIGINT/SIGTERM and resolves with the exit code. */
  serveInBrowser: (stores: string[]) => Promise<number>;
  /** Calls `handler` on SIGINT/SIGTERM until the returned function is called. */
  onSignal: (handler: (signal: NodeJS.Signals) => void) => () => void;
  startupGraceMs: number;
}

export type Located = { ok: true; binary: string } | { ok: false; reason: string };

/** Where electron/install.js puts the executable inside dist/ for a platform (mirrors install.js). */
export function platformExecutable(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  if (platform === 'win32') return 'electron.exe';
  return 'electron';
}

function binaryPath(deps: DesktopDeps, packageDir: string): string {
  const fromPathTxt = deps.readText(join(packageDir, 'path.txt'))?.trim();
  const executable = fromPathTxt || platformExecutable(deps.platform);
  const override = deps.env.ELECTRON_OVERRIDE_DIST_PATH;
  return override ? join(override, executable) : join(packageDir, 'dist', executable);
}

export async function locateElectron(deps: DesktopDeps): Promise<Located> {
  const packageJson = deps.electronPackageJson();
  if (packageJson === null) return { ok: false, reason: 'the electron package is not installed' };
  const packageDir = dirname(packageJson);
  const binary = binaryPath(deps, packageDir);
  if (deps.exists(binary)) return { ok: true, binary };
  if (deps.env.RUNLENS_NO_ELECTRON_DOWNLOAD === '1') {
    return {
      ok: false,
      reason: 'the Electron binary is not installed and RUNLENS_NO_ELECTRON_DOWNLOAD=1',
    };
  }
  deps.log(
    `runlens: the Electron binary is missing; trying to download it (at most ${INSTALL_TIMEOUT_MS / 1000} s)…`,
  );
  const installed = await deps.runInstaller(join(packageDir, 'install.js'), INSTALL_TIMEOUT_MS);
  const after = binaryPath(deps, packageDir);
  if (installed && deps.exists(after)) return { ok: true, binary: after };
  return { ok: false, reason: 'the Electron binary is not installed and could not be downloaded' };
}

/** Why no window can be shown, or null. Only Linux and the BSDs need a display server variable. */
export function displayProblem(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | null {
  if (platform === 'darwin' || platform === 'win32') return null;
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return null;
  return 'no display: neither DISPLAY nor WAYLAND_DISPLAY is set';
}

export function fallbackMessage(reason: string): string {
  return (
    `runlens: the Electron desktop shell cannot start here (${reason}). ` +
    'Starting the browser mode instead — open the URL below in your browser.'
  );
}

/** The first informative line of what Electron printed before dying, kept short. */
export function startupFailureReason(exit: ElectronExit, stderr: string): string {
  if (exit.error) return `could not run Electron: ${exit.error.message}`;
  const lines = stderr
    .split(/\r?\n/)
    // Chromium prefixes its log lines with `[pid:date/time:LEVEL:file(line)] `.
    .map((l) => l.replace(/^\[\d+:[^\]]*\]\s*/, '').trim())
    .filter((l) => l !== '');
  const line = lines.find((l) => /error|fatal|cannot|not supported/i.test(l)) ?? lines[0];
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code ?? '?'}`;
  const detail = line ? `: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}` : '';
  return `Electron ${how} at startup${detail}`;
}

type StartOutcome = { started: true; code: number } | { started: false; reason: string };

async function startElectron(
  deps: DesktopDeps,
  binary: string,
  stores: string[],
): Promise<StartOutcome> {
  const env: NodeJS.ProcessEnv = { ...deps.env };
  // Set by some tools; it would make the binary behave as plain Node and ignore the app.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = deps.spawnElectron(binary, [deps.mainScript, '--', ...stores], env);

  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<'running'>((resolve) => {
    timer = setTimeout(() => resolve('running'), deps.startupGraceMs);
  });
  const early = await Promise.race([child.exited, grace]);
  clearTimeout(timer);

  if (early !== 'running') {
    if (!early.error && early.code === 0) {
      child.releaseStderr();
      return { started: true, code: 0 };
    }
    return { started: false, reason: startupFailureReason(early, child.heldStderr()) };
  }

  child.releaseStderr();
  const stopForwarding = deps.onSignal((signal) => child.kill(signal));
  try {
    const exit = await child.exited;
    return { started: true, code: exit.code ?? 1 };
  } finally {
    stopForwarding();
  }
}

export async function launchDesktop(
  stores: string[],
  io: Partial<DesktopDeps> & Pick<DesktopDeps, 'serveInBrowser'>,
): Promise<number> {
  const deps: DesktopDeps = { ...defaultDeps(), ...io };
  const fallBack = (reason: string): Promise<number> => {
    deps.log(fallbackMessage(reason));
    return deps.serveInBrowser(stores);
  };

  // The cheap checks first: a headless server should not wait for a download it cannot use.
  const noDisplay = displayProblem(deps.env, deps.platform);
  if (noDisplay !== null) return fallBack(noDisplay);
  if (!deps.exists(deps.mainScript)) {
    return fallBack(`${deps.mainScript} is missing; run \`npm run build\``);
  }
  const located = await locateElectron(deps);
  if (!located.ok) return fallBack(located.reason);
  const outcome = await startElectron(deps, located.binary, stores);
  return outcome.started ? outcome.code : fallBack(outcome.reason);
}

function spawnElectronProcess(
  binary: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): ElectronProcess {
  const child = spawn(binary, args, {
    env,
    stdio: ['ignore', 'inherit', 'pipe'],
    windowsHide: false,
  });
  let held: string[] | null = [];
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (held) held.push(chunk);
    else process.stderr.write(chunk);
  });
  const exited = new Promise<ElectronExit>((resolve) => {
    child.once('error', (error) => resolve({ code: null, signal: null, error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    exited,
    heldStderr: () => (held ?? []).join(''),
    releaseStderr: () => {
      if (held) process.stderr.write(held.join(''));
      held = null;
    },
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}

function runInstallerProcess(installScript: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [installScript], { stdio: 'ignore', timeout: timeoutMs });
    child.once('error', () => resolve(false));
    child.once('exit', (code) => resolve(code === 0));
  });
}

function defaultDeps(): Omit<DesktopDeps, 'serveInBrowser'> {
  const require = createRequire(import.meta.url);
  return {
    env: process.env,
    platform: process.platform,
    // Found from this module whether it runs bundled (dist/cli.cjs) or from source; the relative
    // path is only for the "missing, run npm run build" message.
    mainScript:
      findAppPath(join('dist', 'electron', 'main.cjs')) ?? join('dist', 'electron', 'main.cjs'),
    log: (line) => console.error(line),
    exists: (path) => existsSync(path),
    readText: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return null;
      }
    },
    electronPackageJson: () => {
      try {
        return require.resolve('electron/package.json');
      } catch {
        return null;
      }
    },
    runInstaller: runInstallerProcess,
    spawnElectron: spawnElectronProcess,
    onSignal: (handler) => {
      process.on('SIGINT', handler);
      process.on('SIGTERM', handler);
      return () => {
        process.off('SIGINT', handler);
        process.off('SIGTERM', handler);
      };
    },
    startupGraceMs: STARTUP_GRACE_MS,
  };
}
