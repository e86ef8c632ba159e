/**
 * getMetricSeries: a metric history made small enough to chart (shared/common/metricSeries.ts). A store
 * that can compute the series without building the whole history (FileStore streams the file through
 * bucketing, SqliteStore buckets in SQL) is asked for it; for any other store it is built from
 * getMetricHistory.
 */
import type { MetricSeries } from '../../common/contract';
import {
  DEFAULT_SERIES_BUCKETS,
  seriesOfHistory,
  type SeriesRequest,
} from '../../common/metricSeries';
import type { Metric } from '../../common/types';
import type { TrackingStore } from '../stores/TrackingStore';

export { DEFAULT_SERIES_BUCKETS, type SeriesRequest } from '../../common/metricSeries';

export function toMetricSeries(
  key: string,
  history: readonly Metric[],
  req: SeriesRequest,
): MetricSeries {
  return seriesOfHistory(key, history, req);
}

/** The series of one metric of one run, from the store's own `getMetricSeries` when it has one. */
export async function metricSeries(
  store: TrackingStore,
  runId: string,
  key: string,
  req: SeriesRequest,
  signal?: AbortSignal,
): Promise<MetricSeries> {
  if (store.getMetricSeries) {
    const opts: { buckets: number; minStep?: number; maxStep?: number } = {
      buckets: req.buckets ?? DEFAULT_SERIES_BUCKETS,
    };
    if (req.minStep !== undefined) opts.minStep = req.minStep;
    if (req.maxStep !== undefined) opts.maxStep = req.maxStep;
    return store.getMetricSeries(runId, key, opts, signal);
  }
  return toMetricSeries(key, await store.getMetricHistory(runId, key, signal), req);
}
