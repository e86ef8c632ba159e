/**
 * The chart series of one metric (shared/common/metricSeries.ts) computed in SQL, so that a 1M-point
 * history is not turned into a million row objects (better-sqlite3 spends ~1.6 µs on each).
 *
 * 1. One aggregate over the (run, key) rows: how many points in the step range, how many NaN / ±inf,
 *    the smallest and greatest step. A range of at most 2 × buckets points is then read whole.
 * 2. Otherwise one statement groups the rows by bucket (the same bucket arithmetic as downsample.ts,
 *    in doubles: (step - x0) / width) and keeps, per bucket, the extreme values and the first/last steps
 *    of each kind of point; it returns only the rows that match one of those — the candidates.
 * 3. The candidates, in history order, are bucketed by the shared algorithm with the totals of step 1.
 *    Exact, ties included: every row that could be chosen (all rows at a bucket's first or last finite
 *    step, all rows equal to its min or max, all rows at its first NaN/±inf step) is a candidate, and any
 *    other candidate comes after or is greater/smaller than those, so it is never chosen instead.
 *
 * The `metrics` primary key (key, timestamp, step, run_uuid, value, is_nan) covers every column read,
 * so SQLite scans the index range of the key; the GROUP BY sorts in memory (the drivers set a large
 * cache and temp_store = MEMORY). NaN is `is_nan = 1` (or a NULL value before is_nan existed), ±inf is
 * clamped to ±DBL_MAX: these are recognised in SQL exactly as metricValue does in JS.
 */
import type { MetricSeries } from '../../../common/contract';
import { DBL_MAX, unclampInfinity } from '../../../common/metrics';
import {
  seriesOfColumns,
  seriesOfHistory,
  type SeriesRequest,
  type SeriesTotals,
} from '../../../common/metricSeries';
import type { SeriesColumns } from '../../../common/downsample';
import { readCandidatesFast } from './bucketAggregates';
import type { Bindable } from './driver/types';
import { columns, historyOrder, readMetricHistory, type HistoryRow } from './metrics';
import type { SqliteConnection } from './SqliteConnection';

interface TotalsRow {
  n: number;
  lo: number | null;
  hi: number | null;
  nan: number | null;
  pinf: number | null;
  ninf: number | null;
}

/** A row's kind, computed in SQL: 0 finite, 1 NaN, 2 +inf, 3 -inf. */
interface CandidateRow extends HistoryRow {
  kind: number;
}

/** The series of `key` of run `runId`. Call inside `conn.read`. */
export function readMetricSeries(
  conn: SqliteConnection,
  runId: string,
  key: string,
  req: SeriesRequest & { buckets: number },
): MetricSeries {
  // Without a rowid there is no insertion order to break ties with: the history's own order decides.
  if (!conn.schema.hasTable('metrics') || !conn.schema.hasRowid('metrics')) {
    return seriesOfHistory(key, readMetricHistory(conn, runId, key), req);
  }
  const { step: stepColumn, isNan } = columns(conn, 'metrics');
  const step = stepColumn === 'step' ? 'ifnull(step, 0)' : '0';
  const nan = isNan === 'NULL' ? '(value IS NULL)' : '(is_nan IS 1 OR value IS NULL)';
  const kind = `CASE WHEN ${nan} THEN 1 WHEN value >= ? THEN 2 WHEN value <= ? THEN 3 ELSE 0 END`;
  let where = 'run_uuid = ? AND key = ?';
  const whereParams: Bindable[] = [runId, key];
  if (req.minStep !== undefined) {
    where += ` AND ${step} >= ?`;
    whereParams.push(req.minStep);
  }
  if (req.maxStep !== undefined) {
    where += ` AND ${step} <= ?`;
    whereParams.push(req.maxStep);
  }

  const select = `SELECT rowid AS id, ${step} AS step, ifnull(timestamp, 0) AS timestamp, value, ${kind} AS kind FROM metrics WHERE ${where}`;
  const selectParams = [DBL_MAX, -DBL_MAX, ...whereParams];
  const range = conn.get<TotalsRow>(
    `SELECT count(*) AS n, min(${step}) AS lo, max(${step}) AS hi FROM metrics WHERE ${where}`,
    whereParams,
  ) as TotalsRow;
  // A short range is read whole; its totals are then counted from its own rows by seriesOfColumns.
  if (range.n <= 2 * req.buckets) {
    return seriesOfColumns(key, columnsOfRows(conn.all<CandidateRow>(select, selectParams)), req);
  }
  const { x0, width, bucket, bucketParams } = bucketing(
    req,
    range.lo ?? Infinity,
    range.hi ?? -Infinity,
  );
  const fast = readCandidatesFast<CandidateRow>(conn, {
    step,
    nan,
    where,
    whereParams,
    // Width 0 (one step) divides by zero: NULL, one group, as wanted.
    bucketParams: [x0, width],
    select,
    selectParams,
  });
  const t = fast
    ? { ...range, nan: fast.nan, pinf: 0, ninf: 0 }
    : // Flat aggregates, no subquery: SQLite spends most of this scan evaluating per-row expressions.
      (conn.get<TotalsRow>(
        `SELECT count(*) AS n, min(${step}) AS lo, max(${step}) AS hi, sum(${nan}) AS nan, ` +
          `sum(value >= ? AND NOT ${nan}) AS pinf, sum(value <= ? AND NOT ${nan}) AS ninf FROM metrics WHERE ${where}`,
        selectParams,
      ) as TotalsRow);
  const totals: SeriesTotals = {
    totalPoints: t.n,
    nonFinite: { nan: t.nan ?? 0, posInf: t.pinf ?? 0, negInf: t.ninf ?? 0 },
    minStep: t.lo ?? Infinity,
    maxStep: t.hi ?? -Infinity,
  };
  const rows = fast ? fast.rows : readCandidates(conn, select, selectParams, bucket, bucketParams);
  return seriesOfColumns(key, columnsOfRows(rows), req, totals);
}

