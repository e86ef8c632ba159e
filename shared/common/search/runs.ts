/**
 * Run search: MLflow's `search_runs` filter, order_by and paging, evaluated in memory over all runs
 * of the requested experiments (the caller has already applied experiment ids and the view type).
 *
 * Semantics follow MLflow's FileStore (`SearchUtils.filter` / `sort` / `paginate`):
 * - entity types `metrics.` `params.` `tags.` `attributes.` `datasets.` (and MLflow's aliases);
 *   a bare key is an attribute;
 * - order: the given keys, then start_time DESC, then run_id ASC; for every key values come first
 *   (ascending or descending), then NaN, then runs without the key — in both directions.
 * Runlens extensions: OR and parentheses; IN / NOT IN on params, tags and every string attribute;
 * IS [NOT] NULL on metrics, params, tags and attributes; `lifecycle_stage` as an attribute.
 */
import type { DatasetInput, LifecycleStage, Run, RunInfo, ViewType } from '../types';
import { applyComparator, checkClause, resolveEntity, type ClauseValue } from './compare';
import { invalid } from './errors';
import { compareValues, parseOrderByClause, type RawOrderBy } from './orderBy';
import { paginate, resolveMaxResults, type PageLimits } from './pageToken';
import {
  evaluate,
  LIST_COMPARATORS,
  NULL_COMPARATORS,
  NUMERIC_COMPARATORS,
  parseFilter,
  parseFilterSyntax,
  STRING_COMPARATORS,
  type BoolExpr,
  type Comparator,
  type RawClause,
} from './parser';
import { ownValue } from '../records';

export type RunEntity = 'metric' | 'param' | 'tag' | 'attribute' | 'dataset';

/** One validated run clause. `key` is canonical (`created` → `start_time`). */
export interface RunClause {
  entity: RunEntity;
  key: string;
  comparator: Comparator;
  /** A number for metrics and numeric attributes, a string, a list for IN, null for IS [NOT] NULL. */
  value: ClauseValue;
}

export type RunFilter = BoolExpr<RunClause>;

export interface OrderKey {
  entity: Exclude<RunEntity, 'dataset'>;
  key: string;
  ascending: boolean;
}

export interface SearchQuery {
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
}

/** A run search as MLflow's `search_runs` takes it: the query, and which lifecycle stages are in view. */
export interface RunSearchRequest extends SearchQuery {
  viewType?: ViewType;
}

/**
 * A run search parsed and validated once (by the service), whichever path then answers it: a store's
 * own search (SQL, a server's runs/search) or the in-memory one below. Errors are thrown while parsing,
 * in MLflow's order (filter, order_by, max_results); a page token is decoded only by the path that
 * pages by offset (`pageOffset`), as a server's tokens are its own.
 */
export interface RunQuery {
  /** The filter and order_by as given ('' and [] when none): RestStore sends them on unchanged. */
  filterText: string;
  orderByText: readonly string[];
  filter: RunFilter;
  orderBy: readonly OrderKey[];
  /** Checked against RUN_PAGE_LIMITS; the default when none was given. */
  maxResults: number;
  pageToken?: string;
  viewType: ViewType;
  /** How it was written, beyond what it means (mlflowGrammar.ts decides from this what a server reads alike). */
  written: {
    clauses: readonly RawClause[];
    /** Parentheses grouping clauses (not an IN list's). */
    grouped: boolean;
    orderBy: readonly RawOrderBy[];
  };
}

/** Whether a run of this lifecycle stage is in the view (MLflow's ViewType; ACTIVE_ONLY by default). */
export function inView(stage: LifecycleStage, viewType: ViewType | undefined): boolean {
  const view = viewType ?? 'ACTIVE_ONLY';
  return view === 'ALL' || (view === 'ACTIVE_ONLY' ? stage === 'active' : stage === 'deleted');
}

/** MLflow's SEARCH_MAX_RESULTS_DEFAULT and SEARCH_MAX_RESULTS_THRESHOLD. */
export const RUN_PAGE_LIMITS: PageLimits = { defaultMaxResults: 1000, maxMaxResults: 50_000 };

