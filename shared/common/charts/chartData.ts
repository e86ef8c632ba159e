/**
 * Turns the series of several runs into what a recharts line chart draws: rows `{ x, r0, s0, r1, … }`
 * sorted by x, where `r<i>` is run i's raw value and `s<i>` its smoothed value (index keys, since
 * recharts reads dotted dataKeys as paths and run ids may hold anything). Rows are shared between runs
 * where they have a point at the same x; a run with several points at one x (a step logged twice, or a
 * bucket's min and max) gets one row per point, so a vertical jump is drawn rather than lost.
 *
 * Points that cannot be drawn are never drawn as 0: NaN/±inf (and, on a log scale, values ≤ 0) are left
 * out of the rows, counted, and returned as markers at their x so the chart can show where they are.
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

export type ChartRow = { x: number } & Record<string, number | undefined>;

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

export interface ChartData {
  rows: ChartRow[];
  notDrawn: NotDrawn;
  markers: Marker[];
  /** Per run, its drawn points' x and raw y in x order (for the tooltip's nearest-point lookup). */
  lookup: { xs: Float64Array; ys: Float64Array; smoothed: Float64Array }[];
}

export const rawKey = (i: number): string => `r${i}`;
export const smoothKey = (i: number): string => `s${i}`;

export function buildChartData(
  runs: readonly RunSeriesInput[],
  mode: XAxisMode,
  opts: { smoothing?: number; logScale?: boolean } = {},
): ChartData {
  const notDrawn: NotDrawn = { nan: 0, posInf: 0, negInf: 0, nonPositive: 0 };
  const markers: Marker[] = [];
  const triples: { x: number; run: number; raw: number; smooth: number }[] = [];
  const lookup: ChartData['lookup'] = [];
  runs.forEach((run, i) => {
    if (run.nonFinite) {
      notDrawn.nan += run.nonFinite.nan;
      notDrawn.posInf += run.nonFinite.posInf;
      notDrawn.negInf += run.nonFinite.negInf;
    }
    const xs = xValues(run.points, mode, run);
    const smoothed = emaSmooth(
      run.points.map((p) => p.value),
      opts.smoothing ?? 0,
    );
    const mine: { x: number; raw: number; smooth: number }[] = [];
    run.points.forEach((p, j) => {
      const x = xs[j];
      if (x === undefined) return;
      if (!Number.isFinite(p.value)) {
        if (!run.nonFinite) {
          if (Number.isNaN(p.value)) notDrawn.nan++;
          else if (p.value > 0) notDrawn.posInf++;
          else notDrawn.negInf++;
        }
        markers.push({
          series: i,
          x,
          kind: Number.isNaN(p.value) ? 'nan' : p.value > 0 ? '+inf' : '-inf',
        });
        return;
      }
      if (opts.logScale && p.value <= 0) {
        notDrawn.nonPositive++;
        return;
      }
      mine.push({ x, raw: p.value, smooth: smoothed[j] as number });
    });
    // Steps are ordered already; other x modes (another metric) may not be.
    mine.sort((a, b) => a.x - b.x);
    lookup.push({
      xs: Float64Array.from(mine, (m) => m.x),
      ys: Float64Array.from(mine, (m) => m.raw),
      smoothed: Float64Array.from(mine, (m) => m.smooth),
    });
    for (const m of mine) triples.push({ ...m, run: i });
  });
  // Stable sort: each run's own order is kept among equal x.
  triples.sort((a, b) => a.x - b.x);
  const rows: ChartRow[] = [];
  let current: ChartRow | undefined;
  for (const t of triples) {
    const r = rawKey(t.run);
    if (!current || current.x !== t.x || current[r] !== undefined) {
      current = { x: t.x } as ChartRow;
      rows.push(current);
    }
    current[r] = t.raw;
    current[smoothKey(t.run)] = t.smooth;
  }
  return { rows, notDrawn, markers, lookup };
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
