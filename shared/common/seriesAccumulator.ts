/**
 * The chart series of a metric history fed one point at a time, in any order, keeping only per-bucket
 * state: for files too long to hold (a 10,000,000-line FileStore metric file as columns is ~700 MB),
 * read as a stream. The answer is the one `seriesOfColumns` gives for the same points in history order
 * (sorted by step, then timestamp, file order kept for ties), so that the two paths can be swapped.
 *
 * Why that holds without sorting: every choice the bucketing makes in history order — the first and last
 * finite point of a bucket, the earliest of equal minima and maxima, the first NaN / +inf / -inf — is a
 * minimum or maximum over the key (step, timestamp, ordinal), where the ordinal is the point's position
 * in the file. A running minimum over that key finds the same point whatever order the points come in.
 *
 * The bucket edges must be known before the first point is placed: they are the request's step range
 * when it gives both ends, else the data's smallest and greatest step in range. The caller passes a
 * guess (or none: totals only) and compares it with `dataEdges()` after the pass; when they differ it
 * makes a second pass with the real edges. Every pass also keeps the points while there are at most
 * 2 × buckets of them, the answer for a short history or a narrow zoom (no edges needed).
 */
import type { MetricSeries } from './contract';
import { DEFAULT_SERIES_BUCKETS, type SeriesRequest } from './metricSeries';
import type { Metric } from './types';

/** The step range the buckets split. */
export interface StepEdges {
  minStep: number;
  maxStep: number;
}

/** The edges fixed by the request itself (both ends given), else undefined: a first pass finds them. */
export function requestEdges(req: SeriesRequest): StepEdges | undefined {
  return req.minStep !== undefined && req.maxStep !== undefined
    ? { minStep: req.minStep, maxStep: req.maxStep }
    : undefined;
}

/** Roles per bucket, as downsample.ts keeps them. */
const FIRST = 0;
const LAST = 1;
const MIN = 2;
const MAX = 3;
const NAN = 4;
const POS_INF = 5;
const NEG_INF = 6;
const ROLES = 7;
const NONE = -1;

/** Point rows in a flat number array: step, timestamp, value, ordinal. */
const ROW = 4;

/** (step, timestamp, ordinal) of `a` before that of `b`: history order. */
function before(s: number, t: number, o: number, s2: number, t2: number, o2: number): boolean {
  return s < s2 || (s === s2 && (t < t2 || (t === t2 && o < o2)));
}

export class SeriesAccumulator {
  private readonly lo: number;
  private readonly hi: number;
  /** At most this many points in range: the answer is every one of them (seriesOfColumns' rule). */
  private readonly limit: number;
  private count = 0;
  private nan = 0;
  private posInf = 0;
  private negInf = 0;
  private minStep = Infinity;
  private maxStep = -Infinity;
  /** The points in range while there are at most `limit` (ROW numbers each), then undefined. */
  private kept: number[] | undefined = [];

  /** Bucketing state, only when the edges are known: per bucket and role, the chosen point. */
  private readonly buckets: number;
  private readonly x0: number;
  private readonly x1: number;
  private readonly width: number;
  private readonly ord: Float64Array;
  private readonly step: Float64Array;
  private readonly time: Float64Array;
  private readonly value: Float64Array;

  constructor(
    private readonly key: string,
    req: SeriesRequest,
    private readonly edges?: StepEdges,
  ) {
    this.lo = req.minStep ?? -Infinity;
    this.hi = req.maxStep ?? Infinity;
    const buckets = req.buckets ?? DEFAULT_SERIES_BUCKETS;
    this.limit = 2 * buckets;
    // downsample.ts's bucketIndexes, the edges given as minStep / maxStep (metricSeries' bucketOptions).
    this.buckets = edges ? Math.max(1, Math.floor(buckets)) : 0;
    this.x0 = edges?.minStep ?? Infinity;
    this.x1 = edges?.maxStep ?? -Infinity;
    this.width = this.x1 > this.x0 ? (this.x1 - this.x0) / this.buckets : 0;
    const slots = this.buckets * ROLES;
    this.ord = new Float64Array(slots).fill(NONE);
    this.step = new Float64Array(slots);
    this.time = new Float64Array(slots);
    this.value = new Float64Array(slots);
  }

  /** Points within the request's step range so far. */
  get totalPoints(): number {
    return this.count;
  }

  /** True when the answer is every point in range (no bucketing, no edges needed). */
  get whole(): boolean {
    return this.count <= this.limit;
  }

