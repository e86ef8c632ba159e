/**
 * The app's shell and sidebar rendered into the page the web host sends (issue 12), so the sidebar
 * paints when the page arrives, not after the bundle is evaluated and React's first render is done
 * (renderer/src/prerender/renderShell.tsx says what is rendered and how React takes over).
 *
 * Rendering takes React's server renderer and the app's components (~0.4 MB of code, ~80 ms of CPU
 * in a worker thread): done during a launch it competed with the browser for a 2-core machine and
 * came too late to help. The shell is a pure function of the page's first answers and of the build,
 * so it is kept, like the run index, in the cache folder under the hash of both: a page whose answers
 * were rendered before gets its shell at once (one small file read). A page whose answers are new is
 * sent without one, as before; its shell is rendered afterwards, once the launch is over and the app
 * is not in use (runlens serve: after the warm-up, and a second with no call), in a worker that then
 * stops, ready for the next launch or reload.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BootAnswer } from '../../common/firstScreen';
import { toWireJson } from '../../common/wire';
import { findAppPath } from './appPaths';
import type { PrerenderJob, PrerenderResponse } from './shellPrerenderWorker';

/** The built worker entry and the renderer's prerender bundle, next to dist/cli.cjs. */
export const PRERENDER_WORKER_FILE = 'dist/shellPrerenderWorker.mjs';
export const PRERENDER_BUNDLE_FILE = 'dist/shellPrerender.mjs';
/** Shells kept; the least recently written go first. */
export const SHELLS_KEPT = 8;
/** A render that takes longer is given up (its worker is stopped). */
const RENDER_TIMEOUT_MS = 20_000;

export interface ShellPrerenderer {
  /** The shell rendered for exactly these answers, if there is one; a miss renders it for next time. */
  shellFor(answers: readonly BootAnswer[]): Promise<string | undefined>;
  /** Settles when the renders asked for so far are written (tests, and a clean stop). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface PrerenderOptions {
  /** Where shells are kept: `<cacheDir>/shells`. */
  cacheDir: string;
  /** New shells are rendered only once this settles (the launch is over, the app not in use). */
  whenIdle: Promise<void>;
  /** The built files; found beside this bundle by default. */
  files?: { worker: string; bundle: string };
}

/** Undefined when this installation has no build of the prerender (running from source). */
export function shellPrerenderer(options: PrerenderOptions): ShellPrerenderer | undefined {
  const files = options.files ?? builtFiles();
  const build = files && buildStamp(files);
  if (!files || build === undefined) return undefined;
  const dir = join(options.cacheDir, 'shells');
  const asked = new Set<string>();
  let queue: Promise<void> = options.whenIdle;
  let closed = false;
  let worker: Worker | undefined;

  const render = async (key: string, answers: readonly BootAnswer[]): Promise<void> => {
    if (closed) return;
    // A worker per render: renders are rare (new answers), and a stopped worker holds no memory.
    const job: PrerenderJob = { bundle: files.bundle, answers };
    worker = new Worker(files.worker, { workerData: job });
    let html: string | undefined;
    try {
      html = await answerOf(worker);
    } finally {
      await worker.terminate();
      worker = undefined;
    }
    if (html === undefined || closed) return;
    await mkdir(dir, { recursive: true });
    // Written whole or not at all: a reader never sees half a shell.
    const temp = join(dir, `${key}.${process.pid}.tmp`);
    await writeFile(temp, html);
    await rename(temp, join(dir, `${key}.html`));
    await prune(dir);
  };

  return {
    async shellFor(answers) {
      const key = shellKey(build, answers);
      try {
        return await readFile(join(dir, `${key}.html`), 'utf8');
      } catch {
        if (!asked.has(key) && !closed) {
          asked.add(key);
          // One render at a time; a failed one costs only its shell.
          queue = queue.then(() => render(key, answers)).catch(() => undefined);
        }
        return undefined;
      }
    },
    idle: () => queue,
    async close() {
      closed = true;
      await worker?.terminate();
      worker = undefined;
    },
  };
}

/** The file name of a shell: the build's stamp and the answers, hashed. */
export function shellKey(build: string, answers: readonly BootAnswer[]): string {
  return createHash('sha256').update(build).update('\n').update(toWireJson(answers)).digest('hex');
}

/** What identifies the build: the bundle's size and time (a new build renders new shells). */
function buildStamp(files: { worker: string; bundle: string }): string | undefined {
  try {
    const s = statSync(files.bundle);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return undefined;
  }
}

function builtFiles(): { worker: string; bundle: string } | undefined {
  const worker = findAppPath(PRERENDER_WORKER_FILE);
  const bundle = findAppPath(PRERENDER_BUNDLE_FILE);
  return worker && bundle ? { worker, bundle } : undefined;
}

/** The worker's one answer; undefined when it fails, ends or takes too long. */
function answerOf(worker: Worker): Promise<string | undefined> {
  return new Promise((resolve) => {
    const done = (html: string | undefined): void => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onEnd);
      worker.off('exit', onEnd);
      resolve(html);
    };
    const onMessage = (response: PrerenderResponse): void =>
      done('html' in response ? response.html : undefined);
    const onEnd = (): void => done(undefined);
    const timer = setTimeout(() => done(undefined), RENDER_TIMEOUT_MS);
    worker.on('message', onMessage);
    worker.on('error', onEnd);
    worker.on('exit', onEnd);
  });
}

/** Keeps the SHELLS_KEPT most recently written shells. */
async function prune(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.html'));
  if (names.length <= SHELLS_KEPT) return;
  const dated = await Promise.all(
    names.map(async (name) => ({
      name,
      at: await stat(join(dir, name)).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    })),
  );
  dated.sort((a, b) => b.at - a.at);
  await Promise.all(dated.slice(SHELLS_KEPT).map((d) => unlink(join(dir, d.name)).catch(() => {})));
}
