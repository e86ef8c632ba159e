/**
 * Worker thread entry (bundled to dist/shellPrerenderWorker.mjs): one render per worker. Loads the
 * renderer's prerender bundle (`workerData.bundle`, dist/shellPrerender.mjs), renders the shell for
 * `workerData.answers` and posts `{html}` or `{error}` (shellPrerender.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { BootAnswer, RenderShell } from '../../common/firstScreen';

export interface PrerenderJob {
  bundle: string;
  answers: readonly BootAnswer[];
}

export type PrerenderResponse = { html: string } | { error: string };

const job = workerData as PrerenderJob;

import(pathToFileURL(job.bundle).href)
  .then((mod: { renderShell: RenderShell }) => mod.renderShell(job.answers))
  .then(
    (html): PrerenderResponse => ({ html }),
    (err: unknown): PrerenderResponse => ({ error: String(err) }),
  )
  .then((response) => parentPort?.postMessage(response))
  .catch(() => undefined);
