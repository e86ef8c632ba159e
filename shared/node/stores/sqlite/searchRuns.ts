/**
 * Run search pushed down into SQLite: MLflow's filter, order and offset paging computed by one narrow
 * query that selects only the run ids of the page, then the page's runs read in set queries
 * (`readRuns`). Page 1,000 of a 100,000-run store costs one sort of run ids, not 100,000 hydrated runs.
 *
 * The answer is the in-memory search's (`shared/common/search/runs.ts` over `readRuns`), exactly: the
 * same runs, order and page tokens, and the same errors (the query comes parsed and validated; a bad
 * page token fails here as there). `searchRunIds` returns undefined when it cannot promise that (see
 * runFilterSql.ts, and below): the store declines and the service searches in memory:
 * - a schema without latest_metrics (MLflow < 1.x computes latest points from the history);
 * - more than MAX_IN_LIST experiment ids;
 * - ordering by a string key whose values hold characters beyond U+FFFF: JS compares UTF-16 code units,
 *   SQLite UTF-8 bytes, and the two orders differ between those and U+E000–U+FFFF;
 * - a filter or order too big for SQLite's limits (sqlLimits.ts).
 */
import { encodePageToken, pageOffset } from '../../../common/search/pageToken';
import type { RunFilter, RunQuery } from '../../../common/search/runs';
import { RUN_STATUSES, type ViewType } from '../../../common/types';
import { filterSql, lifecycleSql, orderSql, type Bindable, type OrderSql } from './runFilterSql';
import { metricTopPage } from './metricTopPage';
import type { SqliteConnection } from './SqliteConnection';
import { MAX_IN_LIST, experimentIdsToInts, placeholders } from './sqlHelpers';
import { filterFitsSql, orderFitsSql } from './sqlLimits';

/** Any character beyond the BMP (GLOB classes compare code points). */
const ASTRAL_GLOB = '*[\u{10000}-\u{10FFFF}]*';

const VALID_STATUS = `COALESCE(r.status, 'SCHEDULED') IN (${RUN_STATUSES.map((s) => `'${s}'`).join(', ')})`;

function viewSql(conn: SqliteConnection, viewType: ViewType | undefined): string {
  const view = viewType ?? 'ACTIVE_ONLY';
  if (view === 'ALL') return '1';
  return `${lifecycleSql(conn.schema)} = '${view === 'ACTIVE_ONLY' ? 'active' : 'deleted'}'`;
}

/** Does any run in scope have a value of this string key with a character beyond U+FFFF? */
function hasAstralValues(
  conn: SqliteConnection,
  from: string,
  fromParams: Bindable[],
  order: OrderSql,
): boolean {
  const join = order.join ? ` ${order.join.sql}` : '';
  const sql = `SELECT 1 AS found FROM runs r LEFT JOIN experiments e ON e.experiment_id = r.experiment_id${join} ${from} AND ${order.stringValue} GLOB ? LIMIT 1`;
  return conn.get(sql, [...(order.join?.params ?? []), ...fromParams, ASTRAL_GLOB]) !== undefined;
}

/**
 * The run ids of one page and the next page token, or undefined when this query must be answered in
 * memory (see the file comment). Call inside `conn.read`.
 */
export function searchRunIds(
  conn: SqliteConnection,
  experimentIds: readonly string[],
  query: RunQuery,
  topPageMinRows?: number,
): { ids: string[]; nextPageToken?: string } | undefined {
  const offset = pageOffset(query);
  const s = conn.schema;
  if (!s.hasTable('latest_metrics') || !s.hasTable('params') || !s.hasTable('tags'))
    return undefined;
  const experiments = experimentIdsToInts(experimentIds);
  if (experiments.length > MAX_IN_LIST) return undefined;
  if (experiments.length === 0) return { ids: [] };
  if (!filterFitsSql(query.filter)) return undefined;
  const where = filterSql(s, query.filter);
  if (!where) return undefined;
  const orders: OrderSql[] = [];
  for (const [i, k] of query.orderBy.entries()) {
    const o = orderSql(s, k, i);
    if (!o) return undefined;
    orders.push(o);
  }
  if (!orderFitsSql(orders)) return undefined;
  const from =
    `WHERE r.experiment_id IN (${placeholders(experiments.length)}) AND ${VALID_STATUS} ` +
    `AND ${viewSql(conn, query.viewType)} AND ${where.sql}`;
  const fromParams: Bindable[] = [...experiments, ...where.params];
  if (orders.some((o) => o.stringValue !== undefined && hasAstralValues(conn, from, fromParams, o)))
    return undefined;

  const joins = orders.flatMap((o) => (o.join ? [o.join] : []));
  const terms = [
    ...orders.flatMap((o) => o.terms),
    '(r.start_time IS NULL) ASC',
    'r.start_time DESC',
    'r.run_uuid ASC',
  ];
  const first = query.orderBy[0];
  const top =
    first?.entity === 'metric'
      ? metricTopPage(conn, {
          metric: first,
          experiments,
          viewType: query.viewType,
          unfiltered: where.sql === '1',
          joins,
          from,
          fromParams,
          terms,
          maxResults: query.maxResults,
          offset,
          ...(topPageMinRows === undefined ? {} : { minRows: topPageMinRows }),
        })
      : undefined;
  if (top) return { ids: top, nextPageToken: encodePageToken(offset + query.maxResults) };
  const sql =
    `SELECT r.run_uuid AS id FROM runs r LEFT JOIN experiments e ON e.experiment_id = r.experiment_id ` +
    `${joins.map((j) => j.sql).join(' ')} ${from} ORDER BY ${terms.join(', ')} LIMIT ? OFFSET ?`;
  const params = [...joins.flatMap((j) => j.params), ...fromParams, query.maxResults + 1, offset];
  const ids = conn.all<{ id: string }>(sql, params).map((row) => row.id);
  if (ids.length <= query.maxResults) return { ids };
  return {
    ids: ids.slice(0, query.maxResults),
    nextPageToken: encodePageToken(offset + query.maxResults),
  };
}

/**
 * The number of runs in view matching the filter, per experiment, in one COUNT … GROUP BY; undefined
 * when the filter cannot be answered exactly in SQL (the caller counts in memory). Call inside `conn.read`.
 */
export function countRunIds(
  conn: SqliteConnection,
  experimentIds: readonly string[],
  viewType: ViewType | undefined,
  filter: RunFilter,
): Map<string, number> | undefined {
  const s = conn.schema;
  if (!s.hasTable('latest_metrics') || !s.hasTable('params') || !s.hasTable('tags'))
    return undefined;
  const experiments = experimentIdsToInts(experimentIds);
  if (experiments.length > MAX_IN_LIST) return undefined;
  const counts = new Map<string, number>();
  if (experiments.length === 0) return counts;
  if (!filterFitsSql(filter)) return undefined;
  const where = filterSql(s, filter);
  if (!where) return undefined;
  const sql =
    `SELECT r.experiment_id AS experiment, COUNT(*) AS n FROM runs r ` +
    `LEFT JOIN experiments e ON e.experiment_id = r.experiment_id ` +
    `WHERE r.experiment_id IN (${placeholders(experiments.length)}) AND ${VALID_STATUS} ` +
    `AND ${viewSql(conn, viewType)} AND ${where.sql} GROUP BY r.experiment_id`;
  for (const row of conn.all<{ experiment: number | string; n: number }>(sql, [
    ...experiments,
    ...where.params,
  ]))
    counts.set(String(row.experiment), Number(row.n));
  return counts;
}
