/**
 * Test data for the stores' `getMetricSeries` property tests: seeded random histories with what real
 * files hold (NaN, ±inf, exact duplicates, several points per step, steps logged out of order), and the
 * bucket requests each store is checked with. Only tests import this file.
 */
import type { SeriesRequest } from '../../shared/common/metricSeries';
import { prng } from '../../shared/common/prng';

export interface GenPoint {
  timestamp: number;
  value: number;
  step: number;
}

/** `n` points in logging order from a seed (every fifth seed gives a constant metric: ties everywhere). */
export function genHistory(seed: number, n: number): GenPoint[] {
  const rnd = prng(seed);
  const out: GenPoint[] = [];
  const constant = seed % 5 === 0;
  for (let i = 0; i < n; i++) {
    const r = rnd();
    const previous = out[out.length - 1];
    if (previous && r < 0.05) {
      out.push({ ...previous });
      continue;
    }
    const step = r < 0.1 ? Math.floor(rnd() * n) : r < 0.15 && previous ? previous.step : i;
    const pick = rnd();
    const value = constant
      ? 1
      : pick < 0.05
        ? NaN
        : pick < 0.08
          ? Infinity
          : pick < 0.11
            ? -Infinity
            : pick < 0.3
              ? Math.round(rnd() * 4) / 4
              : Math.round((Math.sin(i / 7) + rnd() * 0.1) * 1e6) / 1e6;
    out.push({ timestamp: 1717200000000 + Math.floor(rnd() * n * 3), value, step });
  }
  return out;
}

/** Sizes that exercise both answers: whole (≤ 2 × buckets) and sampled. */
export const GEN_SIZES = [0, 1, 7, 60, 400, 3000];

/** Requests: tiny and default bucket counts, open and closed step ranges, an empty one. */
export const SERIES_REQUESTS: (SeriesRequest & { buckets: number })[] = [
  { buckets: 1 },
  { buckets: 3 },
  { buckets: 17 },
  { buckets: 1000 },
  { buckets: 5, minStep: 10 },
  { buckets: 5, maxStep: 200 },
  { buckets: 4, minStep: 20, maxStep: 1500 },
  { buckets: 2, minStep: 5, maxStep: 5 },
  { buckets: 2, minStep: 9, maxStep: 3 },
];