  /** The data's step range within the request's: the edges of a second pass. */
  dataEdges(): StepEdges {
    return { minStep: this.minStep, maxStep: this.maxStep };
  }

  /** One point; `ordinal` is its position in the file (unique, increasing in file order). */
  add(step: number, timestamp: number, value: number, ordinal: number): void {
    if (step < this.lo || step > this.hi) return;
    this.count++;
    if (step < this.minStep) this.minStep = step;
    if (step > this.maxStep) this.maxStep = step;
    if (value - value !== 0) {
      if (Number.isNaN(value)) this.nan++;
      else if (value > 0) this.posInf++;
      else this.negInf++;
    }
    if (this.kept) {
      if (this.count > this.limit) this.kept = undefined;
      else this.kept.push(step, timestamp, value, ordinal);
    }
    if (this.buckets > 0 && step >= this.x0 && step <= this.x1)
      this.place(step, timestamp, value, ordinal);
  }

  private place(s: number, t: number, v: number, o: number): void {
    const n = this.buckets;
    const b =
      this.width === 0 ? 0 : Math.min(n - 1, Math.max(0, Math.floor((s - this.x0) / this.width)));
    const at = b * ROLES;
    if (Number.isFinite(v)) {
      if (this.earlier(at + FIRST, s, t, o)) this.set(at + FIRST, s, t, v, o);
      if (this.ord[at + LAST] === NONE || this.earlierThanNew(at + LAST, s, t, o))
        this.set(at + LAST, s, t, v, o);
      // Equal extremes: the earliest in history order, as a strict comparison in that order keeps.
      const min = at + MIN;
      const minV = this.value[min] as number;
      if (this.ord[min] === NONE || v < minV || (v === minV && this.earlier(min, s, t, o)))
        this.set(min, s, t, v, o);
      const max = at + MAX;
      const maxV = this.value[max] as number;
      if (this.ord[max] === NONE || v > maxV || (v === maxV && this.earlier(max, s, t, o)))
        this.set(max, s, t, v, o);
    } else {
      const role = at + (Number.isNaN(v) ? NAN : v > 0 ? POS_INF : NEG_INF);
      if (this.earlier(role, s, t, o)) this.set(role, s, t, v, o);
    }
  }

  /** True when slot `i` is empty or the new point comes before its point. */
  private earlier(i: number, s: number, t: number, o: number): boolean {
    const held = this.ord[i] as number;
    return (
      held === NONE ||
      before(s, t, o, this.step[i] as number, this.time[i] as number, held as number)
    );
  }

  /** True when slot `i`'s point comes before the new point. */
  private earlierThanNew(i: number, s: number, t: number, o: number): boolean {
    return before(this.step[i] as number, this.time[i] as number, this.ord[i] as number, s, t, o);
  }

  private set(i: number, s: number, t: number, v: number, o: number): void {
    this.step[i] = s;
    this.time[i] = t;
    this.value[i] = v;
    this.ord[i] = o;
  }

  /** The answer; a sampled one needs the edges (a second pass when the request did not fix them). */
  result(): MetricSeries {
    let rows: number[];
    if (this.whole) rows = this.kept ?? [];
    else if (this.edges) rows = this.chosenRows();
    else throw new Error('SeriesAccumulator: a sampled series needs its bucket edges');
    const order = Array.from({ length: rows.length / ROW }, (_v, i) => i * ROW);
    const r = rows;
    order.sort((a, b) =>
      before(
        r[a] as number,
        r[a + 1] as number,
        r[a + 3] as number,
        r[b] as number,
        r[b + 1] as number,
        r[b + 3] as number,
      )
        ? -1
        : 1,
    );
    const points: Metric[] = order.map((i) => ({
      key: this.key,
      value: r[i + 2] as number,
      timestamp: r[i + 1] as number,
      step: r[i] as number,
    }));
    return {
      key: this.key,
      totalPoints: this.count,
      sampled: !this.whole,
      points,
      nonFinite: { nan: this.nan, posInf: this.posInf, negInf: this.negInf },
    };
  }

  /** Every chosen point once (a point may play several roles in its bucket), as ROW numbers. */
  private chosenRows(): number[] {
    const rows: number[] = [];
    const seen = new Set<number>();
    for (let i = 0; i < this.ord.length; i++) {
      const o = this.ord[i] as number;
      if (o === NONE || seen.has(o)) continue;
      seen.add(o);
      rows.push(this.step[i] as number, this.time[i] as number, this.value[i] as number, o);
    }
    return rows;
  }
}
