/**
 * Min and max of metric histories for the min/max columns (getMetricRanges), asked for in blocks of
 * rows: the rows on screen when the table only shows them, every loaded run when it sorts or groups by
 * such a column. Blocks are fixed slices of the row list, so scrolling reuses the cached answers.
 */
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { MetricRange } from '../../../shared/common/contract';
import { useApi } from '../api/ApiContext';
import { apiQueryOptions } from '../api/queries';
import { indexRanges, type RangeIndex } from './columns';
import type { LoadedRun } from './runTree';

export const RANGE_BLOCK = 50;

export interface RangeWindow {
  /** Row indexes [from, to) on screen; null: every run. */
  from: number;
  to: number;
}

export function useMetricRanges(
  runs: readonly LoadedRun[],
  keys: readonly string[],
  window: RangeWindow | null,
): { ranges: RangeIndex; loading: boolean } {
  const api = useApi();
  const firstBlock = window ? Math.floor(window.from / RANGE_BLOCK) : 0;
  const lastBlock = window
    ? Math.floor(Math.max(window.from, window.to - 1) / RANGE_BLOCK)
    : Math.floor(Math.max(0, runs.length - 1) / RANGE_BLOCK);
  const requests = [];
  if (keys.length > 0 && runs.length > 0) {
    for (let b = firstBlock; b <= lastBlock; b++) {
      const slice = runs.slice(b * RANGE_BLOCK, (b + 1) * RANGE_BLOCK);
      const byStore = new Map<string, string[]>();
      for (const { storeId, run } of slice) {
        const ids = byStore.get(storeId) ?? [];
        ids.push(run.info.runId);
        byStore.set(storeId, ids);
      }
      for (const [storeId, runIds] of byStore)
        requests.push({ storeId, runIds: runIds.sort(), keys: [...keys].sort() });
    }
  }
  const results = useQueries({
    queries: requests.map((r) => ({
      ...apiQueryOptions(api, 'getMetricRanges', r),
      // Ranges of runs scrolled past stay useful while the table is open.
      gcTime: 10 * 60_000,
    })),
  });
  const stamp = results.map((r) => r.dataUpdatedAt).join(',');
  const ranges = useMemo(() => {
    const index = new Map<string, Map<string, MetricRange>>();
    for (const r of results) if (r.data) indexRanges(r.data, index);
    return index;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stamp]);
  return { ranges, loading: results.some((r) => r.isPending) };
}
