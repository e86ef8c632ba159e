/**
 * The runs table's columns. A column id says everything about it, so the URL (`cols`, `sort`,
 * `group`) and the remembered preferences need no other list:
 *   name status start duration user source experiment  — run attributes
 *   m:<key>  mmin:<key>  mmax:<key>                       — a metric's latest value, its min, its max
 *   p:<key>  t:<key>                                      — a param, a tag
 */
import type { MetricRange } from '../../../shared/common/contract';
import type { Run } from '../../../shared/common/types';
import { ownValue } from '../../../shared/common/records';

export type ColumnGroup = 'run' | 'metrics' | 'params' | 'tags';
export type MetricAgg = 'latest' | 'min' | 'max';

export interface ColumnSpec {
  id: string;
  group: ColumnGroup;
  label: string;
  width: number;
  align: 'left' | 'right';
  /** The MLflow `order_by` field; absent when the store cannot order by it (sorted here, over every run). */
  orderField?: string;
  /** metrics / params / tags: the key. */
  key?: string;
  /** metrics: which value of the history. */
  agg?: MetricAgg;
}

export const SOURCE_TAG = 'mlflow.source.name';
const SIMPLE_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `metrics.f1`, or MLflow's backtick quoting for keys with dots, slashes or spaces. */
function entityField(prefix: 'metrics' | 'params' | 'tags', key: string): string | undefined {
  if (SIMPLE_KEY.test(key)) return `${prefix}.${key}`;
  return key.includes('`') ? undefined : `${prefix}.\`${key}\``;
}

const ATTRIBUTES: readonly ColumnSpec[] = [
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
  // MLflow cannot order by duration or experiment: those are sorted here.
  { id: 'duration', group: 'run', label: 'Duration', width: 96, align: 'right' },
  {
    id: 'user',
    group: 'run',
    label: 'User',
    width: 110,
    align: 'left',
    orderField: 'attributes.user_id',
  },
  {
    id: 'source',
    group: 'run',
    label: 'Source',
    width: 150,
    align: 'left',
    orderField: 'tags.`mlflow.source.name`',
  },
  { id: 'experiment', group: 'run', label: 'Experiment', width: 160, align: 'left' },
  // The run's compliance badge (governance/ComplianceBadge): not a store field, so never sorted. Not a
  // default column: it evaluates the whole store, which must not delay the first rows.
  { id: 'compliance', group: 'run', label: 'Governance', width: 124, align: 'left' },
];
export const ATTRIBUTE_IDS = ATTRIBUTES.map((c) => c.id);

const METRIC_PREFIX: Record<string, MetricAgg> = { m: 'latest', mmin: 'min', mmax: 'max' };
const AGG_LABEL: Record<MetricAgg, string> = { latest: '', min: ' (min)', max: ' (max)' };

/** The column an id names, or null for an id that names none (a stale preference, a bad link). */
export function columnSpec(id: string): ColumnSpec | null {
  const attribute = ATTRIBUTES.find((c) => c.id === id);
  if (attribute) return attribute;
  const at = id.indexOf(':');
  if (at <= 0 || at === id.length - 1) return null;
  const prefix = id.slice(0, at);
  const key = id.slice(at + 1);
  const agg = METRIC_PREFIX[prefix];
  if (agg) {
    const spec: ColumnSpec = {
      id,
      group: 'metrics',
      label: `${key}${AGG_LABEL[agg]}`,
      key,
      agg,
      width: 112,
      align: 'right',
    };
    const field = agg === 'latest' ? entityField('metrics', key) : undefined;
    return field ? { ...spec, orderField: field } : spec;
  }
  if (prefix === 'p' || prefix === 't') {
    const field = entityField(prefix === 'p' ? 'params' : 'tags', key);
    const spec: ColumnSpec = {
      id,
      group: prefix === 'p' ? 'params' : 'tags',
      label: key,
      key,
      width: 128,
      align: 'left',
    };
    return field ? { ...spec, orderField: field } : spec;
  }
  return null;
}

function sortedKeys(runs: readonly Run[], pick: (run: Run) => object): string[] {
  const keys = new Set<string>();
  for (const run of runs) for (const key of Object.keys(pick(run))) keys.add(key);
  return [...keys].sort((a, b) => a.localeCompare(b, undefined, { sensitivity: 'base' }));
}

export interface RunKeys {
  metrics: string[];
  params: string[];
  tags: string[];
}

/** The metric, param and tag keys of the loaded runs, sorted. */
export function runKeys(runs: readonly Run[]): RunKeys {
  return {
    metrics: sortedKeys(runs, (r) => r.data.metrics),
    params: sortedKeys(runs, (r) => r.data.params),
    tags: sortedKeys(runs, (r) => r.data.tags),
  };
}

