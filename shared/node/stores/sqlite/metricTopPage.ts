/**
 * The first pages of a run search sorted by a metric, from a short list of candidates (issue 12: the
 * first page by a metric under 150 ms at 100,000 runs, with MLflow's schema and no index of ours).
 *
 * The general query (searchRuns.ts) scans the runs in scope and looks each one's latest value of the
 * key up through latest_metrics' primary key: a random read per run, ~250 ms at 100,000 runs, for a
 * page of 100. Here instead:
 * 1. one sequential scan of latest_metrics (NOT INDEXED: in rowid order, ~80 ms at a million rows,
 *    where the key's index costs a random read per row) keeps the K best numeric values of the key
 *    among all runs, K being the rows the page needs (offset + page + 1) scaled up by how much of the
 *    store is out of scope;
 * 2. the page is the general query's, restricted to the candidates strictly better than the K-th value
 *    (runs read by primary key).
 *
 * Why it is exact: a run in scope that is not a candidate has no number for the key (NaN or missing:
 * MLflow ranks those after every number), or a value no better than the K-th, so it ranks after every
 * candidate, whatever the later keys say. When the candidates in scope fill the page and one more row,
 * the page and whether a next page exists are therefore the general query's. When they do not (a run
 * tied with the K-th value, much of the scope deleted, or fewer numbers than K), this returns undefined
 * and the general query answers. Only unfiltered searches of active or all runs come here: a filter or
 * the deleted view keeps an unknown share of the candidates, and the general query is cheap on few runs.
 */
import type { ViewType } from '../../../common/types';
import { isNanSql, unclamped, type Bindable, type SqlPart } from './runFilterSql';
import type { SqliteConnection } from './SqliteConnection';
import { placeholders } from './sqlHelpers';

/** Below this many rows of the key, the general query is about as fast: not worth a second plan. */
export const TOP_PAGE_MIN_ROWS = 20_000;
/** Candidates beyond this many: the page is deep; the general query answers. */
const MAX_CANDIDATES = 20_000;

export interface TopPageQuery {
  metric: { key: string; ascending: boolean };
  experiments: readonly Bindable[];
  viewType: ViewType | undefined;
  /** The search has no filter (the general query's filter SQL is the constant `1`). */
  unfiltered: boolean;
  /** The general query's parts: its joins (the metric's is `o0`), WHERE clause and ORDER BY terms. */
  joins: readonly SqlPart[];
  from: string;
  fromParams: readonly Bindable[];
  terms: readonly string[];
  maxResults: number;
  offset: number;
  /** TOP_PAGE_MIN_ROWS unless a test wants this path on a small store. */
  minRows?: number;
}

/** How many candidates to keep: the rows needed, scaled by the share of the store's runs in scope. */
function candidateCount(conn: SqliteConnection, q: TopPageQuery, needed: number): number {
  const total = conn.get<{ n: number }>('SELECT count(*) AS n FROM runs')?.n ?? 0;
  const experiments = conn.get<{ n: number }>('SELECT count(*) AS n FROM experiments')?.n ?? 0;
  // Every experiment in scope (the usual "all runs" table) needs no count of its runs.
  const scoped =
    q.experiments.length >= experiments
      ? total
      : (conn.get<{ n: number }>(
          `SELECT count(*) AS n FROM runs WHERE experiment_id IN (${placeholders(q.experiments.length)})`,
          q.experiments,
        )?.n ?? 0);
  if (scoped === 0) return Infinity;
  // A quarter more, and a few rows, for runs of the scope that are deleted or hold NaN.
  return Math.ceil(((needed * total) / scoped) * 1.25) + 16;
}

/**
 * The page's run ids, or undefined when the general query must answer. A page found here always has a
 * next one (the candidates filled it and one more row).
 */
export function metricTopPage(conn: SqliteConnection, q: TopPageQuery): string[] | undefined {
  if (!q.unfiltered || q.viewType === 'DELETED_ONLY') return undefined;
  const s = conn.schema;
  const rows =
    conn.get<{ n: number }>('SELECT count(*) AS n FROM latest_metrics WHERE key = ?', [
      q.metric.key,
    ])?.n ?? 0;
  if (rows < (q.minRows ?? TOP_PAGE_MIN_ROWS)) return undefined;
  const needed = q.offset + q.maxResults + 1;
  const k = candidateCount(conn, q, needed);
  if (k > MAX_CANDIDATES || k > rows) return undefined;

  const dir = q.metric.ascending ? 'ASC' : 'DESC';
  const best = conn.all<{ id: string; v: number }>(
    `SELECT m.run_uuid AS id, ${unclamped('m.value')} AS v FROM latest_metrics m NOT INDEXED ` +
      `WHERE m.key = ? AND NOT ${isNanSql(s, 'm')} ORDER BY v ${dir} LIMIT ?`,
    [q.metric.key, k],
  );
  const last = best[best.length - 1];
  if (!last || best.length < k) return undefined;
  // Strictly better than the K-th: every such row is among the K kept, ties with it maybe not.
  const candidates = best
    .filter((b) => (q.metric.ascending ? b.v < last.v : b.v > last.v))
    .map((b) => b.id);
  if (candidates.length < needed) return undefined;

  const sql =
    `SELECT r.run_uuid AS id FROM runs r LEFT JOIN experiments e ON e.experiment_id = r.experiment_id ` +
    `${q.joins.map((j) => j.sql).join(' ')} ${q.from} ` +
    `AND r.run_uuid IN (SELECT value FROM json_each(?)) ` +
    `ORDER BY ${q.terms.join(', ')} LIMIT ? OFFSET ?`;
  const ids = conn
    .all<{ id: string }>(sql, [
      ...q.joins.flatMap((j) => j.params),
      ...q.fromParams,
      JSON.stringify(candidates),
      q.maxResults + 1,
      q.offset,
    ])
    .map((row) => row.id);
  if (ids.length <= q.maxResults) return undefined;
  return ids.slice(0, q.maxResults);
}
