/**
 * countRuns: how many runs a search matches, for the runs table's "N runs" and the sidebar's run
 * counts, without sending the runs. A store that can count itself (SQLite: one COUNT … GROUP BY) is
 * asked first; a remote server cannot (MLflow's API gives no count: counting would download every run),
 * so its count is unknown; every other store is counted in memory over its listing.
 */
import type { RunCount } from '../../common/contract';
import { matchesRun, parseRunFilter } from '../../common/search/index';
import type { LifecycleStage, Run, ViewType } from '../../common/types';
import type { TrackingStore } from '../stores/TrackingStore';

export const UNKNOWN_COUNT: RunCount = { total: null, byExperiment: null };

export function inView(stage: LifecycleStage, viewType: ViewType | undefined): boolean {
  const view = viewType ?? 'ACTIVE_ONLY';
  return view === 'ALL' || (view === 'ACTIVE_ONLY' ? stage === 'active' : stage === 'deleted');
}

/** Counts `runs` (already listed) that are in view and match `filter`; throws INVALID_ARGUMENT for a bad filter. */
export function countListedRuns(
  runs: readonly Run[],
  filter: string | undefined,
  viewType: ViewType | undefined,
): RunCount {
  const parsed = parseRunFilter(filter ?? '');
  const byExperiment: Record<string, number> = {};
  let total = 0;
  for (const run of runs) {
    if (!inView(run.info.lifecycleStage, viewType) || !matchesRun(parsed, run)) continue;
    total += 1;
    byExperiment[run.info.experimentId] = (byExperiment[run.info.experimentId] ?? 0) + 1;
  }
  return { total, byExperiment };
}

/**
 * The count from the store itself, or undefined when it must be counted over a listing. A remote
 * store's is unknown, but a bad filter still fails as the search would (checked before answering).
 */
export async function storeRunCount(
  store: TrackingStore,
  experimentIds: readonly string[],
  filter: string | undefined,
  viewType: ViewType | undefined,
  signal?: AbortSignal,
): Promise<RunCount | undefined> {
  if (store.countRuns) {
    const counted = await store.countRuns(experimentIds, { filter, viewType }, signal);
    if (counted) return counted;
  }
  if (store.kind === 'rest') {
    parseRunFilter(filter ?? '');
    return UNKNOWN_COUNT;
  }
  return undefined;
}
