/**
 * The true number of runs the table's search matches (countRuns per store, summed), so the header says
 * "12,345 runs" while only the first pages are loaded. Null while unknown: still counting, or a remote
 * server among the stores (MLflow's API gives no count).
 */
import { useQueries } from '@tanstack/react-query';
import type { ViewType } from '../../../shared/common/types';
import { useApi } from '../api/ApiContext';
import { apiQueryOptions } from '../api/queries';

export function useRunCount(
  byStore: ReadonlyMap<string, readonly string[]>,
  filter: string,
  viewType: ViewType,
): number | null {
  const api = useApi();
  const counts = useQueries({
    queries: [...byStore].map(([storeId, experimentIds]) =>
      apiQueryOptions(api, 'countRuns', {
        storeId,
        experimentIds: [...experimentIds],
        filter,
        viewType,
      }),
    ),
  });
  let total = 0;
  for (const count of counts) {
    const value = count.data?.total;
    if (value === undefined || value === null) return null;
    total += value;
  }
  return total;
}
