/**
 * Metrics of the SQL store. `metrics` holds every point (its primary key drops exact duplicates);
 * `latest_metrics` (alembic 89d4b8295536, MLflow 1.x) is MLflow's own cache of the latest point per key.
 * Before that table existed, the latest point is computed in SQL with the same rule as
 * `compareMetricPoints`: greatest (step, timestamp, value), NaN below every real value.
 * Columns that old schemas lack: `step` (0.9), `is_nan` (1.x; NaN was a NULL value before).
 */
import type { Metric } from '../../../common/types';
import type { SqliteConnection } from './SqliteConnection';
import { groupBy, inChunks, metricValue } from './sqlHelpers';
import { setOwn } from '../../../common/records';

interface MetricRow {
  run_uuid: string;
  key: string;
  value: number | null;
  timestamp: number | null;
  step: number | null;
  is_nan: number | null;
}

function toMetric(row: MetricRow): Metric {
  return {
    key: row.key,
    value: metricValue(row.value, row.is_nan),
    timestamp: Number(row.timestamp ?? 0),
    step: Number(row.step ?? 0),
  };
}

/** Column expressions of `table` that may be missing in old schemas. */
export function columns(conn: SqliteConnection, table: string): { step: string; isNan: string } {
  return {
    step: conn.schema.hasColumn(table, 'step') ? 'step' : '0',
    isNan: conn.schema.hasColumn(table, 'is_nan') ? 'is_nan' : 'NULL',
  };
}

/** Latest metrics per run, from `latest_metrics` when the schema has it, else computed from `metrics`. */
export function readLatestMetrics(
  conn: SqliteConnection,
  runIds: readonly string[],
): Map<string, Record<string, Metric>> {
  const rows = conn.schema.hasTable('latest_metrics')
    ? readLatestFromTable(conn, runIds)
    : readLatestFromHistory(conn, runIds);
  return toRunRecords(rows);
}

function toRunRecords(rows: MetricRow[]): Map<string, Record<string, Metric>> {
  const out = new Map<string, Record<string, Metric>>();
  for (const [runId, list] of groupBy(rows, (r) => r.run_uuid)) {
    const record: Record<string, Metric> = {};
    for (const row of list) setOwn(record, row.key, toMetric(row));
    out.set(runId, record);
  }
  return out;
}

function readLatestFromTable(conn: SqliteConnection, runIds: readonly string[]): MetricRow[] {
  const { step, isNan } = columns(conn, 'latest_metrics');
  return inChunks(runIds, (chunk, marks) =>
    conn.all<MetricRow>(
      `SELECT run_uuid, key, value, timestamp, ${step} AS step, ${isNan} AS is_nan ` +
        `FROM latest_metrics WHERE run_uuid IN (${marks}) ORDER BY run_uuid, key`,
      chunk,
    ),
  );
}

/** The latest point per (run, key), computed from the full history with a window function. */
function readLatestFromHistory(conn: SqliteConnection, runIds: readonly string[]): MetricRow[] {
  if (!conn.schema.hasTable('metrics')) return [];
  const { step, isNan } = columns(conn, 'metrics');
  const nanFirst = isNan === 'NULL' ? '(value IS NULL)' : '(is_nan = 1 OR value IS NULL)';
  return inChunks(runIds, (chunk, marks) =>
    conn.all<MetricRow>(
      `SELECT run_uuid, key, value, timestamp, step, is_nan FROM (` +
        `SELECT run_uuid, key, value, timestamp, ${step} AS step, ${isNan} AS is_nan, ROW_NUMBER() OVER (` +
        `PARTITION BY run_uuid, key ORDER BY ${step} DESC, timestamp DESC, ${nanFirst} ASC, value DESC) AS rank ` +
        `FROM metrics WHERE run_uuid IN (${marks})) WHERE rank = 1 ORDER BY run_uuid, key`,
      chunk,
    ),
  );
}

/**
 * The same records as `readLatestMetrics`, always computed from the history: exported for the test that
 * checks the computation agrees with MLflow's own `latest_metrics` on real stores.
 */
export function readLatestMetricsFromHistory(
  conn: SqliteConnection,
  runIds: readonly string[],
): Map<string, Record<string, Metric>> {
  return toRunRecords(readLatestFromHistory(conn, runIds));
}

export interface HistoryRow {
  value: number | null;
  timestamp: number | null;
  step: number | null;
  is_nan: number | null;
  id: number;
}

/** (step, timestamp), then insertion order: the order of `readMetricHistory`. */
export function historyOrder(a: HistoryRow, b: HistoryRow): number {
  return (
    Number(a.step ?? 0) - Number(b.step ?? 0) ||
    Number(a.timestamp ?? 0) - Number(b.timestamp ?? 0) ||
    a.id - b.id
  );
}

/**
 * One metric's history ordered by (step, timestamp), insertion order (rowid) for ties. Call inside
 * `conn.read`. The rows are read unordered and sorted here only when they are not in order already:
 * ORDER BY made SQLite sort every point in a temp b-tree, which doubled the time of a 1M-point read,
 * while histories are nearly always logged in step order.
 */
export function readMetricHistory(conn: SqliteConnection, runId: string, key: string): Metric[] {
  if (!conn.schema.hasTable('metrics')) return [];
  const { step, isNan } = columns(conn, 'metrics');
  if (!conn.schema.hasRowid('metrics')) {
    return conn
      .all<MetricRow>(
        `SELECT run_uuid, key, value, timestamp, ${step} AS step, ${isNan} AS is_nan FROM metrics ` +
          `WHERE run_uuid = ? AND key = ? ORDER BY ${step === 'step' ? 'step, ' : ''}timestamp`,
        [runId, key],
      )
      .map(toMetric);
  }
  const rows = conn.all<HistoryRow>(
    `SELECT value, timestamp, ${step} AS step, ${isNan} AS is_nan, rowid AS id FROM metrics WHERE run_uuid = ? AND key = ?`,
    [runId, key],
  );
  for (let i = 1; i < rows.length; i++) {
    if (historyOrder(rows[i - 1] as HistoryRow, rows[i] as HistoryRow) > 0) {
      rows.sort(historyOrder);
      break;
    }
  }
  const out = new Array<Metric>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as HistoryRow;
    out[i] = {
      key,
      value: metricValue(r.value, r.is_nan),
      timestamp: Number(r.timestamp ?? 0),
      step: Number(r.step ?? 0),
    };
  }
  return out;
}
