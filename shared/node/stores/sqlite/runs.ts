/**
 * Runs with everything `Run` holds, read set-based: one query for the runs, then one per related table
 * (params, tags, latest metrics, dataset inputs, model outputs) over IN lists of at most 900 run ids —
 * never one query per run.
 *
 * Schema notes: the run name is the `name` column (MLflow never had a `run_name` column in SQL; 1.x left it
 * '' and kept the name in the `mlflow.runName` tag). Datasets/inputs/input_tags exist from 2.4; 3.x records
 * "run produced LoggedModel" as `inputs` rows RUN_OUTPUT → MODEL_OUTPUT.
 */
import { RUN_STATUSES } from '../../../common/types';
import type {
  DatasetInput,
  ModelOutput,
  Run,
  RunStatus,
  StoreProblem,
} from '../../../common/types';
import { lifecycleOf } from './experiments';
import { readLatestMetrics } from './metrics';
import type { SqliteConnection } from './SqliteConnection';
import { experimentIdsToInts, groupBy, inChunks, optionalNumber, toRecord } from './sqlHelpers';

interface RunRow {
  run_uuid: string;
  name: string | null;
  experiment_id: string | null;
  user_id: string | null;
  status: string | null;
  start_time: number | null;
  end_time: number | null;
  artifact_uri: string | null;
  lifecycle_stage: string | null;
  experiment_stage: string | null;
}

interface KeyValueRow {
  run_uuid: string;
  key: string;
  value: string | null;
}

export type RunSelector =
  { experimentIds: readonly string[] } | { runId: string } | { runIds: readonly string[] };

function selectRuns(conn: SqliteConnection): string {
  const s = conn.schema;
  const name = s.pick('runs', 'name', 'run_name');
  const stage = s.hasColumn('runs', 'lifecycle_stage') ? 'r.lifecycle_stage' : "'active'";
  const expStage = s.hasColumn('experiments', 'lifecycle_stage') ? 'e.lifecycle_stage' : "'active'";
  return (
    `SELECT r.run_uuid, ${name ? `r.${name}` : 'NULL'} AS name, CAST(r.experiment_id AS TEXT) AS experiment_id, ` +
    `r.user_id, r.status, r.start_time, r.end_time, r.artifact_uri, ${stage} AS lifecycle_stage, ` +
    `${expStage} AS experiment_stage FROM runs r LEFT JOIN experiments e ON e.experiment_id = r.experiment_id`
  );
}

function readRunRows(conn: SqliteConnection, selector: RunSelector): RunRow[] {
  const base = selectRuns(conn);
  if ('runId' in selector)
    return conn.all<RunRow>(`${base} WHERE r.run_uuid = ?`, [selector.runId]);
  // One page of a pushed-down search: the caller puts the rows back in its order.
  if ('runIds' in selector)
    return inChunks(selector.runIds, (chunk, marks) =>
      conn.all<RunRow>(`${base} WHERE r.run_uuid IN (${marks})`, chunk),
    );
  return inChunks(experimentIdsToInts(selector.experimentIds), (chunk, marks) =>
    conn.all<RunRow>(
      `${base} WHERE r.experiment_id IN (${marks}) ORDER BY r.start_time DESC, r.run_uuid`,
      chunk,
    ),
  );
}

function readKeyValues(
  conn: SqliteConnection,
  table: string,
  runIds: readonly string[],
): Map<string, KeyValueRow[]> {
  if (!conn.schema.hasTable(table)) return new Map();
  const rows = inChunks(runIds, (chunk, marks) =>
    conn.all<KeyValueRow>(
      `SELECT run_uuid, key, value FROM ${table} WHERE run_uuid IN (${marks})`,
      chunk,
    ),
  );
  return groupBy(rows, (r) => r.run_uuid);
}

interface InputRow {
  run_uuid: string;
  input_uuid: string;
  name: string;
  digest: string;
  source_type: string;
  source: string;
  schema: string | null;
  profile: string | null;
}

