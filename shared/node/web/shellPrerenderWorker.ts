/**
 * Worker thread entry (bundled to dist/shellPrerenderWorker.mjs): loads the renderer's prerender
 * bundle (`workerData.bundle`, dist/shellPrerender.mjs) and answers each `{id, answers}` with
 * `{id, html}` or `{id, error}` (shellPrerender.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { BootAnswer, RenderShell } from '../../common/firstScreen';

export interface PrerenderRequest {
  id: number;
  answers: readonly BootAnswer[];
}

export type PrerenderResponse = { id: number; html: string } | { id: number; error: string };

const bundle = (workerData as { bundle: string }).bundle;
const loaded = import(pathToFileURL(bundle).href).then(
  (mod: { renderShell: RenderShell }) => mod.renderShell,
);

parentPort?.on('message', (request: PrerenderRequest) => {
  loaded
    .then((renderShell) => renderShell(request.answers))
    .then(
      (html): PrerenderResponse => ({ id: request.id, html }),
      (err: unknown): PrerenderResponse => ({ id: request.id, error: String(err) }),
    )
    .then((response) => parentPort?.postMessage(response))
    .catch(() => undefined);
});
