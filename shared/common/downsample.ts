/**
 * Min/max bucketing of a metric series for charts: at most a few points per bucket (a bucket is ~2
 * pixels), chosen so that the drawn line keeps every spike — MLflow's UI samples 320 points by step and
 * loses them (mlflow#11444). Per bucket we keep the first, last, minimum and maximum finite points;
 * NaN and ±Infinity cannot be drawn as values, so they are counted per bucket (and the first of each
 * kind kept, so the chart can mark where they are) rather than silently dropped.
 *
 * Linear and allocation-light: one pass for the x range when it is not given, one pass to bucket,
 * typed arrays of point indexes per bucket, no sorting. The algorithm works on columns (SeriesColumns),
 * so that a store that parses a history straight into typed arrays buckets it without making
 * a million Metric objects; `bucketSeries` gives it the columns of a Metric array. One algorithm, two
 * input shapes.
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

/**
 * A series as parallel columns, in the order it is drawn (a history's step order). Float64Array for every
 * column: steps and timestamps are integers up to 2^53, values any double.
 */
export interface SeriesColumns {
  readonly length: number;
  readonly step: Float64Array;
  readonly timestamp: Float64Array;
  readonly value: Float64Array;
}

/** The columns of `points` (one pass; the caller keeps `points` to map indexes back to its objects). */
export function columnsOf(points: readonly Metric[]): SeriesColumns {
  const length = points.length;
  const step = new Float64Array(length);
  const timestamp = new Float64Array(length);
  const value = new Float64Array(length);
  for (let i = 0; i < length; i++) {
    const p = points[i] as Metric;
    step[i] = p.step;
    timestamp[i] = p.timestamp;
    value[i] = p.value;
  }
  return { length, step, timestamp, value };
}

const NONE = -1;

/** A bucket as point indexes (NONE where the bucket has no such point). */
interface IndexBucket {
  index: number;
  count: number;
  nan: number;
  posInf: number;
  negInf: number;
  first: number;
  last: number;
  min: number;
  max: number;
}

interface BucketIndexes {
  inRange: number;
  x0: number;
  width: number;
  buckets: IndexBucket[];
  /** Indexes of the kept points, ascending. */
  kept: number[];
}

/** The bucketing itself, over columns; both entries below map its indexes to points. */
function bucketIndexes(cols: SeriesColumns, opts: BucketOptions): BucketIndexes {
  const n = Math.max(1, Math.floor(opts.buckets));
  const { step, value } = cols;
  const xs = opts.x === 'timestamp' ? cols.timestamp : step;
  const lo = opts.minStep ?? -Infinity;
  const hi = opts.maxStep ?? Infinity;

  // The x range: given by the step range when x is the step and both ends are set, else the data's.
  let x0 = Infinity;
  let x1 = -Infinity;
  if (opts.x !== 'timestamp' && opts.minStep !== undefined && opts.maxStep !== undefined) {
    x0 = opts.minStep;
    x1 = opts.maxStep;
  } else {
    for (let i = 0; i < cols.length; i++) {
      const s = step[i] as number;
      if (s < lo || s > hi) continue;
      const x = xs[i] as number;
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
  const [first, last, min, max, firstNan, firstPos, firstNeg] = pick as [
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
  ];
  let inRange = 0;

  for (let i = 0; i < cols.length; i++) {
    const s = step[i] as number;
    if (s < lo || s > hi) continue;
    inRange++;
    const b =
      width === 0 ? 0 : Math.min(n - 1, Math.max(0, Math.floor(((xs[i] as number) - x0) / width)));
    count[b] = (count[b] as number) + 1;
    const v = value[i] as number;
    if (Number.isFinite(v)) {
      if (first[b] === NONE) first[b] = i;
      last[b] = i;
      // Strict comparisons: the earliest of equal extremes is kept.
      if (min[b] === NONE || v < (value[min[b] as number] as number)) min[b] = i;
      if (max[b] === NONE || v > (value[max[b] as number] as number)) max[b] = i;
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

  const buckets: IndexBucket[] = [];
  const kept: number[] = [];
  for (let b = 0; b < n; b++) {
    if (count[b] === 0) continue;
    buckets.push({
      index: b,
      count: count[b] as number,
      nan: nan[b] as number,
      posInf: posInf[b] as number,
      negInf: negInf[b] as number,
      first: first[b] as number,
      last: last[b] as number,
      min: min[b] as number,
      max: max[b] as number,
    });
    // A point can play several roles in its bucket: keep it once.
    let previous = NONE;
    const roles = pick
      .map((role) => role[b] as number)
      .filter((i) => i !== NONE)
      .sort((a, c) => a - c);
    for (const i of roles) if (i !== previous) kept.push((previous = i));
  }
  // Input order (a history's step order), whatever x the buckets split; cheap: a few indexes per bucket.
  kept.sort((a, c) => a - c);
  return { inRange, x0: Number.isFinite(x0) ? x0 : 0, width, buckets, kept };
}

/** Maps the indexes to points; `at` must return the same object for the same index. */
function toBucketed(r: BucketIndexes, at: (i: number) => Metric): BucketedSeries {
  const buckets = r.buckets.map((ib): SeriesBucket => {
    const bucket: SeriesBucket = {
      index: ib.index,
      count: ib.count,
      nan: ib.nan,
      posInf: ib.posInf,
      negInf: ib.negInf,
    };
    if (ib.first !== NONE) {
      bucket.first = at(ib.first);
      bucket.last = at(ib.last);
      bucket.min = at(ib.min);
      bucket.max = at(ib.max);
    }
    return bucket;
  });
  return { inRange: r.inRange, x0: r.x0, width: r.width, buckets, points: r.kept.map(at) };
}

/** Buckets `points` (in the order the series is drawn, e.g. a history ordered by step). */
export function bucketSeries(points: readonly Metric[], opts: BucketOptions): BucketedSeries {
  return toBucketed(bucketIndexes(columnsOf(points), opts), (i) => points[i] as Metric);
}

/** Makes the Metric of one row of `cols`, once per row (so roles sharing a point share the object). */
export function pointMaker(key: string, cols: SeriesColumns): (i: number) => Metric {
  const made = new Map<number, Metric>();
  return (i) => {
    let p = made.get(i);
    if (!p)
      made.set(
        i,
        (p = {
          key,
          value: cols.value[i] as number,
          timestamp: cols.timestamp[i] as number,
          step: cols.step[i] as number,
        }),
      );
    return p;
  };
}

/**
 * Buckets a series given as columns; the points are made for the kept rows only, or taken from `at`
 * (row index → point) when the caller has them already.
 */
export function bucketColumns(
  key: string,
  cols: SeriesColumns,
  opts: BucketOptions,
  at = pointMaker(key, cols),
): BucketedSeries {
  return toBucketed(bucketIndexes(cols, opts), at);
}
