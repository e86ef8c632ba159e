/**
 * MLflow run filters and order_by keys as SQL over MLflow's schema, with every value bound as a
 * parameter. The translation must mean exactly what the in-memory evaluator (`shared/common/search/
 * runs.ts`) means on the runs `readRuns` builds; where SQL cannot say the same thing it answers
 * `undefined` and the caller falls back to the in-memory path. Those cases:
 * - ILIKE with a non-ASCII pattern: JS folds case over all of Unicode (`/iu`), SQLite only over ASCII;
 * - IN lists longer than MAX_IN_LIST (bound-parameter limits of old SQLite builds).
 * Everything else is exact, including NaN (`is_nan`), ±inf (stored clamped to ±DBL_MAX), missing keys
 * (never match, even `!=`), LIKE (translated to GLOB, which is case-sensitive like our LIKE) and OR.
 *
 * Every clause reads the related tables through their primary keys (`(key, run_uuid)` on
 * latest_metrics, params and tags), so a clause costs one index seek per candidate run.
 */
import type { OrderKey, RunClause, RunFilter } from '../../../common/search/runs';
import type { SqliteSchema } from './SqliteSchema';
import { MAX_IN_LIST, placeholders } from './sqlHelpers';

export type Bindable = string | number | bigint | null;

/** A piece of SQL and the values its `?` marks bind, in order. */
export interface SqlPart {
  sql: string;
  params: Bindable[];
}

/** ±DBL_MAX as SQLite parses it (checked equal to JS's), and ±inf (`9e999` overflows to inf). */
const DBL_MAX_SQL = '1.7976931348623157e308';

/** A metric value column as the domain sees it: clamped ±DBL_MAX back to ±inf (`unclampInfinity`). */
export function unclamped(column: string): string {
  return `(CASE WHEN ${column} >= ${DBL_MAX_SQL} THEN 9e999 WHEN ${column} <= -${DBL_MAX_SQL} THEN -9e999 ELSE ${column} END)`;
}

/** True when the stored metric is NaN: `is_nan = 1` since 1.x, a NULL value before (`metricValue`). */
export function isNanSql(schema: SqliteSchema, alias: string): string {
  return schema.hasColumn('latest_metrics', 'is_nan')
    ? `(${alias}.is_nan = 1 OR ${alias}.value IS NULL)`
    : `(${alias}.value IS NULL)`;
}

const GLOB_SPECIAL = new Set(['*', '?', '[']);

/** LIKE → GLOB: `%` → `*`, `_` → `?`, GLOB's own wildcards made literal. Both are case-sensitive. */
export function likeToGlob(pattern: string): string {
  let out = '';
  for (const c of pattern) {
    if (c === '%') out += '*';
    else if (c === '_') out += '?';
    else out += GLOB_SPECIAL.has(c) ? `[${c}]` : c;
  }
  return out;
}

/**
 * ILIKE → GLOB for an ASCII pattern: each letter becomes the class of what `/x/iu` matches — both
 * cases, plus KELVIN SIGN for k and LONG S for s, the only non-ASCII characters Unicode folds onto
 * ASCII letters. Undefined for a non-ASCII pattern (see the file comment).
 */
export function ilikeToGlob(pattern: string): string | undefined {
  let out = '';
  for (const c of pattern) {
    if (c.charCodeAt(0) > 0x7f) return undefined;
    const lower = c.toLowerCase();
    if (lower !== c.toUpperCase()) {
      const extra = lower === 'k' ? '\u212a' : lower === 's' ? '\u017f' : '';
      out += `[${lower}${c.toUpperCase()}${extra}]`;
    } else if (c === '%') out += '*';
    else if (c === '_') out += '?';
    else out += GLOB_SPECIAL.has(c) ? `[${c}]` : c;
  }
  return out;
}

const TAG_RUN_NAME = "'mlflow.runName'";
const TAG_USER = "'mlflow.user'";

/**
 * SQL for the run attributes, as `readRuns` derives them (`runs r` joined to `experiments e`). String
 * attributes are never NULL there ('' when unknown); start/end time are NULL when unknown.
 */
