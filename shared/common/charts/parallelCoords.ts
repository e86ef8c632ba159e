/**
 * The logic of the compare page's parallel coordinates, apart from drawing: each axis is numeric (a
 * linear scale over its finite values) or categorical (its distinct values, sorted, evenly spaced: an
 * ordinal axis), every run maps to a position in [0, 1] on each axis (undefined when it has no value),
 * and brushes — a [lo, hi] interval of positions per axis — keep the runs inside every brush.
 */
export type CellValue = number | string | undefined;

export interface Axis {
  key: string;
  kind: 'numeric' | 'categorical';
  /** numeric: [min, max] of the finite values. */
  domain?: [number, number];
  /** categorical: the distinct values, in axis order (bottom to top). */
  categories?: string[];
}

/** A value is numeric when it is a number or a string that parses completely as a finite number. */
function asNumber(v: CellValue): number | undefined {
  if (typeof v === 'number') return v;
  if (v === undefined || v.trim() === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** An axis over the values of one column (params arrive as strings: "0.01" is numeric). */
export function makeAxis(key: string, values: readonly CellValue[]): Axis {
  const present = values.filter((v): v is number | string => v !== undefined);
  const numeric = present.every((v) => asNumber(v) !== undefined);
  if (numeric && present.length > 0) {
    const nums = present.map((v) => asNumber(v) as number).filter(Number.isFinite);
    return {
      key,
      kind: 'numeric',
      domain: nums.length ? [Math.min(...nums), Math.max(...nums)] : [0, 1],
    };
  }
  const categories = [...new Set(present.map(String))].sort((a, b) =>
    a.localeCompare(b, undefined, { numeric: true }),
  );
  return { key, kind: 'categorical', categories };
}

/** Position of a value on an axis, 0 (bottom) to 1 (top); undefined when it cannot be placed. */
export function axisPosition(axis: Axis, v: CellValue): number | undefined {
  if (v === undefined) return undefined;
  if (axis.kind === 'categorical') {
    const cats = axis.categories ?? [];
    const i = cats.indexOf(String(v));
    if (i < 0) return undefined;
    return cats.length === 1 ? 0.5 : i / (cats.length - 1);
  }
  const n = asNumber(v);
  if (n === undefined || !Number.isFinite(n)) return undefined;
  const [lo, hi] = axis.domain ?? [0, 1];
  return hi > lo ? (n - lo) / (hi - lo) : 0.5;
}

export type Brushes = Record<string, [number, number]>;

/** Whether a run (its values by axis key) lies inside every brush; a run without a value on a brushed axis does not. */
export function insideBrushes(
  axes: readonly Axis[],
  row: Record<string, CellValue>,
  brushes: Brushes,
): boolean {
  for (const axis of axes) {
    const brush = brushes[axis.key];
    if (!brush) continue;
    const pos = axisPosition(axis, row[axis.key]);
    const lo = Math.min(brush[0], brush[1]);
    const hi = Math.max(brush[0], brush[1]);
    if (pos === undefined || pos < lo - 1e-9 || pos > hi + 1e-9) return false;
  }
  return true;
}
