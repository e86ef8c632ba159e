/**
 * Turns the series of several runs into what a recharts line chart draws: one array of points per run
 * (`<Line data={lines[i]}>`), `{ x, y, s }` sorted by x, `y` the raw value and `s` the smoothed one.
 * One array per line rather than one merged row set: recharts then walks each line's own ~2 points per
 * pixel instead of every run's x for every line, and a new run's answer leaves the other lines'
 * arrays (and their memoised <Line>s) untouched. A run with several points at one x (a step logged
 * twice, or a bucket's min and max) keeps them all, so a vertical jump is drawn rather than lost.
 *
 * Points that cannot be drawn are never drawn as 0: NaN/±inf (and, on a log scale, values ≤ 0) are left
 * out of the lines, counted, and returned as markers at their x so the chart can show where they are.
 */
import type { Metric } from '../types';
import { emaSmooth } from './smoothing';
import { xValues, type XAxisMode } from './xAxis';

export interface RunSeriesInput {
  points: readonly Metric[];
  /** Counts over the whole history (a sampled series keeps only the first of each kind per bucket). */
  nonFinite?: { nan: number; posInf: number; negInf: number };
  runStartTime?: number;
  /** For the 'metric' x axis: the other metric's value by step. */
  other?: Map<number, number>;
}

/** A drawn point: x, raw value, smoothed value (= raw without smoothing). */
export interface ChartPoint {
  x: number;
  y: number;
  s: number;
}

export interface NotDrawn {
  nan: number;
  posInf: number;
  negInf: number;
  /** Values ≤ 0 on a log scale. */
  nonPositive: number;
}

export interface Marker {
  series: number;
  x: number;
  kind: 'nan' | '+inf' | '-inf';
}

/** What one run contributes to a chart. */
export interface RunLine {
  /** Drawn points in x order (recharts' data for this run's <Line>). */
  points: ChartPoint[];
  /** The same as columns, for the hover lookup (binary search on x). */
  xs: Float64Array;
  ys: Float64Array;
  smoothed: Float64Array;
  notDrawn: NotDrawn;
  markers: Marker[];
}

export interface ChartData {
  lines: RunLine[];
  notDrawn: NotDrawn;
  markers: Marker[];
  /** Drawn points over all lines. */
  pointCount: number;
}

export const emptyNotDrawn = (): NotDrawn => ({ nan: 0, posInf: 0, negInf: 0, nonPositive: 0 });

/** One run's line; `series` is its index (markers name it). */
export function buildRunLine(
  run: RunSeriesInput,
  series: number,
  mode: XAxisMode,
  opts: { smoothing?: number; logScale?: boolean } = {},
): RunLine {
  const notDrawn = emptyNotDrawn();
  const markers: Marker[] = [];
  if (run.nonFinite) {
    notDrawn.nan = run.nonFinite.nan;
    notDrawn.posInf = run.nonFinite.posInf;
    notDrawn.negInf = run.nonFinite.negInf;
  }
  const xs = xValues(run.points, mode, run);
  const n = run.points.length;
  const values = new Array<number>(n);
  for (let j = 0; j < n; j++) values[j] = (run.points[j] as Metric).value;
  const smoothed = emaSmooth(values, opts.smoothing ?? 0);
  const points: ChartPoint[] = [];
  // Filled as the points are kept (one pass, no per-element callbacks), cut to length below.
  let pxs = new Float64Array(n);
  let pys = new Float64Array(n);
  let pss = new Float64Array(n);
  let sorted = true;
  let lastX = -Infinity;
  for (let j = 0; j < n; j++) {
    const x = xs[j];
    if (x === undefined) continue;
    const value = values[j] as number;
    if (!Number.isFinite(value)) {
      const kind = Number.isNaN(value) ? 'nan' : value > 0 ? '+inf' : '-inf';
      if (!run.nonFinite) {
        if (kind === 'nan') notDrawn.nan++;
        else if (kind === '+inf') notDrawn.posInf++;
        else notDrawn.negInf++;
      }
      markers.push({ series, x, kind });
      continue;
    }
    if (opts.logScale && value <= 0) {
      notDrawn.nonPositive++;
      continue;
    }
    if (lastX > x) sorted = false;
    lastX = x;
    const s = smoothed[j] as number;
    const k = points.length;
    pxs[k] = x;
    pys[k] = value;
    pss[k] = s;
    points.push({ x, y: value, s });
  }
  // Steps are ordered already; other x modes (another metric) may not be. Stable: ties keep their order.
  if (!sorted) {
    points.sort((a, b) => a.x - b.x);
    points.forEach((p, k) => {
      pxs[k] = p.x;
      pys[k] = p.y;
      pss[k] = p.s;
    });
  }
  if (points.length < n) {
    pxs = pxs.slice(0, points.length);
    pys = pys.slice(0, points.length);
    pss = pss.slice(0, points.length);
  }
  return { points, xs: pxs, ys: pys, smoothed: pss, notDrawn, markers };
}

/** Sums the runs' lines into a chart (the lines themselves are kept as they are). */
export function combineLines(lines: RunLine[]): ChartData {
  const notDrawn = emptyNotDrawn();
  const markers: Marker[] = [];
  let pointCount = 0;
  for (const l of lines) {
    notDrawn.nan += l.notDrawn.nan;
    notDrawn.posInf += l.notDrawn.posInf;
    notDrawn.negInf += l.notDrawn.negInf;
    notDrawn.nonPositive += l.notDrawn.nonPositive;
    for (const m of l.markers) markers.push(m);
    pointCount += l.points.length;
  }
  return { lines, notDrawn, markers, pointCount };
}

export function buildChartData(
  runs: readonly RunSeriesInput[],
  mode: XAxisMode,
  opts: { smoothing?: number; logScale?: boolean } = {},
): ChartData {
  return combineLines(runs.map((run, i) => buildRunLine(run, i, mode, opts)));
}

/** Index of the drawn point nearest to x (ties: the earlier), or -1 when there is none. */
export function nearestIndex(xs: Float64Array, x: number): number {
  if (xs.length === 0) return -1;
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  if (lo > 0 && x - (xs[lo - 1] as number) <= (xs[lo] as number) - x) return lo - 1;
  return lo;
}

/** "3 NaN, 1 +inf not drawn" — empty when everything is drawn. */
export function notDrawnNote(n: NotDrawn): string {
  const parts: string[] = [];
  if (n.nan) parts.push(`${n.nan} NaN`);
  if (n.posInf) parts.push(`${n.posInf} +inf`);
  if (n.negInf) parts.push(`${n.negInf} −inf`);
  if (n.nonPositive) parts.push(`${n.nonPositive} ≤ 0 (log scale)`);
  return parts.length ? `${parts.join(', ')} not drawn` : '';
}
