/**
 * The filter + sort case of the benchmark, and how many runs of a synthetic store must match it (the
 * benchmark checks the answer, not only the time).
 */
import { forEachPoint, type Shape, syntheticRun } from './synthetic';

/** About 5% of runs match: p1 takes 10 values, m3's final value is uniform in [0, 1). */
export const FILTER = "metrics.m3 > 0.5 and params.p1 = 'v7'";
export const FILTER_ORDER = ['metrics.m0 DESC'];

export function expectedMatches(seed: number, shape: Shape): number {
  let count = 0;
  for (let i = 0; i < shape.runs; i++) {
    const run = syntheticRun(seed, shape, i);
    if (run.params.find(([k]) => k === 'p1')?.[1] !== 'v7') continue;
    if (forEachPoint(seed, run, 3, 1, () => undefined) > 0.5) count++;
  }
  return count;
}
