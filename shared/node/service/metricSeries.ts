/**
 * getMetricSeries: a metric history made small enough to chart (shared/common/downsample.ts). Histories
 * of at most 2 × buckets points in the step range come back whole; longer ones as bucket extremes, so
 * a zoomed-in range gets full resolution again once it holds few enough points.
 */
import type { MetricSeries } from '../../common/contract';
import { bucketSeries } from '../../common/downsample';
import type { Metric } from '../../common/types';

export const DEFAULT_SERIES_BUCKETS = 1000;

export interface SeriesRequest {
  buckets?: number;
  minStep?: number;
  maxStep?: number;
}

export function toMetricSeries(key: string, history: readonly Metric[], req: SeriesRequest): MetricSeries {
  const buckets = req.buckets ?? DEFAULT_SERIES_BUCKETS;
  const lo = req.minStep ?? -Infinity;
  const hi = req.maxStep ?? Infinity;
  const nonFinite = { nan: 0, posInf: 0, negInf: 0 };
  let totalPoints = 0;
  for (const p of history) {
    if (p.step < lo || p.step > hi) continue;
    totalPoints++;
    if (Number.isNaN(p.value)) nonFinite.nan++;
    else if (p.value === Infinity) nonFinite.posInf++;
    else if (p.value === -Infinity) nonFinite.negInf++;
  }
  if (totalPoints <= 2 * buckets) {
    const points = totalPoints === history.length ? [...history] : history.filter((p) => p.step >= lo && p.step <= hi);
    return { key, totalPoints, sampled: false, points, nonFinite };
  }
  const opts: { buckets: number; minStep?: number; maxStep?: number } = { buckets };
  if (req.minStep !== undefined) opts.minStep = req.minStep;
  if (req.maxStep !== undefined) opts.maxStep = req.maxStep;
  return { key, totalPoints, sampled: true, points: bucketSeries(history, opts).points, nonFinite };
}
