/**
 * Percentiles of the finite values of a series, by linear interpolation between closest ranks (numpy's
 * default), and the y range a chart uses when "ignore outliers" is on: the 5th to 95th percentile, as
 * MLflow's charts do.
 */
export function percentile(values: Iterable<number>, p: number): number | undefined {
  const sorted = Float64Array.from([...values].filter(Number.isFinite)).sort();
  if (sorted.length === 0) return undefined;
  const rank = (Math.min(Math.max(p, 0), 100) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (rank - lo);
}

/** [p5, p95] of the finite values, or undefined when there are none. */
export function outlierRange(
  values: Iterable<number>,
  lowPct = 5,
  highPct = 95,
): [number, number] | undefined {
  const all = [...values];
  const lo = percentile(all, lowPct);
  const hi = percentile(all, highPct);
  return lo === undefined || hi === undefined ? undefined : [lo, hi];
}