/** Rows (any order) as columns in history order. */
function columnsOfRows(rows: CandidateRow[]): SeriesColumns {
  rows.sort(historyOrder);
  const length = rows.length;
  const cols = {
    length,
    step: new Float64Array(length),
    timestamp: new Float64Array(length),
    value: new Float64Array(length),
  };
  for (let i = 0; i < length; i++) {
    const r = rows[i] as CandidateRow;
    cols.step[i] = Number(r.step);
    cols.timestamp[i] = Number(r.timestamp);
    cols.value[i] = r.kind === 1 ? NaN : unclampInfinity(Number(r.value));
  }
  return cols;
}

/**
 * The bucket edges of seriesOfColumns: the requested range when both ends are given, else the data's
 * (lo/hi). Every row in range has step >= x0, so CAST's truncation is downsample.ts's floor.
 */
function bucketing(
  req: SeriesRequest & { buckets: number },
  lo: number,
  hi: number,
): { x0: number; width: number; bucket: string; bucketParams: Bindable[] } {
  const both = req.minStep !== undefined && req.maxStep !== undefined;
  const x0 = both ? (req.minStep as number) : lo;
  const x1 = both ? (req.maxStep as number) : hi;
  const n = Math.max(1, Math.floor(req.buckets));
  const width = x1 > x0 ? (x1 - x0) / n : 0;
  if (width === 0) return { x0, width, bucket: '0', bucketParams: [] };
  return {
    x0,
    width,
    bucket: `min(${n - 1}, max(0, CAST((step - ?) / ? AS INTEGER)))`,
    bucketParams: [x0, width],
  };
}

/** Step 2 of the file comment: the rows bucketing could choose, unordered. */
function readCandidates(
  conn: SqliteConnection,
  select: string,
  selectParams: readonly Bindable[],
  bucket: string,
  bucketParams: readonly Bindable[],
): CandidateRow[] {
  return conn.all<CandidateRow>(
    `WITH pts AS NOT MATERIALIZED (SELECT *, ${bucket} AS b FROM (${select})), ` +
      'agg AS (SELECT b, ' +
      'min(CASE WHEN kind = 0 THEN value END) AS vmin, max(CASE WHEN kind = 0 THEN value END) AS vmax, ' +
      'min(CASE WHEN kind = 0 THEN step END) AS sfirst, max(CASE WHEN kind = 0 THEN step END) AS slast, ' +
      'min(CASE WHEN kind = 1 THEN step END) AS snan, min(CASE WHEN kind = 2 THEN step END) AS spos, ' +
      'min(CASE WHEN kind = 3 THEN step END) AS sneg FROM pts GROUP BY b) ' +
      'SELECT pts.id, pts.step, pts.timestamp, pts.value, pts.kind FROM pts JOIN agg ON agg.b = pts.b ' +
      'WHERE pts.step IN (agg.sfirst, agg.slast, agg.snan, agg.spos, agg.sneg) OR (pts.kind = 0 AND pts.value IN (agg.vmin, agg.vmax))',
    // `pts` is written once, so its parameters are bound once, however often it is read.
    [...bucketParams, ...selectParams],
  );
}
