/**
 * The compare page's tables as data: params (one column per run, optionally only the rows whose values
 * differ) and metrics (latest/min/max per run, the best run per row by the metric's direction).
 */
import type { MetricSeries } from '../../../shared/common/contract';
import type { Direction } from '../../../shared/common/charts/direction';
import { bestIndex } from '../../../shared/common/charts/direction';
import type { Run } from '../../../shared/common/types';
import { ownValue } from '../../../shared/common/records';

export interface ParamRow {
  key: string;
  values: (string | undefined)[];
  differs: boolean;
}

export function paramRows(runs: readonly Run[], onlyDifferences: boolean): ParamRow[] {
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.data.params)))].sort((a, b) =>
    a.localeCompare(b),
  );
  const rows = keys.map((key) => {
    const values = runs.map((r) => ownValue(r.data.params, key));
    return { key, values, differs: new Set(values).size > 1 };
  });
  return onlyDifferences ? rows.filter((r) => r.differs) : rows;
}

export interface MetricStats {
  latest?: number;
  min?: number;
  max?: number;
}

/** min/max of a series' finite points: exact even when sampled (buckets keep their extremes). */
export function seriesExtremes(series: MetricSeries | undefined): { min?: number; max?: number } {
  let min: number | undefined;
  let max: number | undefined;
  for (const p of series?.points ?? []) {
    if (!Number.isFinite(p.value)) continue;
    if (min === undefined || p.value < min) min = p.value;
    if (max === undefined || p.value > max) max = p.value;
  }
  return { min, max };
}

export type StatKind = keyof MetricStats;

/** The run index to highlight in a row of `stat` values. */
export function bestOf(
  stats: readonly MetricStats[],
  stat: StatKind,
  direction: Direction,
): number {
  return bestIndex(
    stats.map((s) => s[stat]),
    direction,
  );
}
