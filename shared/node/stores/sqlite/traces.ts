/**
 * Traces (alembic 867495a8f9d4, MLflow 2.14+): `trace_info` + `trace_tags` + `trace_request_metadata`.
 * MLflow keeps the v2 column names (`request_id`, `timestamp_ms`, `execution_time_ms`, `status`) even in 3.x
 * and maps them to the v3 entity; the v3 names are accepted too in case a schema renames them. Previews
 * exist from 3.1 (cbc13b556ace); before, the request/response are the `mlflow.traceInputs`/`traceOutputs`
 * metadata. Span data lives in `spans` (3.8+) or in `<mlflow.artifactLocation>/traces.json`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { StoreError } from '../../../common/errors';
import type { TraceInfo } from '../../../common/types';
import { rebasedCandidates, resolveArtifactRoot } from '../localArtifacts';
import type { SqliteConnection } from './SqliteConnection';
import { experimentIdsToInts, groupBy, inChunks, optionalNumber, toRecord } from './sqlHelpers';

interface TraceRow {
  trace_id: string;
  experiment_id: string;
  request_time: number | null;
  duration: number | null;
  state: string | null;
  request_preview: string | null;
  response_preview: string | null;
}

/** v2 TraceStatus names to v3 TraceState names. */
function stateOf(status: string | null): string {
  if (!status || status === 'UNSPECIFIED' || status === 'TRACE_STATUS_UNSPECIFIED')
    return 'STATE_UNSPECIFIED';
  return status;
}

function traceColumns(
  conn: SqliteConnection,
): { select: string; id: string; time: string } | undefined {
  const s = conn.schema;
  const id = s.pick('trace_info', 'request_id', 'trace_id');
  const time = s.pick('trace_info', 'timestamp_ms', 'request_time');
  if (!id || !time) return undefined;
  const duration =
    s.pick('trace_info', 'execution_time_ms', 'execution_duration_ms', 'execution_duration') ??
    'NULL';
  const state = s.pick('trace_info', 'status', 'state') ?? 'NULL';
  const req = s.hasColumn('trace_info', 'request_preview') ? 'request_preview' : 'NULL';
  const resp = s.hasColumn('trace_info', 'response_preview') ? 'response_preview' : 'NULL';
  return {
    id,
    time,
    select:
      `SELECT ${id} AS trace_id, CAST(experiment_id AS TEXT) AS experiment_id, ${time} AS request_time, ` +
      `${duration} AS duration, ${state} AS state, ${req} AS request_preview, ${resp} AS response_preview FROM trace_info`,
  };
}

type KeyValues = Map<string, { key: string; value: string | null }[]>;

function childRows(conn: SqliteConnection, table: string, ids: readonly string[]): KeyValues {
  const key = conn.schema.pick(table, 'request_id', 'trace_id');
  if (!key) return new Map();
  const rows = inChunks(ids, (chunk, marks) =>
    conn.all<{ id: string; key: string; value: string | null }>(
      `SELECT ${key} AS id, key, value FROM ${table} WHERE ${key} IN (${marks})`,
      chunk,
    ),
  );
  return groupBy(rows, (r) => r.id);
}

function readTraceRows(
  conn: SqliteConnection,
  experimentIds: readonly string[] | undefined,
  traceId?: string,
): TraceInfo[] {
  const cols = traceColumns(conn);
  if (!cols) return [];
  const order = `ORDER BY ${cols.time} DESC, ${cols.id}`;
  let rows: TraceRow[];
  if (traceId !== undefined)
    rows = conn.all<TraceRow>(`${cols.select} WHERE ${cols.id} = ?`, [traceId]);
  else if (experimentIds === undefined) rows = conn.all<TraceRow>(`${cols.select} ${order}`);
  else {
    rows = inChunks(experimentIdsToInts(experimentIds), (chunk, marks) =>
      conn.all<TraceRow>(`${cols.select} WHERE experiment_id IN (${marks}) ${order}`, chunk),
    );
  }
  const ids = rows.map((r) => r.trace_id);
  const tags = childRows(conn, 'trace_tags', ids);
  const metadata = childRows(conn, 'trace_request_metadata', ids);
  return rows.map((row) => {
    const requestMetadata = toRecord(metadata.get(row.trace_id));
    return {
      traceId: row.trace_id,
      experimentId: row.experiment_id,
      requestTime: Number(row.request_time ?? 0),
      executionDurationMs: optionalNumber(row.duration),
      state: stateOf(row.state),
      requestPreview: row.request_preview ?? requestMetadata['mlflow.traceInputs'] ?? null,
      responsePreview: row.response_preview ?? requestMetadata['mlflow.traceOutputs'] ?? null,
      requestMetadata,
      tags: toRecord(tags.get(row.trace_id)),
    };
  });
}

/** Traces of these experiments (all when omitted), newest first; [] before 2.14. Call inside `conn.read`. */
export function readTraces(conn: SqliteConnection, experimentIds?: readonly string[]): TraceInfo[] {
  if (!conn.schema.hasTable('trace_info')) return [];
  return readTraceRows(conn, experimentIds);
}

/** One trace, undefined when unknown. Call inside `conn.read`. */
export function readTrace(conn: SqliteConnection, traceId: string): TraceInfo | undefined {
  if (!conn.schema.hasTable('trace_info')) return undefined;
  return readTraceRows(conn, undefined, traceId)[0];
}

/** Span rows of the `spans` table (3.8+), as the `spans` list of traces.json; undefined when none. */
export function readSpansFromTable(
  conn: SqliteConnection,
  traceId: string,
): { spans: unknown[] } | undefined {
  if (!conn.schema.hasTable('spans') || !conn.schema.hasColumn('spans', 'content'))
    return undefined;
  const order = conn.schema.hasColumn('spans', 'start_time_unix_nano')
    ? 'ORDER BY start_time_unix_nano'
    : '';
  const rows = conn.all<{ content: string }>(
    `SELECT content FROM spans WHERE trace_id = ? ${order}`,
    [traceId],
  );
  if (rows.length === 0) return undefined;
  return {
    spans: rows.map((r) => {
      try {
        return JSON.parse(r.content) as unknown;
      } catch {
        throw new StoreError(
          'STORE_UNREADABLE',
          `A span of trace ${traceId} in ${conn.path} is not valid JSON`,
        );
      }
    }),
  };
}

/**
 * Parsed `traces.json` under the trace's artifact location (rebased under `baseDir` when the stored path
 * does not exist here); null when there is none.
 */
export async function readTraceArtifact(trace: TraceInfo, baseDir: string): Promise<unknown> {
  const location = trace.tags['mlflow.artifactLocation'];
  if (!location) return null;
  const root = resolveArtifactRoot(location, baseDir, rebasedCandidates(location, baseDir));
  if (!root) return null;
  const file = join(root, 'traces.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new StoreError('STORE_UNREADABLE', `Cannot read ${file}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new StoreError(
      'STORE_UNREADABLE',
      `${file} is not valid JSON: ${(err as Error).message}`,
      { cause: err },
    );
  }
}
