/**
 * The data of one metric chart: each run's series from `getMetricSeries` (buckets ≈ plot width / 2,
 * min/max per bucket: downsampling stays below the renderer), for the zoomed step range when there is
 * one — so zooming in fetches full resolution — and, for the "another metric" x axis, that metric's
 * history per run. Through the query cache: store events refetch RUNNING runs, and the previous data
 * stays on screen meanwhile (no flash, zoom and hover kept). Each run's line is rebuilt only when its own
 * answer (or the drawing options) changed: the 150 answers of a 50-run, 3-metric view arrive one by one,
 * and the other runs' point arrays then keep their identity.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { MetricSeries } from '../../../shared/common/contract';
import type { Metric } from '../../../shared/common/types';
import {
  buildRunLine,
  combineLines,
  type ChartData,
  type RunLine,
} from '../../../shared/common/charts/chartData';
import { valueByStep, type XAxisMode } from '../../../shared/common/charts/xAxis';
import type { ChartRun } from './types';
import { useApi } from '../api/ApiContext';
import { seriesBatcherOf } from './seriesBatcher';
import { useApiQueries } from './useApiQueries';

export interface ChartSeriesState {
  data: ChartData;
  series: (MetricSeries | undefined)[];
  loading: boolean;
  /** Some line still shows an earlier answer (another zoom or width) while its own loads. */
  provisional: boolean;
  error?: string;
}

/**
 * Lines already built, per answer object (query answers are immutable: a refetch is a new object) and
 * per drawing options. Module-wide, so that charts of the same run and metric share them.
 */
const builtLines = new WeakMap<MetricSeries, Map<string, RunLine>>();

function lineOf(
  answer: MetricSeries | undefined,
  index: number,
  run: ChartRun,
  other: readonly Metric[] | undefined,
  xMode: XAxisMode,
  opts: { smoothing: number; logScale: boolean },
): RunLine {
  const input = {
    points: answer?.points ?? [],
    nonFinite: answer?.nonFinite,
    runStartTime: run.startTime,
    other: other ? valueByStep(other) : undefined,
  };
  // Another metric as x depends on that metric's answer too: not cached (rarely used, cheap enough).
  if (!answer || xMode.kind === 'metric') return buildRunLine(input, index, xMode, opts);
  const key = `${index}|${xMode.kind}|${run.startTime}|${opts.smoothing}|${opts.logScale}`;
  let byOptions = builtLines.get(answer);
  if (!byOptions) builtLines.set(answer, (byOptions = new Map()));
  let line = byOptions.get(key);
  if (!line) byOptions.set(key, (line = buildRunLine(input, index, xMode, opts)));
  return line;
}

/** While answers are still pending, the value shown is refreshed this often (ms). */
const BATCH_MS = 1000;

/**
 * `value` once nothing is pending; while answers are pending, its state of up to BATCH_MS ago. The 150
 * answers of a 50-run, 3-metric view arrive one by one, and redrawing 50 lines (whose x and y domains
 * move with every new run) once per answer cost seconds; now they are drawn once, or once a second
 * for a slow store. Answers that come without a pending query (live refreshes, zoom) show at once.
 */
function useBatched(value: string, pending: boolean): string {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  });
  useEffect(() => {
    if (!pending) return;
    const timer = setInterval(() => setShown(latest.current), BATCH_MS);
    return () => clearInterval(timer);
  }, [pending]);
  return pending ? shown : value;
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
  const api = useApi();
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
    keepPreviousOf: (r) => ({ storeId: r.storeId, runId: r.runId, key: r.key }),
    fetch: seriesBatcherOf(api),
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
  const loading = results.some((q) => q.isPending) || others.some((q) => q.isPending);
  // Rebuild only when some answer changed (the query results array is new on every render), and
  // while the first answers stream in, at most once a second (see useBatched).
  const stamp = useBatched([...results, ...others].map((q) => q.dataUpdatedAt).join(','), loading);
  const data = useMemo(
    () =>
      combineLines(
        runs.map((run, i) =>
          lineOf(series[i], i, run, otherData[i], xMode, { smoothing, logScale }),
        ),
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `stamp` stands for the answers.
    [runs, stamp, xMode, smoothing, logScale],
  );
  const failed = [...results, ...others].find((q) => q.error);
  return {
    data,
    series,
    loading,
    provisional: results.some((q) => q.isPlaceholderData),
    error: failed?.error?.message,
  };
}
