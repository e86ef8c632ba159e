/**
 * Which run queries mean the same thing to an MLflow server as to us, so that a remote store can let
 * the server's own `runs/search` answer them (RestStore.searchRuns).
 *
 * Our grammar is MLflow's plus extensions (see runs.ts). A server rejects most extensions, but some it
 * would silently read differently ('' escapes are kept verbatim by MLflow's `strip_quotes`; an alias
 * or an upper-case entity may be unknown to an older server), so the test is an allow-list of what
 * MLflow's `SearchUtils` accepts in every 2.x/3.x release, not a deny-list of our extensions. Anything
 * outside it is answered in memory: slower, never wrong.
 */
import type { BoolExpr, Comparator, RawClause, RawValue } from './parser';
import { ENTITY_ALIASES, type RunClause, type RunQuery } from './runs';

/**
 * MLflow's `_VALID_IDENTIFIERS` are the same names as ours, but matched case-sensitively there: so an
 * entity pushes down only when it is spelled exactly as a key of ENTITY_ALIASES (all lower case).
 */
const MLFLOW_ENTITIES = ENTITY_ALIASES;

const NUMERIC_OPS: readonly Comparator[] = ['=', '!=', '<', '<=', '>', '>='];
const STRING_OPS: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE'];
/** `RunInfo` searchable attributes; `lifecycle_stage` is ours (MLflow filters it through the view type). */
const STRING_ATTRIBUTES = new Set(['run_id', 'run_name', 'status', 'user_id', 'artifact_uri']);
const NUMERIC_ATTRIBUTES = new Set(['start_time', 'end_time']);
/** Attributes every MLflow store can order by (run_id and artifact_uri are not orderable everywhere). */
const ORDERABLE_ATTRIBUTES = new Set(['run_name', 'status', 'user_id', 'start_time', 'end_time']);
/** `datasets.context` and dataset IN lists came later than 2.x's first dataset filters. */
const DATASET_KEYS = new Set(['name', 'digest']);

/** True when MLflow reads the value exactly as we do: no quote or backslash escapes inside it. */
function plainValue(v: RawValue): boolean {
  switch (v.kind) {
    case 'string':
      return v.raw.slice(1, -1) === v.value;
    case 'number':
      return true;
    case 'list':
      return v.values.every((s) => !/['"\\]/.test(s));
    case 'none':
      return false;
  }
}

function mlflowClause(c: RawClause): boolean {
  const entity =
    c.entity === null
      ? 'attribute'
      : Object.hasOwn(MLFLOW_ENTITIES, c.entity)
        ? MLFLOW_ENTITIES[c.entity]
        : undefined;
  if (entity === undefined || !plainValue(c.value)) return false;
  switch (entity) {
    case 'metric':
      return NUMERIC_OPS.includes(c.comparator);
    case 'param':
    case 'tag':
      return STRING_OPS.includes(c.comparator);
    case 'attribute':
      if (NUMERIC_ATTRIBUTES.has(c.key)) return NUMERIC_OPS.includes(c.comparator);
      if (!STRING_ATTRIBUTES.has(c.key)) return false;
      // MLflow compares with a list only for run ids ("Only the 'run_id' attribute supports … a list").
      return (
        STRING_OPS.includes(c.comparator) ||
        (c.key === 'run_id' && (c.comparator === 'IN' || c.comparator === 'NOT IN'))
      );
    case 'dataset':
      return DATASET_KEYS.has(c.key) && STRING_OPS.includes(c.comparator);
  }
}

function hasOr(expr: BoolExpr<RunClause>): boolean {
  return expr.op === 'or' || (expr.op === 'and' && expr.clauses.some(hasOr));
}

/**
 * Whether an MLflow server would answer this (already parsed and validated) run query exactly as
 * written: same runs, same order. False means "answer it in memory", never that the query is wrong.
 * No OR, no grouping parentheses, comparators in upper case (MLflow may only know them so), and every
 * clause and order key on the allow-list above.
 */
export function isMlflowRunQuery(q: RunQuery): boolean {
  const { clauses, grouped, orderBy } = q.written;
  if (grouped || hasOr(q.filter)) return false;
  if (!clauses.every((c) => c.comparatorText === c.comparator && mlflowClause(c))) return false;
  return orderBy.every((raw) => {
    const entity =
      raw.entity === null
        ? 'attribute'
        : Object.hasOwn(MLFLOW_ENTITIES, raw.entity)
          ? MLFLOW_ENTITIES[raw.entity]
          : undefined;
    if (entity === undefined || entity === 'dataset') return false;
    return entity !== 'attribute' || ORDERABLE_ATTRIBUTES.has(raw.key);
  });
}
