/**
 * The unit of work of indexing, the same in a worker thread and in-thread: check a run folder against
 * its cached fingerprint and, unless it still matches, read it.
 */
import { readRunSummary } from '../readRunSync';
import type { RecentHistories } from '../recentHistories';
import type { DatasetCache } from '../runInputs';
import type { RunSummary } from '../runSummary';
import { SyncReader } from '../syncIo';
import { FingerprintBuilder, fingerprintMatches, type Fingerprint } from './fingerprint';

export interface RunTask {
  /** Absolute run folder. */
  runDir: string;
  /** Absolute experiment folder (dataset inputs name folders under it). */
  experimentDir: string;
  /** The fingerprint of the cached summary, when there is one. */
  known?: Fingerprint;
}

export type RunTaskResult =
  { same: true } | { same: false; summary: RunSummary; fingerprint: Fingerprint };

/**
 * Runs one task. `datasets` is shared by the tasks of one batch (many runs name one dataset);
 * `histories` (in-thread only) keeps metric histories for charts.
 */
export function runTask(
  task: RunTask,
  datasets: DatasetCache,
  histories?: RecentHistories,
): RunTaskResult {
  try {
    if (task.known && fingerprintMatches(task.runDir, task.known)) return { same: true };
    const builder = new FingerprintBuilder(task.runDir);
    const summary = readRunSummary(
      new SyncReader(builder.record),
      task.runDir,
      task.experimentDir,
      datasets,
      { histories },
    );
    return { same: false, summary, fingerprint: builder.result() };
  } catch (err) {
    // readRunSummary records broken parts itself; this is the unexpected (a bug, out of memory). The
    // run is reported, not cached as good: the racy hash makes the next pass read it again.
    const message = `Run folder ${task.runDir} skipped: ${err instanceof Error ? err.message : String(err)}`;
    return {
      same: false,
      summary: { ok: false, problems: [{ path: task.runDir, message }] },
      fingerprint: { paths: '', hash: '' },
    };
  }
}
