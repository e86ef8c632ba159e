/**
 * Group by a param or tag (mlflow#3762): one header row per value with the number of runs and the
 * mean, min and max of a chosen metric column over the group's runs, then the group's runs in the
 * table's order. Runs without the param or tag form a "(none)" group, last.
 */
import type { Run } from '../../../shared/common/types';
import { cellValue, type ColumnSpec, type RangeIndex } from './columns';
import { flatRows, type LoadedRun, type RunRow } from './runTree';
import { pushAll } from '../../../shared/common/arrays';

export interface GroupAggregate {
  mean: number;
  min: number;
  max: number;
  /** Runs of the group with a finite value of the metric. */
  n: number;
}

export interface GroupRow {
  kind: 'group';
  key: string;
  /** The param or tag value; null for runs that have none. */
  value: string | null;
  count: number;
  aggregate: GroupAggregate | null;
  depth: 0;
  childCount: number;
}

export function aggregate(values: readonly (number | string | null)[]): GroupAggregate | null {
  let n = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    n += 1;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return n === 0 ? null : { mean: sum / n, min, max, n };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function groupRows(
  runs: readonly LoadedRun[],
  by: ColumnSpec,
  metric: ColumnSpec | null,
  ranges: RangeIndex | undefined,
  collapsed: ReadonlySet<string>,
): (GroupRow | RunRow)[] {
  const groups = new Map<string | null, LoadedRun[]>();
  for (const loaded of runs) {
    const raw = cellValue(loaded.run, by, ranges);
    const value = raw === null ? null : String(raw);
    const members = groups.get(value);
    if (members) members.push(loaded);
    else groups.set(value, [loaded]);
  }
  const values = [...groups.keys()].sort((a, b) =>
    a === null ? 1 : b === null ? -1 : collator.compare(a, b),
  );
  const rows: (GroupRow | RunRow)[] = [];
  for (const value of values) {
    const members = groups.get(value) ?? [];
    const key = `group:${by.id}=${value ?? '\u0000none'}`;
    rows.push({
      kind: 'group',
      key,
      value,
      count: members.length,
      aggregate: metric
        ? aggregate(members.map((m: { run: Run }) => cellValue(m.run, metric, ranges)))
        : null,
      depth: 0,
      childCount: members.length,
    });
    if (!collapsed.has(key))
      pushAll(
        rows,
        flatRows(members).map((r) => ({ ...r, depth: 1 })),
      );
  }
  return rows;
}