export function attributeSql(schema: SqliteSchema, key: string): string | undefined {
  const tag = (name: string) =>
    `(SELECT t.value FROM tags t WHERE t.key = ${name} AND t.run_uuid = r.run_uuid)`;
  switch (key) {
    case 'run_id':
      return 'r.run_uuid';
    case 'run_name': {
      const column = schema.pick('runs', 'name', 'run_name');
      return `COALESCE(${column ? `NULLIF(r.${column}, '')` : 'NULL'}, NULLIF(${tag(TAG_RUN_NAME)}, ''), '')`;
    }
    case 'user_id':
      return `COALESCE(NULLIF(r.user_id, ''), NULLIF(${tag(TAG_USER)}, ''), '')`;
    case 'status':
      return "COALESCE(r.status, 'SCHEDULED')";
    case 'artifact_uri':
      return "COALESCE(r.artifact_uri, '')";
    case 'lifecycle_stage':
      return lifecycleSql(schema);
    case 'start_time':
      return 'r.start_time';
    case 'end_time':
      return 'r.end_time';
    default:
      return undefined;
  }
}

/** A run is deleted when it or its experiment is (`readRuns`). */
export function lifecycleSql(schema: SqliteSchema): string {
  const run = schema.hasColumn('runs', 'lifecycle_stage') ? "r.lifecycle_stage = 'deleted'" : '0';
  const exp = schema.hasColumn('experiments', 'lifecycle_stage')
    ? "e.lifecycle_stage = 'deleted'"
    : '0';
  return `(CASE WHEN ${run} OR ${exp} THEN 'deleted' ELSE 'active' END)`;
}

/**
 * `lhs <comparator> value` for a present, non-NaN lhs, or undefined when SQL cannot say it exactly.
 * IS [NOT] NULL is handled by the callers (it is about presence, not value).
 */
function compareSql(lhs: string, c: RunClause): SqlPart | undefined {
  const v = c.value;
  switch (c.comparator) {
    case 'IN':
    case 'NOT IN': {
      if (!Array.isArray(v) || v.length > MAX_IN_LIST) return undefined;
      return { sql: `${lhs} ${c.comparator} (${placeholders(v.length)})`, params: [...v] };
    }
    case 'LIKE':
      return typeof v === 'string' ? { sql: `${lhs} GLOB ?`, params: [likeToGlob(v)] } : undefined;
    case 'ILIKE': {
      const glob = typeof v === 'string' ? ilikeToGlob(v) : undefined;
      return glob === undefined ? undefined : { sql: `${lhs} GLOB ?`, params: [glob] };
    }
    case 'IS NULL':
    case 'IS NOT NULL':
      return undefined;
    default:
      if (typeof v !== 'number' && typeof v !== 'string') return undefined;
      return { sql: `${lhs} ${c.comparator} ?`, params: [v] };
  }
}

/** One key/value table (params, tags) or latest_metrics, looked up by its `(key, run_uuid)` key. */
function keyedClause(schema: SqliteSchema, c: RunClause): SqlPart | undefined {
  const table = c.entity === 'metric' ? 'latest_metrics' : c.entity === 'param' ? 'params' : 'tags';
  const exists = `EXISTS (SELECT 1 FROM ${table} x WHERE x.key = ? AND x.run_uuid = r.run_uuid`;
  if (c.comparator === 'IS NULL') return { sql: `NOT ${exists})`, params: [c.key] };
  if (c.comparator === 'IS NOT NULL') return { sql: `${exists})`, params: [c.key] };
  if (c.entity !== 'metric') {
    const cmp = compareSql("COALESCE(x.value, '')", c);
    return cmp && { sql: `${exists} AND ${cmp.sql})`, params: [c.key, ...cmp.params] };
  }
  const cmp = compareSql(unclamped('x.value'), c);
  if (!cmp) return undefined;
  // Python/IEEE: NaN != x is true, every other comparison with NaN is false.
  const nan = isNanSql(schema, 'x');
  const cond = c.comparator === '!=' ? `(${nan} OR ${cmp.sql})` : `(NOT ${nan} AND ${cmp.sql})`;
  return { sql: `${exists} AND ${cond})`, params: [c.key, ...cmp.params] };
}