/** Entity names of run filters and order_by (MLflow's `_VALID_IDENTIFIERS`); keys are lower case. */
export const ENTITY_ALIASES: Readonly<Record<string, RunEntity>> = {
  metric: 'metric',
  metrics: 'metric',
  param: 'param',
  params: 'param',
  parameter: 'param',
  parameters: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

/** The attributes a search reads: a Run's info, or an index's own (RunReader.info). */
export type SearchedInfo = Pick<
  RunInfo,
  'runId' | 'runName' | 'status' | 'userId' | 'artifactUri' | 'startTime' | 'endTime'
>;

type AttributeGetter<R> = (
  info: SearchedInfo,
  run: R,
  reader: RunReader<R>,
) => string | number | null;

const STRING_ATTRIBUTES: Record<string, AttributeGetter<never>> = {
  run_id: (i) => i.runId,
  run_name: (i) => i.runName,
  status: (i) => i.status,
  user_id: (i) => i.userId,
  artifact_uri: (i) => i.artifactUri,
  lifecycle_stage: (_i, r, reader) => reader.lifecycleStage(r),
};
const NUMERIC_ATTRIBUTES: Record<string, AttributeGetter<never>> = {
  start_time: (i) => i.startTime,
  end_time: (i) => i.endTime,
};
/** MLflow's `translate_key_alias`. */
const ATTRIBUTE_ALIASES: Record<string, string> = {
  created: 'start_time',
  Created: 'start_time',
  'run name': 'run_name',
  'Run name': 'run_name',
  'Run Name': 'run_name',
};
const DATASET_KEYS = ['name', 'digest', 'context'];
const DATASET_CONTEXT_TAG = 'mlflow.data.context';

function canonicalAttribute(key: string): string {
  return Object.hasOwn(ATTRIBUTE_ALIASES, key) ? (ATTRIBUTE_ALIASES[key] as string) : key;
}

function attributeGetter<R>(
  key: string,
): { get: AttributeGetter<R>; numeric: boolean } | undefined {
  if (Object.hasOwn(STRING_ATTRIBUTES, key))
    return { get: STRING_ATTRIBUTES[key] as AttributeGetter<R>, numeric: false };
  if (Object.hasOwn(NUMERIC_ATTRIBUTES, key))
    return { get: NUMERIC_ATTRIBUTES[key] as AttributeGetter<R>, numeric: true };
  return undefined;
}

const VALID_ATTRIBUTES = [...Object.keys(STRING_ATTRIBUTES), ...Object.keys(NUMERIC_ATTRIBUTES)]
  .sort()
  .join(', ');

function resolveRunClause(c: RawClause, fail: (message: string) => never): RunClause {
  const entity =
    c.entity === null ? 'attribute' : resolveEntity(c.entity, ENTITY_ALIASES, c.pos, fail);
  const stringOps = [...STRING_COMPARATORS, ...LIST_COMPARATORS, ...NULL_COMPARATORS];
  const numericOps = [...NUMERIC_COMPARATORS, ...NULL_COMPARATORS];
  switch (entity) {
    case 'metric':
      return {
        entity,
        key: c.key,
        comparator: c.comparator,
        value: checkClause(c, 'number', numericOps, `metrics.${c.key}`, fail),
      };
    case 'param':
    case 'tag':
      return {
        entity,
        key: c.key,
        comparator: c.comparator,
        value: checkClause(c, 'string', stringOps, `${entity}s.${c.key}`, fail),
      };
    case 'attribute': {
      const key = canonicalAttribute(c.key);
      const attr = attributeGetter(key);
      if (attr === undefined)
        return fail(
          `unknown attribute '${c.key}' at position ${c.pos} (valid: ${VALID_ATTRIBUTES})`,
        );
      const value = attr.numeric
        ? checkClause(c, 'number', numericOps, `attribute ${key}`, fail)
        : checkClause(c, 'string', stringOps, `attribute ${key}`, fail);
      return { entity, key, comparator: c.comparator, value };
    }
    case 'dataset': {
      if (!DATASET_KEYS.includes(c.key)) {
        return fail(
          `unknown dataset key '${c.key}' at position ${c.pos} (valid: ${DATASET_KEYS.join(', ')})`,
        );
      }
      const ops = [...STRING_COMPARATORS, ...LIST_COMPARATORS];
      return {
        entity,
        key: c.key,
        comparator: c.comparator,
        value: checkClause(c, 'string', ops, `datasets.${c.key}`, fail),
      };
    }
  }
}

/** Parses a run filter; throws StoreError('INVALID_ARGUMENT') naming the bad token and position. */
export function parseRunFilter(filter: string): RunFilter {
  return parseFilter(filter, resolveRunClause);
}

/**
 * What a search reads of a run, whatever holds it: `RUN_READER` reads a Run; a store's index may read
 * its own compact rows instead, and assemble Runs for the page it answers only (FileStore's index of
 * 100,000 runs: issue 11). Every reader must give for a row what RUN_READER gives for its Run.
 */
export interface RunReader<R> {
  info(run: R): SearchedInfo;
  lifecycleStage(run: R): LifecycleStage;
  /** The latest value of a metric; undefined when the run has none. */
  metric(run: R, key: string): number | undefined;
  param(run: R, key: string): string | undefined;
  tag(run: R, key: string): string | undefined;
  datasetInputs(run: R): readonly DatasetInput[];
}

export const RUN_READER: RunReader<Run> = {
  info: (r) => r.info,
  lifecycleStage: (r) => r.info.lifecycleStage,
  metric: (r, key) => ownValue(r.data.metrics, key)?.value,
  param: (r, key) => ownValue(r.data.params, key),
  tag: (r, key) => ownValue(r.data.tags, key),
  datasetInputs: (r) => r.inputs.datasetInputs,
};

function datasetValue(input: DatasetInput, key: string): string | null {
  if (key === 'context') return input.tags[DATASET_CONTEXT_TAG] ?? null;
  return key === 'name' ? input.dataset.name : input.dataset.digest;
}

function runValue<R>(
  reader: RunReader<R>,
  entity: Exclude<RunEntity, 'dataset'>,
  key: string,
  run: R,
): string | number | null {
  switch (entity) {
    case 'metric':
      return reader.metric(run, key) ?? null;
    case 'param':
      return reader.param(run, key) ?? null;
    case 'tag':
      return reader.tag(run, key) ?? null;
    case 'attribute':
      return attributeGetter<R>(key)?.get(reader.info(run), run, reader) ?? null;
  }
}

function clauseMatcher<R>(reader: RunReader<R>): (c: RunClause, run: R) => boolean {
  return (c, run) => {
    if (c.entity === 'dataset') {
      // A run matches when any of its dataset inputs does (MLflow: `any(...)`); a run without inputs never does.
      return reader.datasetInputs(run).some((input) => {
        const v = datasetValue(input, c.key);
        return v !== null && applyComparator(v, c.comparator, c.value);
      });
    }
    return applyComparator(runValue(reader, c.entity, c.key, run), c.comparator, c.value);
  };
}

const runClauseMatches = clauseMatcher(RUN_READER);

export function matchesRun(filter: RunFilter, run: Run): boolean {
  return evaluate(filter, runClauseMatches, run);
}

/** A filter as a predicate over rows read by `reader`. */
export function runMatcher<R>(reader: RunReader<R>, filter: RunFilter): (run: R) => boolean {
  const matches = clauseMatcher(reader);
  return (run) => evaluate(filter, matches, run);
}

/** Resolves one order_by clause already split into entity, key and direction. */
function resolveRunOrderBy(clause: string, raw: RawOrderBy): OrderKey {
  const fail = (message: string): never =>
    invalid(`Invalid order_by clause '${clause}': ${message}`);
  const entity =
    raw.entity === null ? 'attribute' : resolveEntity(raw.entity, ENTITY_ALIASES, 1, fail);
  if (entity === 'dataset') return fail('datasets cannot be used to order runs');
  if (entity !== 'attribute') return { entity, key: raw.key, ascending: raw.ascending };
  const key = canonicalAttribute(raw.key);
  if (attributeGetter(key) === undefined)
    return fail(`unknown attribute '${raw.key}' (valid: ${VALID_ATTRIBUTES})`);
  return { entity, key, ascending: raw.ascending };
}

/** Parses order_by clauses (`metrics.f1 DESC`, `start_time`, `` params.`my p` ``). */
export function parseRunOrderBy(orderBy: readonly string[]): OrderKey[] {
  return orderBy.map((clause) => resolveRunOrderBy(clause, parseOrderByClause(clause)));
}

/** Parses and validates a run search once; throws INVALID_ARGUMENT naming the bad part. */
export function parseRunQuery(q: RunSearchRequest): RunQuery {
  const filterText = q.filter ?? '';
  const syntax = parseFilterSyntax(filterText, resolveRunClause);
  const orderByText = q.orderBy ?? [];
  const rawOrder: RawOrderBy[] = [];
  const orderBy = orderByText.map((clause) => {
    const raw = parseOrderByClause(clause);
    rawOrder.push(raw);
    return resolveRunOrderBy(clause, raw);
  });
  const query: RunQuery = {
    filterText,
    orderByText,
    filter: syntax.tree,
    orderBy,
    maxResults: resolveMaxResults(q.maxResults, RUN_PAGE_LIMITS),
    viewType: q.viewType ?? 'ACTIVE_ONLY',
    written: { clauses: syntax.clauses, grouped: syntax.grouped, orderBy: rawOrder },
  };
  if (q.pageToken !== undefined) query.pageToken = q.pageToken;
  return query;
}

/** 0 for a value, 1 for NaN, 2 for missing: MLflow's `_get_value_for_sort` puts them in this order. */
function sortRank(v: string | number | null): number {
  return v === null ? 2 : typeof v === 'number' && Number.isNaN(v) ? 1 : 0;
}

function compareByKey(va: string | number | null, vb: string | number | null, k: OrderKey): number {
  const ra = sortRank(va);
  const rb = sortRank(vb);
  if (ra !== rb) return ra - rb;
  if (ra !== 0) return 0;
  const c = compareValues(va as string | number, vb as string | number);
  return k.ascending ? c : -c;
}

/** Default order and final tie-breakers: start_time DESC (unknown last), then run_id ASC. */
function compareDefault(a: SearchedInfo, b: SearchedInfo): number {
  const sa = a.startTime;
  const sb = b.startTime;
  if (sa !== sb) {
    if (sa === null) return 1;
    if (sb === null) return -1;
    return sb - sa;
  }
  return compareValues(a.runId, b.runId);
}

/** A comparator ordering runs as MLflow's search_runs does for these keys. */
export function compareRuns(keys: readonly OrderKey[]): (a: Run, b: Run) => number {
  return (a, b) => {
    for (const k of keys) {
      const c = compareByKey(
        runValue(RUN_READER, k.entity, k.key, a),
        runValue(RUN_READER, k.entity, k.key, b),
        k,
      );
      if (c !== 0) return c;
    }
    return compareDefault(a.info, b.info);
  };
}

/**
 * `runs` in the order `compareRuns(keys)` gives, each run's keys read once rather than at every
 * comparison (a key a reader finds by scanning is then not scanned n log n times).
 */
export function sortRuns<R>(
  reader: RunReader<R>,
  runs: readonly R[],
  keys: readonly OrderKey[],
): R[] {
  const infos = runs.map((run) => reader.info(run));
  const columns = keys.map((k) => runs.map((run) => runValue(reader, k.entity, k.key, run)));
  const order = runs.map((_run, i) => i);
  order.sort((a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const column = columns[i] as (string | number | null)[];
      const c = compareByKey(column[a] ?? null, column[b] ?? null, keys[i] as OrderKey);
      if (c !== 0) return c;
    }
    return compareDefault(infos[a] as SearchedInfo, infos[b] as SearchedInfo);
  });
  return order.map((i) => runs[i] as R);
}

