/**
 * The x and y extents of a chart's drawn points, and the SVG path of one line. The lines are drawn as
 * plain paths over recharts' axes (renderer/src/charts/RunLines.tsx), so recharts never sees their
 * points: the axes get their domains from here instead of from registered <Line> data.
 */
import type { ChartData } from './chartData';

export interface Extent {
  x: [number, number];
  y: [number, number];
}

/** Extents over every line (and the smoothed values when they are drawn); undefined when nothing is drawn. */
export function chartExtent(data: ChartData, smoothed: boolean): Extent | undefined {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const line of data.lines) {
    const n = line.xs.length;
    if (n === 0) continue;
    // Points are in x order.
    x0 = Math.min(x0, line.xs[0] as number);
    x1 = Math.max(x1, line.xs[n - 1] as number);
    for (const ys of smoothed ? [line.ys, line.smoothed] : [line.ys])
      for (let i = 0; i < n; i++) {
        const y = ys[i] as number;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
  }
  return x0 <= x1 ? { x: [x0, x1], y: [y0, y1] } : undefined;
}

/**
 * "M x,y L x,y …" through `toPx`/`toPy`, rounded to 0.1 px (finer is invisible and only lengthens the
 * string); points whose pixel is not finite (e.g. ≤ 0 on a log scale) break the line.
 */
export function linePath(
  xs: Float64Array,
  ys: Float64Array,
  toPx: (x: number) => number,
  toPy: (y: number) => number,
): string {
  const parts: string[] = [];
  let move = true;
  for (let i = 0; i < xs.length; i++) {
    const px = toPx(xs[i] as number);
    const py = toPy(ys[i] as number);
    if (!Number.isFinite(px) || !Number.isFinite(py)) {
      move = true;
      continue;
    }
    parts.push(`${move ? 'M' : 'L'}${Math.round(px * 10) / 10},${Math.round(py * 10) / 10}`);
    move = false;
  }
  return parts.join('');
}

/**
 * Ticks at multiples of a round step (1, 2 or 5 × 10ⁿ, about `ticks` of them) covering [lo, hi], as
 * an 'auto' axis would have; a single value gets a range around it. The axis starts and ends on a tick.
 */
export function niceTicks([lo, hi]: [number, number], ticks = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [lo, hi];
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return niceTicks([lo - pad, hi + pad], ticks);
  }
  const raw = (hi - lo) / Math.max(1, ticks - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  // The round step nearest the raw one (by ratio), so the tick count stays near `ticks`.
  const err = raw / power;
  const step =
    (err < Math.SQRT2 ? 1 : err < Math.sqrt(10) ? 2 : err < Math.sqrt(50) ? 5 : 10) * power;
  const first = Math.floor(lo / step);
  const last = Math.ceil(hi / step);
  const out: number[] = [];
  // Multiplied, not summed: no drift (0.1 + 0.2 …) in the labels.
  for (let i = first; i <= last; i++) out.push(Number((i * step).toPrecision(12)));
  return out;
}

/**
 * Round ticks inside a range that stays the data's own (no padding: the lines reach both edges), so
 * that an x axis reads 100 s, 200 s … rather than even fifths of the range (98.2 s, 196.4 s …).
 * Undefined (the chart's own ticks) when fewer than two round values fall inside.
 */
export function roundTicksWithin([lo, hi]: [number, number]): number[] | undefined {
  if (!(lo < hi)) return undefined;
  const inside = niceTicks([lo, hi]).filter((t) => t >= lo && t <= hi);
  return inside.length >= 2 ? inside : undefined;
}

/** A generous width of one character of an 11 px axis label (digits and separators are ~6 px). */
const LABEL_CHAR_PX = 7.5;
/** Space kept between two labels along an axis. */
const LABEL_GAP_PX = 8;
/** The height of an 11 px label line. */
const LABEL_LINE_PX = 14;

/**
 * Whether every one of our own ticks can be labelled without overlap along `spanPx` of axis, estimated
 * from the labels' length (x) or the line height (y). When it can, the chart shows them all (recharts'
 * interval 0); otherwise recharts measures each label in the DOM and drops those that collide — a
 * forced layout per label, ~10 ms a chart, which a chart view of three charts paid before its lines.
 */
export function ticksFit(
  ticks: readonly number[] | undefined,
  format: (value: number) => string,
  spanPx: number,
  along: 'x' | 'y',
): boolean {
  if (!ticks || ticks.length < 2) return false;
  const slot = spanPx / (ticks.length - 1);
  if (along === 'y') return slot >= LABEL_LINE_PX + LABEL_GAP_PX;
  // Neighbouring labels are centred on their ticks: half of each must fit in one slot.
  let widest = 0;
  for (const t of ticks) widest = Math.max(widest, format(t).length * LABEL_CHAR_PX);
  return slot >= widest + LABEL_GAP_PX;
}