/** Every column the chooser offers for these keys: attributes, metrics (latest/min/max), params, tags. */
export function availableColumnIds(keys: RunKeys, multipleExperiments: boolean): string[] {
  return [
    ...ATTRIBUTE_IDS.filter((id) => id !== 'experiment' || multipleExperiments),
    ...keys.metrics.flatMap((k) => [`m:${k}`, `mmin:${k}`, `mmax:${k}`]),
    ...keys.params.map((k) => `p:${k}`),
    ...keys.tags.map((k) => `t:${k}`),
  ];
}

export const DEFAULT_METRIC_COLUMNS = 8;
export const DEFAULT_PARAM_COLUMNS = 4;

/** The columns shown before the user chooses: run attributes, the first metrics, the first params. */
export function defaultColumnIds(keys: RunKeys, multipleExperiments: boolean): string[] {
  return [
    'name',
    'status',
    'start',
    'duration',
    'user',
    'source',
    ...(multipleExperiments ? ['experiment'] : []),
    ...keys.metrics.slice(0, DEFAULT_METRIC_COLUMNS).map((k) => `m:${k}`),
    ...keys.params.slice(0, DEFAULT_PARAM_COLUMNS).map((k) => `p:${k}`),
  ];
}

/** `train.py`, `/home/a/proj/train.py` → `train.py`; notebooks and jobs keep their last segment. */
export function sourceLabel(run: Run): string {
  const name = run.data.tags[SOURCE_TAG] ?? '';
  const last = name.split(/[\\/]/).filter(Boolean).pop();
  return last ?? name;
}

function duration(run: Run): number | null {
  const { startTime, endTime } = run.info;
  return startTime === null || endTime === null ? null : endTime - startTime;
}

/** Ranges by `runId` then key, as getMetricRanges gives them. */
export type RangeIndex = ReadonlyMap<string, ReadonlyMap<string, MetricRange>>;

export function indexRanges(
  ranges: readonly MetricRange[],
  into = new Map<string, Map<string, MetricRange>>(),
) {
  for (const range of ranges) {
    const byKey = into.get(range.runId) ?? new Map<string, MetricRange>();
    byKey.set(range.key, range);
    into.set(range.runId, byKey);
  }
  return into;
}

/**
 * A cell's value for sorting, grouping and CSV: a number, a string, or null when the run has none.
 * `experimentName` names the run's experiment (the experiment column).
 */
export function cellValue(
  run: Run,
  spec: ColumnSpec,
  ranges: RangeIndex | undefined,
  experimentName?: (run: Run) => string,
): number | string | null {
  const { info, data } = run;
  switch (spec.id) {
    case 'name':
      return info.runName || info.runId;
    case 'status':
      return info.status;
    case 'start':
      return info.startTime;
    case 'duration':
      return duration(run);
    case 'user':
      return info.userId || null;
    case 'source':
      return data.tags[SOURCE_TAG] ?? null;
    case 'experiment':
      return experimentName ? experimentName(run) : info.experimentId;
  }
  const key = spec.key;
  if (key === undefined) return null;
  if (spec.group === 'params') return ownValue(data.params, key) ?? null;
  if (spec.group === 'tags') return ownValue(data.tags, key) ?? null;
  if (spec.agg === 'latest') return ownValue(data.metrics, key)?.value ?? null;
  const range = ranges?.get(info.runId)?.get(key);
  if (!range) return null;
  return spec.agg === 'min' ? range.min : range.max;
}

/**
 * Orders runs by a column the store cannot order by (duration, experiment, a metric's min or max,
 * keys with backticks). Missing values go last both ways, as MLflow does for metrics; NaN sorts as
 * the largest number, as in MLflow; ties keep the store's order.
 */
export function sortLocally(
  runs: readonly Run[],
  spec: ColumnSpec,
  ascending: boolean,
  ranges: RangeIndex | undefined,
  experimentName?: (run: Run) => string,
): Run[] {
  const dir = ascending ? 1 : -1;
  const keyed = runs.map((run, index) => ({
    run,
    index,
    v: cellValue(run, spec, ranges, experimentName),
  }));
  keyed.sort((a, b) => {
    if (a.v === null || b.v === null)
      return a.v === b.v ? a.index - b.index : a.v === null ? 1 : -1;
    let c: number;
    if (typeof a.v === 'number' && typeof b.v === 'number') {
      const an = Number.isNaN(a.v) ? Infinity : a.v;
      const bn = Number.isNaN(b.v) ? Infinity : b.v;
      c = an === bn ? 0 : an < bn ? -1 : 1;
    } else {
      c = String(a.v).localeCompare(String(b.v));
    }
    return c * dir || a.index - b.index;
  });
  return keyed.map((k) => k.run);
}

/**
 * The `orderBy` for searchRuns; empty (the store's default, newest first) when unsorted or sorted
 * here. Ties need no clause: MLflow orders them by start time (newest first) then run id anyway, so
 * the request stays the one MLflow's own UI sends.
 */
export function orderByFor(sort: { columnId: string; ascending: boolean } | null): string[] {
  if (sort === null) return [];
  const field = columnSpec(sort.columnId)?.orderField;
  if (field === undefined) return [];
  return [`${field} ${sort.ascending ? 'ASC' : 'DESC'}`];
}
