/**
 * MetricSeries ⇄ MetricSeriesColumns (contract.ts): the series of `getMetricSeriesBatch` travel as three
 * number arrays instead of one `{key, value, timestamp, step}` object per point. Both directions keep
 * every field exactly, NaN and ±inf included (the wire JSON carries those).
 */
import type { MetricSeries, MetricSeriesColumns } from './contract';

export function toSeriesColumns(series: MetricSeries): MetricSeriesColumns {
  const n = series.points.length;
  const steps = new Array<number>(n);
  const values = new Array<number>(n);
  const timestamps = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const p = series.points[i] as MetricSeries['points'][number];
    steps[i] = p.step;
    values[i] = p.value;
    timestamps[i] = p.timestamp;
  }
  return {
    key: series.key,
    totalPoints: series.totalPoints,
    sampled: series.sampled,
    steps,
    values,
    timestamps,
    nonFinite: series.nonFinite,
  };
}

export function fromSeriesColumns(columns: MetricSeriesColumns): MetricSeries {
  const { key, steps, values, timestamps } = columns;
  const n = steps.length;
  if (values.length !== n || timestamps.length !== n)
    throw new Error(
      `series "${key}": ${n} steps, ${values.length} values and ${timestamps.length} timestamps`,
    );
  const points = new Array<MetricSeries['points'][number]>(n);
  for (let i = 0; i < n; i++)
    points[i] = {
      key,
      value: values[i] as number,
      timestamp: timestamps[i] as number,
      step: steps[i] as number,
    };
  return {
    key,
    totalPoints: columns.totalPoints,
    sampled: columns.sampled,
    points,
    nonFinite: columns.nonFinite,
  };
}