/**
 * Filters, orders and pages rows read by `reader` as MLflow's search_runs (filter first, then sort,
 * then page). The caller has kept only the rows of the query's experiments and view.
 */
export function searchRows<R>(
  reader: RunReader<R>,
  runs: readonly R[],
  q: Pick<RunQuery, 'filter' | 'orderBy' | 'maxResults' | 'pageToken'>,
): { items: R[]; nextPageToken?: string } {
  const matches = runMatcher(reader, q.filter);
  return paginate(sortRuns(reader, runs.filter(matches), q.orderBy), q, RUN_PAGE_LIMITS);
}

/**
 * Filters, orders and pages runs as MLflow's search_runs (filter first, then sort, then page). The
 * caller has kept only the runs of the query's experiments and view.
 */
export function searchParsedRuns(
  runs: readonly Run[],
  q: RunQuery,
): { runs: Run[]; nextPageToken?: string } {
  const { items, nextPageToken } = searchRows(RUN_READER, runs, q);
  return nextPageToken === undefined ? { runs: items } : { runs: items, nextPageToken };
}

/** searchParsedRuns of a query not yet parsed. */
export function searchRuns(runs: Run[], q: SearchQuery): { runs: Run[]; nextPageToken?: string } {
  return searchParsedRuns(runs, parseRunQuery(q));
}
