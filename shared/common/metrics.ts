/**
 * Metric-point ordering shared by every store, so that "latest value" means the same everywhere.
 * MLflow: the latest value of a metric is the point with the greatest (step, timestamp, value) —
 * not the last line logged.
 */
import type { Metric } from './types';

/** Orders numbers with NaN below everything (so a NaN value never beats a real one at equal step/time). */
function compareNumbers(a: number, b: number): number {
  const aNaN = Number.isNaN(a);
  const bNaN = Number.isNaN(b);
  if (aNaN || bNaN) return aNaN === bNaN ? 0 : aNaN ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Total order by (step, timestamp, value). */
export function compareMetricPoints(a: Metric, b: Metric): number {
  return (
    compareNumbers(a.step, b.step) ||
    compareNumbers(a.timestamp, b.timestamp) ||
    compareNumbers(a.value, b.value)
  );
}

/** The latest point of a history (greatest (step, timestamp, value)); undefined when empty. */
export function latestPoint<T extends Metric>(points: Iterable<T>): T | undefined {
  let best: T | undefined;
  for (const p of points) if (best === undefined || compareMetricPoints(p, best) > 0) best = p;
  return best;
}

/** Sorts a history by (step, timestamp), keeping logging order for ties (Array.prototype.sort is stable). */
export function sortHistory<T extends Metric>(points: T[]): T[] {
  return points.sort(
    (a, b) => compareNumbers(a.step, b.step) || compareNumbers(a.timestamp, b.timestamp),
  );
}

/** SQLite stores ±inf clamped to ±DBL_MAX; map those back to ±Infinity. */
export const DBL_MAX = 1.7976931348623157e308;
export function unclampInfinity(value: number): number {
  if (value >= DBL_MAX) return Infinity;
  if (value <= -DBL_MAX) return -Infinity;
  return value;
}
