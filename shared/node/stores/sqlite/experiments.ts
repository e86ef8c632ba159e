/**
 * Experiments from `experiments` + `experiment_tags`. Timestamps exist from alembic 97727af70f4d (MLflow
 * 2.0); before that they are null. Ids are selected as text: 18-digit ids do not fit a JS number.
 */
import type { Experiment, LifecycleStage } from '../../../common/types';
import type { SqliteConnection } from './SqliteConnection';
import { experimentIdsToInts, groupBy, optionalNumber, toRecord } from './sqlHelpers';

interface ExperimentRow {
  experiment_id: string;
  name: string;
  artifact_location: string | null;
  lifecycle_stage: string | null;
  creation_time: number | null;
  last_update_time: number | null;
}

export function lifecycleOf(stage: string | null | undefined): LifecycleStage {
  return stage === 'deleted' ? 'deleted' : 'active';
}

function selectExperiments(conn: SqliteConnection): string {
  const s = conn.schema;
  const created = s.hasColumn('experiments', 'creation_time') ? 'creation_time' : 'NULL';
  const updated = s.hasColumn('experiments', 'last_update_time') ? 'last_update_time' : 'NULL';
  const stage = s.hasColumn('experiments', 'lifecycle_stage') ? 'lifecycle_stage' : "'active'";
  return (
    `SELECT CAST(experiment_id AS TEXT) AS experiment_id, name, artifact_location, ${stage} AS lifecycle_stage, ` +
    `${created} AS creation_time, ${updated} AS last_update_time FROM experiments`
  );
}

function toExperiment(row: ExperimentRow, tags: Record<string, string>): Experiment {
  return {
    experimentId: row.experiment_id,
    name: row.name,
    artifactLocation: row.artifact_location ?? '',
    lifecycleStage: lifecycleOf(row.lifecycle_stage),
    creationTime: optionalNumber(row.creation_time),
    lastUpdateTime: optionalNumber(row.last_update_time),
    tags,
  };
}

/** Every experiment (active and deleted), ordered by id. Call inside `conn.read`. */
export function readExperiments(conn: SqliteConnection): Experiment[] {
  const rows = conn.all<ExperimentRow>(`${selectExperiments(conn)} ORDER BY experiment_id`);
  const tags = conn.schema.hasTable('experiment_tags')
    ? groupBy(
        conn.all<{ experiment_id: string; key: string; value: string | null }>(
          'SELECT CAST(experiment_id AS TEXT) AS experiment_id, key, value FROM experiment_tags',
        ),
        (r) => r.experiment_id,
      )
    : new Map();
  return rows.map((row) => toExperiment(row, toRecord(tags.get(row.experiment_id))));
}

/** One experiment by id, undefined when there is none. Call inside `conn.read`. */
export function readExperiment(
  conn: SqliteConnection,
  experimentId: string,
): Experiment | undefined {
  const [id] = experimentIdsToInts([experimentId]);
  if (id === undefined) return undefined;
  const row = conn.get<ExperimentRow>(`${selectExperiments(conn)} WHERE experiment_id = ?`, [id]);
  if (!row) return undefined;
  const tags = conn.schema.hasTable('experiment_tags')
    ? conn.all<{ key: string; value: string | null }>(
        'SELECT key, value FROM experiment_tags WHERE experiment_id = ?',
        [id],
      )
    : [];
  return toExperiment(row, toRecord(tags));
}
