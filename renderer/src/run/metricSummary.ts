import type { MetricSeries } from '../../../shared/common/contract';

export interface MetricSummary {
  min: number | null;
  max: number | null;
  points: number;
  nonFinite: number;
}

/**
 * Min/max/count of a metric from a one-bucket series: the host keeps each bucket's finite minimum and
 * maximum, so one bucket over the whole history gives the exact extremes without sending the history.
 */
export function summarizeSeries(series: MetricSeries): MetricSummary {
  let min: number | null = null;
  let max: number | null = null;
  for (const p of series.points) {
    if (!Number.isFinite(p.value)) continue;
    if (min === null || p.value < min) min = p.value;
    if (max === null || p.value > max) max = p.value;
  }
  const nf = series.nonFinite;
  return { min, max, points: series.totalPoints, nonFinite: nf.nan + nf.posInf + nf.negInf };
}
