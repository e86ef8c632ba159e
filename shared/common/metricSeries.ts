/**
 * A metric history made small enough to chart (the `getMetricSeries` answer, built on downsample.ts).
 * Histories of at most 2 × buckets points in the step range come back whole; longer ones as bucket
 * extremes, so a zoomed-in range gets full resolution again once it holds few enough points.
 *
 * Three inputs, one answer: a Metric array (the service, over any store's getMetricHistory), columns
 * (a metric file parsed straight into typed arrays), and columns holding only the rows that can be
 * chosen plus the totals of the whole range (SqliteStore finds those in SQL). The FileStore streams a
 * file point by point through seriesAccumulator.ts instead, which gives this answer too.
 */
import type { MetricSeries } from './contract';
import {
  bucketColumns,
  columnsOf,
  pointMaker,
  type BucketOptions,
  type SeriesColumns,
} from './downsample';
import type { Metric } from './types';

export const DEFAULT_SERIES_BUCKETS = 1000;

export interface SeriesRequest {
  buckets?: number;
  minStep?: number;
  maxStep?: number;
}

/** What a series says about its whole step range, whatever rows it was given. */
export interface SeriesTotals {
  totalPoints: number;
  nonFinite: MetricSeries['nonFinite'];
  /** Smallest and greatest step in range (Infinity / -Infinity when the range is empty). */
  minStep: number;
  maxStep: number;
}

/** Totals of `cols` within the request's step range. */
export function seriesTotals(cols: SeriesColumns, req: SeriesRequest): SeriesTotals {
  const lo = req.minStep ?? -Infinity;
  const hi = req.maxStep ?? Infinity;
  const { step, value } = cols;
  const nonFinite = { nan: 0, posInf: 0, negInf: 0 };
  let totalPoints = 0;
  let minStep = Infinity;
  let maxStep = -Infinity;
  for (let i = 0; i < cols.length; i++) {
    const s = step[i] as number;
    if (s < lo || s > hi) continue;
    totalPoints++;
    if (s < minStep) minStep = s;
    if (s > maxStep) maxStep = s;
    const v = value[i] as number;
    if (v - v !== 0) {
      if (Number.isNaN(v)) nonFinite.nan++;
      else if (v > 0) nonFinite.posInf++;
      else nonFinite.negInf++;
    }
  }
  return { totalPoints, nonFinite, minStep, maxStep };
}

/**
 * The bucket options of a sampled series. When the request does not fix both ends, the data's range is
 * passed explicitly: bucketing then gives the same edges whether it sees every row or only the rows
 * that can be chosen (SqliteStore's candidates).
 */
function bucketOptions(req: SeriesRequest, totals: SeriesTotals): BucketOptions {
  const buckets = req.buckets ?? DEFAULT_SERIES_BUCKETS;
  if (req.minStep !== undefined && req.maxStep !== undefined)
    return { buckets, minStep: req.minStep, maxStep: req.maxStep };
  return { buckets, minStep: totals.minStep, maxStep: totals.maxStep };
}

function isWhole(req: SeriesRequest, totals: SeriesTotals): boolean {
  return totals.totalPoints <= 2 * (req.buckets ?? DEFAULT_SERIES_BUCKETS);
}

function answer(
  key: string,
  totals: SeriesTotals,
  sampled: boolean,
  points: Metric[],
): MetricSeries {
  return { key, totalPoints: totals.totalPoints, sampled, points, nonFinite: totals.nonFinite };
}

/** The series of a history (ordered by step, as getMetricHistory returns it); points are its own objects. */
export function seriesOfHistory(
  key: string,
  history: readonly Metric[],
  req: SeriesRequest,
): MetricSeries {
  const cols = columnsOf(history);
  const totals = seriesTotals(cols, req);
  if (isWhole(req, totals)) {
    const lo = req.minStep ?? -Infinity;
    const hi = req.maxStep ?? Infinity;
    const points =
      totals.totalPoints === history.length
        ? [...history]
        : history.filter((p) => p.step >= lo && p.step <= hi);
    return answer(key, totals, false, points);
  }
  const sampled = bucketColumns(key, cols, bucketOptions(req, totals), (i) => history[i] as Metric);
  return answer(key, totals, true, sampled.points);
}

/**
 * The series of columns in history order. `totals` defaults to those of `cols`; a caller that passes
 * only some rows gives the totals of the whole range, and must pass every row that bucketing could
 * choose (every row, when the range holds at most 2 × buckets points).
 */
export function seriesOfColumns(
  key: string,
  cols: SeriesColumns,
  req: SeriesRequest,
  totals = seriesTotals(cols, req),
): MetricSeries {
  if (isWhole(req, totals)) {
    const lo = req.minStep ?? -Infinity;
    const hi = req.maxStep ?? Infinity;
    const at = pointMaker(key, cols);
    const points: Metric[] = [];
    for (let i = 0; i < cols.length; i++) {
      const s = cols.step[i] as number;
      if (s >= lo && s <= hi) points.push(at(i));
    }
    return answer(key, totals, false, points);
  }
  return answer(key, totals, true, bucketColumns(key, cols, bucketOptions(req, totals)).points);
}
