/**
 * countRuns: how many runs a search matches, for the runs table's "N runs" and the sidebar's run
 * counts, without sending the runs. A store that can count itself (SQLite: one COUNT … GROUP BY) is
 * asked first; a remote server cannot (MLflow's API gives no count: counting would download every run),
 * so its count is unknown; every other store is counted in memory over its listing.
 */
import type { RunCount } from '../../common/contract';
import { inView, matchesRun, type RunFilter } from '../../common/search/index';
import type { Run, ViewType } from '../../common/types';
import type { TrackingStore } from '../stores/TrackingStore';

export const UNKNOWN_COUNT: RunCount = { total: null, byExperiment: null };

export { inView };

/** Counts `runs` (already listed) that are in view and match the (parsed) filter. */
export function countListedRuns(
  runs: readonly Run[],
  filter: RunFilter,
  viewType: ViewType | undefined,
): RunCount {
  const byExperiment: Record<string, number> = {};
  let total = 0;
  for (const run of runs) {
    if (!inView(run.info.lifecycleStage, viewType) || !matchesRun(filter, run)) continue;
    total += 1;
    byExperiment[run.info.experimentId] = (byExperiment[run.info.experimentId] ?? 0) + 1;
  }
  return { total, byExperiment };
}

/**
 * The count from the store itself, or undefined when it must be counted over a listing. A remote
 * store's is unknown (the caller has already parsed the filter, so a bad one fails as the search would).
 */
export async function storeRunCount(
  store: TrackingStore,
  experimentIds: readonly string[],
  filter: RunFilter,
  viewType: ViewType,
  signal?: AbortSignal,
): Promise<RunCount | undefined> {
  if (store.countRuns) {
    const counted = await store.countRuns(experimentIds, { filter, viewType }, signal);
    if (counted) return counted;
  }
  return store.kind === 'rest' ? UNKNOWN_COUNT : undefined;
}