/** A dataset clause: true when any dataset input of the run matches (`clauseMatches`). */
function datasetClause(schema: SqliteSchema, c: RunClause): SqlPart | undefined {
  if (!schema.hasTable('inputs') || !schema.hasTable('datasets')) return { sql: '0', params: [] };
  const context = schema.hasTable('input_tags')
    ? "(SELECT COALESCE(it.value, '') FROM input_tags it WHERE it.input_uuid = i.input_uuid AND it.name = 'mlflow.data.context')"
    : 'NULL';
  const lhs = c.key === 'context' ? context : c.key === 'name' ? 'd.name' : 'd.digest';
  const cmp = compareSql(lhs, c);
  return (
    cmp && {
      sql:
        `EXISTS (SELECT 1 FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id WHERE i.source_type = 'DATASET' ` +
        `AND i.destination_type = 'RUN' AND i.destination_id = r.run_uuid AND ${cmp.sql})`,
      params: cmp.params,
    }
  );
}

function clauseSql(schema: SqliteSchema, c: RunClause): SqlPart | undefined {
  switch (c.entity) {
    case 'metric':
    case 'param':
    case 'tag':
      return keyedClause(schema, c);
    case 'dataset':
      return datasetClause(schema, c);
    case 'attribute': {
      const lhs = attributeSql(schema, c.key);
      if (lhs === undefined) return undefined;
      if (c.comparator === 'IS NULL' || c.comparator === 'IS NOT NULL')
        return { sql: `${lhs} ${c.comparator}`, params: [] };
      // A NULL lhs (no end time) makes the comparison NULL: false, as a missing value must be.
      return compareSql(lhs, c);
    }
  }
}

/**
 * The filter as a WHERE condition over `runs r` / `experiments e`, or undefined when part of it cannot
 * be expressed exactly. Only AND and OR occur (no NOT), so SQL's NULL-as-unknown acts as false.
 */
export function filterSql(schema: SqliteSchema, expr: RunFilter): SqlPart | undefined {
  if (expr.op === 'clause') return clauseSql(schema, expr.clause);
  if (expr.clauses.length === 0) return { sql: '1', params: [] };
  const parts: SqlPart[] = [];
  for (const child of expr.clauses) {
    const part = filterSql(schema, child);
    if (!part) return undefined;
    parts.push(part);
  }
  return {
    sql: `(${parts.map((p) => p.sql).join(expr.op === 'and' ? ' AND ' : ' OR ')})`,
    params: parts.flatMap((p) => p.params),
  };
}

/** ORDER BY terms for one key, and the LEFT JOIN it needs (metrics, params and tags). */
export interface OrderSql {
  join?: SqlPart;
  /** Terms in order: the rank (value 0, NaN 1, missing 2), then the value. */
  terms: string[];
  /** For string keys: the value expression, to check for characters whose order differs (see searchRunsSql). */
  stringValue?: string;
}

/** MLflow's order for one key: values first (ASC or DESC), then NaN, then runs without the key. */
export function orderSql(schema: SqliteSchema, k: OrderKey, index: number): OrderSql | undefined {
  const dir = k.ascending ? 'ASC' : 'DESC';
  if (k.entity === 'attribute') {
    const value = attributeSql(schema, k.key);
    if (value === undefined) return undefined;
    const numeric = k.key === 'start_time' || k.key === 'end_time';
    return {
      terms: [`(${value} IS NULL) ASC`, `${value} ${dir}`],
      ...(numeric ? {} : { stringValue: value }),
    };
  }
  const alias = `o${index}`;
  const table = k.entity === 'metric' ? 'latest_metrics' : k.entity === 'param' ? 'params' : 'tags';
  const join = {
    sql: `LEFT JOIN ${table} ${alias} ON ${alias}.key = ? AND ${alias}.run_uuid = r.run_uuid`,
    params: [k.key],
  };
  if (k.entity !== 'metric') {
    const value = `COALESCE(${alias}.value, '')`;
    return {
      join,
      terms: [`(${alias}.run_uuid IS NULL) ASC`, `${value} ${dir}`],
      stringValue: value,
    };
  }
  const nan = isNanSql(schema, alias);
  const rank = `(CASE WHEN ${alias}.run_uuid IS NULL THEN 2 WHEN ${nan} THEN 1 ELSE 0 END)`;
  return {
    join,
    terms: [
      `${rank} ASC`,
      `(CASE WHEN ${rank} = 0 THEN ${unclamped(`${alias}.value`)} END) ${dir}`,
    ],
  };
}
