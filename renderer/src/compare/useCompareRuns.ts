/** The compared runs, from "storeId:runId" references, each read with getRun through the query cache. */
import { useMemo } from 'react';
import type { Run } from '../../../shared/common/types';
import { useApiQueries } from '../charts/useApiQueries';
import type { ChartRun } from '../charts/types';
import { parseRunRef } from './compareSets';

export interface CompareRun {
  ref: string;
  storeId: string;
  run: Run;
  label: string;
}

export function useCompareRuns(refs: readonly string[]): {
  runs: CompareRun[];
  chartRuns: ChartRun[];
  loading: boolean;
  errors: { ref: string; message: string }[];
} {
  const parsed = useMemo(
    () =>
      refs.flatMap((ref) => {
        const p = parseRunRef(ref);
        return p ? [{ ref, ...p }] : [];
      }),
    [refs],
  );
  const results = useApiQueries(
    'getRun',
    useMemo(() => parsed.map((p) => ({ storeId: p.storeId, runId: p.runId })), [parsed]),
  );
  const stamp = results.map((r) => r.dataUpdatedAt).join(',');
  const runs = useMemo(
    () =>
      parsed.flatMap((p, i) => {
        const run = results[i]?.data;
        if (!run) return [];
        const name = run.info.runName || run.info.runId.slice(0, 8);
        return [{ ref: p.ref, storeId: p.storeId, run, label: name }];
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `stamp` stands for the answers.
    [parsed, stamp],
  );
  const chartRuns = useMemo(
    () =>
      runs.map((r) => ({
        storeId: r.storeId,
        runId: r.run.info.runId,
        name: r.label,
        startTime: r.run.info.startTime ?? undefined,
      })),
    [runs],
  );
  const errors = parsed.flatMap((p, i) => {
    const e = results[i]?.error;
    return e ? [{ ref: p.ref, message: e.message }] : [];
  });
  return { runs, chartRuns, loading: results.some((r) => r.isPending), errors };
}
