/**
 * Starts `runlens serve` as a child process, the way a user does, and reads the URL it prints.
 * Each server gets its own temporary home so no cache or setting leaks between tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(REPO_ROOT, 'bin/runlens.js');
const URL_LINE = /(http:\/\/\S+\?token=\S+)/;
const START_TIMEOUT_MS = 20_000;

export interface RunlensServer {
  /** The printed URL, with `?token=`. */
  url: string;
  /** `http://127.0.0.1:PORT` without the token. */
  origin: string;
  stop(): Promise<void>;
}

/** Absolute path of a fixture, e.g. `fixture('mlflow-3.1.2.dev0/mlruns')`. */
export function fixture(relativePath: string): string {
  return join(REPO_ROOT, 'test/fixtures', relativePath);
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => done(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      done(true);
    });
  });
}

export async function startRunlensServer(stores: string[]): Promise<RunlensServer> {
  const home = mkdtempSync(join(tmpdir(), 'runlens-e2e-'));
  const child = spawn(process.execPath, [CLI, 'serve', ...stores, '--port', '0'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_CACHE_HOME: join(home, 'cache'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = async (): Promise<void> => {
    child.kill('SIGTERM');
    if (!(await waitForExit(child, 5000))) {
      child.kill('SIGKILL');
      await waitForExit(child, 5000);
    }
    rmSync(home, { recursive: true, force: true });
  };

  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`runlens serve printed no URL in ${START_TIMEOUT_MS} ms`)),
        START_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const match = URL_LINE.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolveUrl(match[1]);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`runlens serve exited with ${code} before printing its URL`));
      });
    });
    return { url, origin: new URL(url).origin, stop };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- output ---\n${output}`);
  }
}
