import type { RunlensApi } from '../../../shared/common/contract';
import type { Run } from '../../../shared/common/types';
import { useApi } from '../api/ApiContext';
import { useQuery, type QueryState } from './useQuery';

/** The table loads at most this many runs; beyond it the header says "first N runs". */
export const RUN_LIMIT = 10_000;
const PAGE_SIZE = 1000;

export interface RunsQuery {
  storeId: string;
  experimentId: string;
  filter: string;
  orderBy: string[];
}

export interface LoadedRuns {
  runs: Run[];
  /** True when the experiment has more runs than RUN_LIMIT. */
  truncated: boolean;
}

async function loadRuns(
  api: RunlensApi,
  query: RunsQuery,
  signal: AbortSignal,
): Promise<LoadedRuns> {
  const runs: Run[] = [];
  let pageToken: string | undefined;
  do {
    const page = await api.searchRuns(
      {
        storeId: query.storeId,
        experimentIds: [query.experimentId],
        filter: query.filter,
        orderBy: query.orderBy,
        viewType: 'ACTIVE_ONLY',
        maxResults: Math.min(PAGE_SIZE, RUN_LIMIT - runs.length),
        pageToken,
      },
      { signal },
    );
    runs.push(...page.runs);
    pageToken = page.nextPageToken || undefined;
  } while (pageToken && runs.length < RUN_LIMIT);
  return { runs, truncated: pageToken !== undefined };
}

/**
 * The runs of one experiment, filtered and ordered by the store (MLflow's semantics). A new
 * `reloadCount` or `liveVersion` loads them again (the previous answer stays available meanwhile).
 * A load still running when the query changes or the view closes is cancelled, page requests included.
 */
export function useRuns(
  query: RunsQuery | null,
  reloadCount: number,
  liveVersion = 0,
): QueryState<LoadedRuns> {
  const api = useApi();
  const key = query === null ? null : JSON.stringify([query, reloadCount, liveVersion]);
  return useQuery(key, (signal) =>
    query === null ? Promise.resolve({ runs: [], truncated: false }) : loadRuns(api, query, signal),
  );
}
