import type { Run } from '../../../shared/common/types';

export type ColumnGroup = 'run' | 'metrics' | 'params';

export interface Column {
  id: string;
  group: ColumnGroup;
  label: string;
  width: number;
  align: 'left' | 'right';
  /** The MLflow `order_by` field for this column; absent when the store cannot order by it. */
  orderField?: string;
  /** metrics / params: the key. */
  key?: string;
}

export interface SortState {
  columnId: string;
  ascending: boolean;
}

const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `metrics.f1`, or MLflow's backtick quoting for keys with dots, slashes or spaces. */
function entityField(prefix: 'metrics' | 'params', key: string): string | undefined {
  if (SIMPLE_KEY.test(key)) return `${prefix}.${key}`;
  return key.includes('`') ? undefined : `${prefix}.\`${key}\``;
}

export const RUN_COLUMNS: readonly Column[] = [
  {
    id: 'name',
    group: 'run',
    label: 'Run',
    width: 240,
    align: 'left',
    orderField: 'attributes.run_name',
  },
  {
    id: 'status',
    group: 'run',
    label: 'Status',
    width: 104,
    align: 'left',
    orderField: 'attributes.status',
  },
  {
    id: 'start',
    group: 'run',
    label: 'Started',
    width: 164,
    align: 'left',
    orderField: 'attributes.start_time',
  },
  // MLflow cannot order by duration; the table sorts the loaded runs itself.
  { id: 'duration', group: 'run', label: 'Duration', width: 96, align: 'right' },
  {
    id: 'user',
    group: 'run',
    label: 'User',
    width: 110,
    align: 'left',
    orderField: 'attributes.user_id',
  },
];

function sortedKeys(runs: readonly Run[], pick: (run: Run) => object): string[] {
  const keys = new Set<string>();
  for (const run of runs) for (const key of Object.keys(pick(run))) keys.add(key);
  return [...keys].sort((a, b) => a.localeCompare(b));
}

/** The fixed run columns, then one column per latest-metric key and per param key in `runs`. */
export function buildColumns(runs: readonly Run[]): Column[] {
  const metrics = sortedKeys(runs, (r) => r.data.metrics).map((key): Column => ({
    id: `m:${key}`,
    group: 'metrics',
    label: key,
    key,
    width: 112,
    align: 'right',
    orderField: entityField('metrics', key),
  }));
  const params = sortedKeys(runs, (r) => r.data.params).map((key): Column => ({
    id: `p:${key}`,
    group: 'params',
    label: key,
    key,
    width: 128,
    align: 'left',
    orderField: entityField('params', key),
  }));
  return [...RUN_COLUMNS, ...metrics, ...params];
}

/** The `orderBy` for searchRuns; empty (the store's default, newest first) when unsorted or client-sorted. */
export function orderByFor(sort: SortState | null): string[] {
  if (sort === null) return [];
  const field = columnOrderField(sort.columnId);
  if (field === undefined) return [];
  // Ties in MLflow order by start time then run id; add the start time so equal values read newest first.
  const tieBreak = field === 'attributes.start_time' ? [] : ['attributes.start_time DESC'];
  return [`${field} ${sort.ascending ? 'ASC' : 'DESC'}`, ...tieBreak];
}

/** The order_by field of a column id, derivable without the column list (ids encode the key). */
export function columnOrderField(columnId: string): string | undefined {
  if (columnId.startsWith('m:')) return entityField('metrics', columnId.slice(2));
  if (columnId.startsWith('p:')) return entityField('params', columnId.slice(2));
  return RUN_COLUMNS.find((c) => c.id === columnId)?.orderField;
}

function duration(run: Run): number {
  const { startTime, endTime } = run.info;
  return startTime === null || endTime === null ? Number.NaN : endTime - startTime;
}

/**
 * Sorts loaded runs for a column the store cannot order by (duration, keys with backticks).
 * Missing values go last in both directions, as MLflow does for metrics.
 */
export function sortLocally(runs: readonly Run[], sort: SortState): Run[] {
  const value = (run: Run): number | string | undefined => {
    if (sort.columnId === 'duration') {
      const d = duration(run);
      return Number.isNaN(d) ? undefined : d;
    }
    if (sort.columnId.startsWith('m:')) return run.data.metrics[sort.columnId.slice(2)]?.value;
    if (sort.columnId.startsWith('p:')) return run.data.params[sort.columnId.slice(2)];
    return undefined;
  };
  const dir = sort.ascending ? 1 : -1;
  return [...runs].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === undefined || vb === undefined) return va === vb ? 0 : va === undefined ? 1 : -1;
    if (typeof va === 'number' && typeof vb === 'number') return (va - vb || 0) * dir;
    return String(va).localeCompare(String(vb)) * dir;
  });
}
