/**
 * Min/max bucketing of a metric series for charts: at most a few points per bucket (a bucket is ~2
 * pixels), chosen so that the drawn line keeps every spike — MLflow's UI samples 320 points by step and
 * loses them (mlflow#11444). Per bucket we keep the first, last, minimum and maximum finite points;
 * NaN and ±Infinity cannot be drawn as values, so they are counted per bucket (and the first of each
 * kind kept, so the chart can mark where they are) rather than silently dropped.
 *
 * Linear and allocation-light: one pass for the x range when it is not given, one pass to bucket,
 * typed arrays of point indexes per bucket, no sorting.
 */
import type { Metric } from './types';

export interface BucketOptions {
  /** How many buckets to split the x range into (≥ 1). */
  buckets: number;
  /** Only points with step ≥ minStep / ≤ maxStep (inclusive); the range also fixes the buckets' edges. */
  minStep?: number;
  maxStep?: number;
  /** What the buckets split: step (default) or timestamp. */
  x?: 'step' | 'timestamp';
}

export interface SeriesBucket {
  /** Bucket number, 0-based; empty buckets are left out. */
  index: number;
  /** Points in the bucket, finite or not. */
  count: number;
  first?: Metric;
  last?: Metric;
  min?: Metric;
  max?: Metric;
  nan: number;
  posInf: number;
  negInf: number;
}

export interface BucketedSeries {
  /** Points within the step range. */
  inRange: number;
  /** The x value where bucket 0 starts and the width of a bucket (0 when every point has the same x). */
  x0: number;
  width: number;
  buckets: SeriesBucket[];
  /** The kept points (first/last/min/max and the first NaN/±inf of each bucket) in input order, once each. */
  points: Metric[];
}

const NONE = -1;

/** Buckets `points` (in the order the series is drawn, e.g. a history ordered by step). */
export function bucketSeries(points: readonly Metric[], opts: BucketOptions): BucketedSeries {
  const n = Math.max(1, Math.floor(opts.buckets));
  const xOf = opts.x === 'timestamp' ? (p: Metric) => p.timestamp : (p: Metric) => p.step;
  const lo = opts.minStep ?? -Infinity;
  const hi = opts.maxStep ?? Infinity;
  const inStepRange = (p: Metric) => p.step >= lo && p.step <= hi;

  // The x range: given by the step range when x is the step and both ends are set, else the data's.
  let x0 = Infinity;
  let x1 = -Infinity;
  if (opts.x !== 'timestamp' && opts.minStep !== undefined && opts.maxStep !== undefined) {
    x0 = opts.minStep;
    x1 = opts.maxStep;
  } else {
    for (const p of points) {
      if (!inStepRange(p)) continue;
      const x = xOf(p);
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
    }
  }
  const width = x1 > x0 ? (x1 - x0) / n : 0;

  const count = new Uint32Array(n);
  const nan = new Uint32Array(n);
  const posInf = new Uint32Array(n);
  const negInf = new Uint32Array(n);
  // Index of the chosen point per bucket and role: first, last, min, max, first NaN, first +inf, first -inf.
  const pick = Array.from({ length: 7 }, () => new Int32Array(n).fill(NONE));
  const [first, last, min, max, firstNan, firstPos, firstNeg] = pick as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  let inRange = 0;

  for (let i = 0; i < points.length; i++) {
    const p = points[i] as Metric;
    if (!inStepRange(p)) continue;
    inRange++;
    const b = width === 0 ? 0 : Math.min(n - 1, Math.max(0, Math.floor((xOf(p) - x0) / width)));
    count[b] = (count[b] as number) + 1;
    const v = p.value;
    if (Number.isFinite(v)) {
      if (first[b] === NONE) first[b] = i;
      last[b] = i;
      // Strict comparisons: the earliest of equal extremes is kept.
      if (min[b] === NONE || v < (points[min[b] as number] as Metric).value) min[b] = i;
      if (max[b] === NONE || v > (points[max[b] as number] as Metric).value) max[b] = i;
    } else if (Number.isNaN(v)) {
      nan[b] = (nan[b] as number) + 1;
      if (firstNan[b] === NONE) firstNan[b] = i;
    } else if (v > 0) {
      posInf[b] = (posInf[b] as number) + 1;
      if (firstPos[b] === NONE) firstPos[b] = i;
    } else {
      negInf[b] = (negInf[b] as number) + 1;
      if (firstNeg[b] === NONE) firstNeg[b] = i;
    }
  }

  const buckets: SeriesBucket[] = [];
  const kept: number[] = [];
  const at = (i: number): Metric | undefined => (i === NONE ? undefined : points[i]);
  for (let b = 0; b < n; b++) {
    if (count[b] === 0) continue;
    const bucket: SeriesBucket = { index: b, count: count[b] as number, nan: nan[b] as number, posInf: posInf[b] as number, negInf: negInf[b] as number };
    const f = at(first[b] as number);
    if (f) {
      bucket.first = f;
      bucket.last = at(last[b] as number) as Metric;
      bucket.min = at(min[b] as number) as Metric;
      bucket.max = at(max[b] as number) as Metric;
    }
    buckets.push(bucket);
    const chosen = new Set<number>();
    for (const role of pick) if ((role[b] as number) !== NONE) chosen.add(role[b] as number);
    kept.push(...[...chosen].sort((a, c) => a - c));
  }
  // Input order (a history's step order), whatever x the buckets split; cheap: a few indexes per bucket.
  kept.sort((a, c) => a - c);
  return { inRange, x0: Number.isFinite(x0) ? x0 : 0, width, buckets, points: kept.map((i) => points[i] as Metric) };
}
