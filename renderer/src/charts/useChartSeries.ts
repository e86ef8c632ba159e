/**
 * The data of one metric chart: each run's series from `getMetricSeries` (buckets ≈ plot width / 2,
 * min/max per bucket: downsampling stays below the renderer), for the zoomed step range when there is
 * one — so zooming in fetches full resolution — and, for the "another metric" x axis, that metric's
 * history per run. Through the query cache: store events refetch RUNNING runs, and the previous data
 * stays on screen meanwhile (no flash, zoom and hover kept).
 */
import { useMemo } from 'react';
import type { MetricSeries } from '../../../shared/common/contract';
import { buildChartData, type ChartData } from '../../../shared/common/charts/chartData';
import { valueByStep, type XAxisMode } from '../../../shared/common/charts/xAxis';
import type { ChartRun } from './types';
import { useApiQueries } from './useApiQueries';

export interface ChartSeriesState {
  data: ChartData;
  series: (MetricSeries | undefined)[];
  loading: boolean;
  error?: string;
}

export function useChartSeries(
  runs: readonly ChartRun[],
  metricKey: string,
  opts: {
    buckets: number;
    xMode: XAxisMode;
    /** Step range to fetch (zoom), inclusive; whole history when absent. */
    stepRange?: [number, number];
    smoothing: number;
    logScale: boolean;
  },
): ChartSeriesState {
  const { buckets, xMode, stepRange, smoothing, logScale } = opts;
  const requests = useMemo(
    () =>
      runs.map((r) => ({
        storeId: r.storeId,
        runId: r.runId,
        key: metricKey,
        buckets,
        ...(stepRange
          ? { minStep: Math.floor(stepRange[0]), maxStep: Math.ceil(stepRange[1]) }
          : {}),
      })),
    [runs, metricKey, buckets, stepRange],
  );
  const results = useApiQueries('getMetricSeries', buckets > 0 ? requests : [], {
    keepPrevious: true,
  });
  const otherKey = xMode.kind === 'metric' ? xMode.key : undefined;
  const otherRequests = useMemo(
    () =>
      otherKey ? runs.map((r) => ({ storeId: r.storeId, runId: r.runId, key: otherKey })) : [],
    [runs, otherKey],
  );
  const others = useApiQueries('getMetricHistory', otherRequests);

  const series = results.map((q) => q.data);
  const otherData = others.map((q) => q.data);
  // Rebuild only when some answer changed (the query results array is new on every render).
  const stamp = [...results, ...others].map((q) => q.dataUpdatedAt).join(',');
  const data = useMemo(
    () =>
      buildChartData(
        runs.map((run, i) => {
          const other = otherData[i];
          return {
            points: series[i]?.points ?? [],
            nonFinite: series[i]?.nonFinite,
            runStartTime: run.startTime,
            other: other ? valueByStep(other) : undefined,
          };
        }),
        xMode,
        { smoothing, logScale },
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `stamp` stands for the answers.
    [runs, stamp, xMode, smoothing, logScale],
  );
  const failed = [...results, ...others].find((q) => q.error);
  return {
    data,
    series,
    loading: results.some((q) => q.isPending) || others.some((q) => q.isPending),
    error: failed?.error?.message,
  };
}
