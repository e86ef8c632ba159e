/**
 * MLflow 3 LoggedModels: `logged_models` + `logged_model_params` / `_tags` / `_metrics` (alembic
 * 400f98739977). Deleted ones are hidden, as `search_logged_models` hides them. `status` is the proto enum
 * number; it is returned as the enum name the REST API uses.
 */
import type { LoggedModel, LoggedModelMetric } from '../../../common/types';
import type { SqliteConnection } from './SqliteConnection';
import { experimentIdsToInts, groupBy, inChunks, metricValue, optionalNumber } from './sqlHelpers';

const STATUS_NAMES: Record<number, string> = {
  0: 'LOGGED_MODEL_STATUS_UNSPECIFIED',
  1: 'LOGGED_MODEL_PENDING',
  2: 'LOGGED_MODEL_READY',
  3: 'LOGGED_MODEL_UPLOAD_FAILED',
};

interface ModelRow {
  model_id: string;
  experiment_id: string;
  name: string;
  artifact_location: string;
  creation_timestamp_ms: number | null;
  last_updated_timestamp_ms: number | null;
  status: number | string | null;
  model_type: string | null;
  source_run_id: string | null;
  status_message: string | null;
}

interface MetricRow {
  model_id: string;
  metric_name: string;
  metric_timestamp_ms: number;
  metric_step: number;
  metric_value: number | null;
  run_id: string | null;
  dataset_name: string | null;
  dataset_digest: string | null;
}

function statusName(status: number | string | null): string {
  if (status === null) return STATUS_NAMES[0] ?? '';
  return typeof status === 'number' ? (STATUS_NAMES[status] ?? String(status)) : status;
}

function modelRows(
  conn: SqliteConnection,
  experimentIds: readonly string[] | undefined,
): ModelRow[] {
  const s = conn.schema;
  const optional = ['model_type', 'source_run_id', 'status_message']
    .map((c) => (s.hasColumn('logged_models', c) ? c : `NULL AS ${c}`))
    .join(', ');
  const notDeleted = s.hasColumn('logged_models', 'lifecycle_stage')
    ? "(lifecycle_stage IS NULL OR lifecycle_stage != 'deleted')"
    : '1';
  const base =
    `SELECT model_id, CAST(experiment_id AS TEXT) AS experiment_id, name, artifact_location, creation_timestamp_ms, ` +
    `last_updated_timestamp_ms, status, ${optional} FROM logged_models WHERE ${notDeleted}`;
  const order = 'ORDER BY creation_timestamp_ms DESC, model_id';
  if (experimentIds === undefined) return conn.all<ModelRow>(`${base} ${order}`);
  return inChunks(experimentIdsToInts(experimentIds), (chunk, marks) =>
    conn.all<ModelRow>(`${base} AND experiment_id IN (${marks}) ${order}`, chunk),
  );
}

function childRows<T>(
  conn: SqliteConnection,
  table: string,
  select: string,
  ids: readonly string[],
): T[] {
  if (!conn.schema.hasTable(table)) return [];
  return inChunks(ids, (chunk, marks) =>
    conn.all<T>(`SELECT ${select} FROM ${table} WHERE model_id IN (${marks})`, chunk),
  );
}

function toMetric(row: MetricRow): LoggedModelMetric {
  return {
    key: row.metric_name,
    value: metricValue(row.metric_value, 0),
    timestamp: Number(row.metric_timestamp_ms),
    step: Number(row.metric_step),
    runId: row.run_id,
    datasetName: row.dataset_name,
    datasetDigest: row.dataset_digest,
  };
}

/** LoggedModels of these experiments (all when omitted); [] before MLflow 3. Call inside `conn.read`. */
export function readLoggedModels(
  conn: SqliteConnection,
  experimentIds?: readonly string[],
): LoggedModel[] {
  if (!conn.schema.hasTable('logged_models')) return [];
  const rows = modelRows(conn, experimentIds);
  const ids = rows.map((r) => r.model_id);
  const params = groupBy(
    childRows<{ model_id: string; key: string; value: string }>(
      conn,
      'logged_model_params',
      'model_id, param_key AS key, param_value AS value',
      ids,
    ),
    (r) => r.model_id,
  );
  const tags = groupBy(
    childRows<{ model_id: string; key: string; value: string }>(
      conn,
      'logged_model_tags',
      'model_id, tag_key AS key, tag_value AS value',
      ids,
    ),
    (r) => r.model_id,
  );
  const dataset = conn.schema.hasColumn('logged_model_metrics', 'dataset_name')
    ? 'dataset_name, dataset_digest'
    : 'NULL AS dataset_name, NULL AS dataset_digest';
  const metrics = groupBy(
    childRows<MetricRow>(
      conn,
      'logged_model_metrics',
      `model_id, metric_name, metric_timestamp_ms, metric_step, metric_value, run_id, ${dataset}`,
      ids,
    ),
    (r) => r.model_id,
  );
  return rows.map((row) => ({
    modelId: row.model_id,
    experimentId: row.experiment_id,
    name: row.name,
    artifactUri: row.artifact_location,
    creationTimestamp: optionalNumber(row.creation_timestamp_ms),
    lastUpdatedTimestamp: optionalNumber(row.last_updated_timestamp_ms),
    modelType: row.model_type,
    sourceRunId: row.source_run_id,
    status: statusName(row.status),
    statusMessage: row.status_message,
    tags: Object.fromEntries((tags.get(row.model_id) ?? []).map((t) => [t.key, t.value])),
    params: Object.fromEntries((params.get(row.model_id) ?? []).map((p) => [p.key, p.value])),
    metrics: (metrics.get(row.model_id) ?? []).map(toMetric),
  }));
}

/** One LoggedModel's stored artifact location and experiment, undefined when unknown. */
export function readLoggedModelLocation(
  conn: SqliteConnection,
  modelId: string,
): { artifactLocation: string; experimentId: string } | undefined {
  if (!conn.schema.hasTable('logged_models')) return undefined;
  return conn.get(
    'SELECT artifact_location AS artifactLocation, CAST(experiment_id AS TEXT) AS experimentId ' +
      'FROM logged_models WHERE model_id = ?',
    [modelId],
  );
}