function readDatasetInputs(
  conn: SqliteConnection,
  runIds: readonly string[],
): Map<string, DatasetInput[]> {
  const s = conn.schema;
  if (!s.hasTable('inputs') || !s.hasTable('datasets')) return new Map();
  const rows = inChunks(runIds, (chunk, marks) =>
    conn.all<InputRow>(
      `SELECT i.destination_id AS run_uuid, i.input_uuid, d.name, d.digest, d.dataset_source_type AS source_type, ` +
        `d.dataset_source AS source, d.dataset_schema AS schema, d.dataset_profile AS profile ` +
        `FROM inputs i JOIN datasets d ON d.dataset_uuid = i.source_id ` +
        `WHERE i.source_type = 'DATASET' AND i.destination_type = 'RUN' AND i.destination_id IN (${marks}) ` +
        `ORDER BY i.rowid`,
      chunk,
    ),
  );
  const tagRows = s.hasTable('input_tags')
    ? inChunks(
        rows.map((r) => r.input_uuid),
        (chunk, marks) =>
          conn.all<{ input_uuid: string; key: string; value: string | null }>(
            `SELECT input_uuid, name AS key, value FROM input_tags WHERE input_uuid IN (${marks})`,
            chunk,
          ),
      )
    : [];
  const tags = groupBy(tagRows, (r) => r.input_uuid);
  const out = new Map<string, DatasetInput[]>();
  for (const row of rows) {
    const input: DatasetInput = {
      dataset: {
        name: row.name,
        digest: row.digest,
        sourceType: row.source_type,
        source: row.source,
        schema: row.schema,
        profile: row.profile,
      },
      tags: toRecord(tags.get(row.input_uuid)),
    };
    const list = out.get(row.run_uuid);
    if (list) list.push(input);
    else out.set(row.run_uuid, [input]);
  }
  return out;
}

function readModelOutputs(
  conn: SqliteConnection,
  runIds: readonly string[],
): Map<string, ModelOutput[]> {
  if (!conn.schema.hasTable('inputs')) return new Map();
  const step = conn.schema.hasColumn('inputs', 'step') ? 'step' : '0';
  const rows = inChunks(runIds, (chunk, marks) =>
    conn.all<{ run_uuid: string; model_id: string; step: number | null }>(
      `SELECT source_id AS run_uuid, destination_id AS model_id, ${step} AS step FROM inputs ` +
        `WHERE source_type = 'RUN_OUTPUT' AND destination_type = 'MODEL_OUTPUT' AND source_id IN (${marks}) ` +
        `ORDER BY rowid`,
      chunk,
    ),
  );
  const out = new Map<string, ModelOutput[]>();
  for (const [runId, list] of groupBy(rows, (r) => r.run_uuid)) {
    out.set(
      runId,
      list.map((r) => ({ modelId: r.model_id, step: Number(r.step ?? 0) })),
    );
  }
  return out;
}

function runStatus(status: string | null): RunStatus | undefined {
  // The 0.9 schema's column default; a row can only hold NULL when written outside MLflow.
  const value = status ?? 'SCHEDULED';
  return (RUN_STATUSES as readonly string[]).includes(value) ? (value as RunStatus) : undefined;
}

/**
 * Runs matching `selector`, complete. A row with a status MLflow does not know is skipped and reported.
 * Call inside `conn.read`.
 */
export function readRuns(
  conn: SqliteConnection,
  selector: RunSelector,
  report: (p: StoreProblem) => void,
): Run[] {
  const rows = readRunRows(conn, selector);
  const ids = rows.map((r) => r.run_uuid);
  const params = readKeyValues(conn, 'params', ids);
  const tags = readKeyValues(conn, 'tags', ids);
  const metrics = readLatestMetrics(conn, ids);
  const inputs = readDatasetInputs(conn, ids);
  const outputs = readModelOutputs(conn, ids);
  const runs: Run[] = [];
  for (const row of rows) {
    const status = runStatus(row.status);
    if (!status) {
      report({
        path: `${conn.path}#runs/${row.run_uuid}`,
        message: `Run ${row.run_uuid} has an unknown status '${row.status}'`,
      });
      continue;
    }
    const runTags = toRecord(tags.get(row.run_uuid));
    const deleted =
      lifecycleOf(row.lifecycle_stage) === 'deleted' ||
      lifecycleOf(row.experiment_stage) === 'deleted';
    runs.push({
      info: {
        runId: row.run_uuid,
        runName: row.name || runTags['mlflow.runName'] || '',
        experimentId: row.experiment_id ?? '',
        userId: row.user_id || runTags['mlflow.user'] || '',
        status,
        startTime: optionalNumber(row.start_time),
        endTime: optionalNumber(row.end_time),
        artifactUri: row.artifact_uri ?? '',
        lifecycleStage: deleted ? 'deleted' : 'active',
      },
      data: {
        metrics: metrics.get(row.run_uuid) ?? {},
        params: toRecord(params.get(row.run_uuid)),
        tags: runTags,
      },
      inputs: { datasetInputs: inputs.get(row.run_uuid) ?? [] },
      outputs: { modelOutputs: outputs.get(row.run_uuid) ?? [] },
    });
  }
  return runs;
}
