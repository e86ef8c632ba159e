/**
 * A first page of runs for an experiment the index has never seen (no cache: a first launch, a new
 * store), without waiting for every run to be read: each run folder's meta.yaml only — enough to order
 * runs by their attributes — then the runs of the first page read whole. The app shows it while the
 * index reads the rest; the exact answer replaces it (searchRuns' `freshness: 'cached-ok'`).
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Run } from '../../../common/types';
import type { LoadedExperiment } from './experiments';
import type { IoLimiter } from './io';
import { readRunSummary } from './readRunSync';
import { listRunDirs } from './runs';
import { assembleRun } from './runSummary';
import { SyncReader } from './syncIo';

/** meta.yaml files read between two turns of the event loop, so other requests are answered meanwhile. */
const BATCH = 256;

/**
 * `pick` chooses the first page from runs that carry their attributes only (no params, tags or
 * metrics); those runs are then read whole and returned. Run folders that cannot be read are left out
 * here: the exact listing reports them.
 *
 * Undefined when the page holds more than half the runs: the exact answer (asked together with this
 * preview) reads every run once, so reading most of them here first would only delay it. A chart view
 * of 50 runs with long metric files read them twice on one thread (~170 ms more).
 */
export async function metaFirstPage(
  io: IoLimiter,
  experiments: readonly LoadedExperiment[],
  pick: (metaOnly: Run[]) => Run[],
  signal?: AbortSignal,
): Promise<Run[] | undefined> {
  const reader = new SyncReader(() => {});
  const datasets = new Map();
  const dirOf = new Map<Run, { dir: string; exp: LoadedExperiment }>();
  for (const exp of experiments) {
    const dirs = await listRunDirs(io, exp.dir);
    for (let i = 0; i < dirs.length; i += BATCH) {
      signal?.throwIfAborted();
      for (const dir of dirs.slice(i, i + BATCH)) {
        const summary = readRunSummary(reader, dir, exp.dir, datasets, { metaOnly: true });
        if (summary.ok) dirOf.set(assembleRun(summary, exp), { dir, exp });
      }
      await yieldToEventLoop();
    }
  }
  const page = pick([...dirOf.keys()]);
  if (page.length * 2 > dirOf.size) return undefined;
  const out: Run[] = [];
  for (const chosen of page) {
    const where = dirOf.get(chosen);
    if (!where) continue;
    const summary = readRunSummary(reader, where.dir, where.exp.dir, datasets);
    if (summary.ok) out.push(assembleRun(summary, where.exp));
  }
  return out;
}
