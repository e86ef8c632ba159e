/**
 * SQLite's compile-time limits, checked before a search is turned into SQL: past them SQLite refuses
 * the statement ("Expression tree is too large", "at most 64 tables in a join", "too many terms in
 * ORDER BY clause") and the search would fail although the in-memory search answers it. A query too
 * big for SQL is declined (searchRunIds/countRunIds return undefined) and searched in memory instead.
 *
 * The bounds are SQLite's defaults (SQLITE_MAX_EXPR_DEPTH 1000, 64 tables per join, SQLITE_MAX_COLUMN
 * 2000 ORDER BY terms) with a wide margin, since a clause's own SQL and the fixed parts of the
 * statement add depth, tables and terms of their own.
 */
import type { RunFilter } from '../../../common/search/runs';
import type { OrderSql } from './runFilterSql';

/** Expression depth SQL may reach (SQLite: 1000). */
const MAX_EXPR_DEPTH = 400;
/** LEFT JOINs for ORDER BY keys (SQLite: 64 tables, runs and experiments included). */
const MAX_ORDER_JOINS = 48;
/** ORDER BY terms (SQLite: 2000). */
const MAX_ORDER_TERMS = 1000;
/** Depth one clause's SQL may add (comparisons, COALESCE, an EXISTS subquery). */
const CLAUSE_DEPTH = 12;

/**
 * Upper bound of the expression depth of filterSql's output: SQLite parses `a OR b OR c` into a
 * left-deep tree, so a group of n parts is n - 1 deep over its deepest part.
 */
function filterDepth(expr: RunFilter): number {
  if (expr.op === 'clause') return CLAUSE_DEPTH;
  let deepest = 0;
  for (const child of expr.clauses) deepest = Math.max(deepest, filterDepth(child));
  return Math.max(0, expr.clauses.length - 1) + deepest + 1;
}

export function filterFitsSql(filter: RunFilter): boolean {
  return filterDepth(filter) <= MAX_EXPR_DEPTH;
}

export function orderFitsSql(orders: readonly OrderSql[]): boolean {
  const joins = orders.filter((o) => o.join !== undefined).length;
  const terms = orders.reduce((n, o) => n + o.terms.length, 0);
  return joins <= MAX_ORDER_JOINS && terms <= MAX_ORDER_TERMS;
}
