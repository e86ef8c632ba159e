/**
 * Writes a synthetic `mlflow.db` in MLflow 2.12's schema: the DDL is the fixture's `schema.sql`
 * (`sqlite3 mlflow.db .schema` of a database MLflow 2.12 created), the alembic head is `acf3f17fdcc7`,
 * and rows look like the SQLAlchemy store's: status/source_type as strings, experiment 0 `Default`,
 * artifact locations as plain paths, the run name both in `runs.name` and the `mlflow.runName` tag, and
 * `latest_metrics` holding, per (run, key), the point with the largest (step, timestamp).
 *
 * The database is ours (a benchmark artefact), so it is written without a journal or fsync, in one
 * transaction with prepared multi-row statements.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { experimentName, forEachPoint, type Shape, syntheticRun } from './synthetic';

export const ALEMBIC_HEAD_2_12 = 'acf3f17fdcc7';
const CREATED = 1717100000000;

export interface SqliteStoreSpec {
  seed: number;
  /**
   * `shape.steps` is the history per metric of every `fullHistoryEvery`-th run; the other runs keep one
   * point per metric (their latest). Keeps 100k-run databases at a few hundred MB; latest_metrics
   * always has every metric of every run, consistent with the history rows.
   */
  shape: Shape;
  fullHistoryEvery: number;
}

function insertMany(
  db: Database.Database,
  table: string,
  columns: string[],
  rows: number,
): Database.Statement {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const cols = columns.map((c) => `"${c}"`).join(', ');
  return db.prepare(`INSERT INTO ${table} (${cols}) VALUES ${Array(rows).fill(tuple).join(', ')}`);
}

/** Creates `dbPath` (must not exist) with `schemaSql` and the synthetic runs. */
export function writeSqliteStore(dbPath: string, schemaSql: string, spec: SqliteStoreSpec): void {
  const { seed, shape } = spec;
  const db = new Database(dbPath);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(schemaSql);
    const artifactRoot = join(dbPath, '..', 'mlartifacts');
    const write = db.transaction(() => {
      db.prepare('INSERT INTO alembic_version (version_num) VALUES (?)').run(ALEMBIC_HEAD_2_12);
      const experiment = insertMany(
        db,
        'experiments',
        [
          'experiment_id',
          'name',
          'artifact_location',
          'lifecycle_stage',
          'creation_time',
          'last_update_time',
        ],
        1,
      );
      for (let e = 0; e < shape.experiments; e++) {
        experiment.run(
          e,
          experimentName(e),
          join(artifactRoot, String(e)),
          'active',
          CREATED,
          CREATED,
        );
      }
      const runStmt = insertMany(
        db,
        'runs',
        [
          'run_uuid',
          'name',
          'source_type',
          'source_name',
          'entry_point_name',
          'user_id',
          'status',
          'start_time',
          'end_time',
          'source_version',
          'lifecycle_stage',
          'artifact_uri',
          'experiment_id',
          'deleted_time',
        ],
        1,
      );
      const params =
        shape.params > 0
          ? insertMany(db, 'params', ['key', 'value', 'run_uuid'], shape.params)
          : null;
      const tags =
        shape.tags > 0 ? insertMany(db, 'tags', ['key', 'value', 'run_uuid'], shape.tags) : null;
      const latest =
        shape.metrics > 0
          ? insertMany(
              db,
              'latest_metrics',
              ['key', 'value', 'timestamp', 'step', 'is_nan', 'run_uuid'],
              shape.metrics,
            )
          : null;
      const historyStatements = new Map<number, Database.Statement>();
      const history = (rows: number): Database.Statement => {
        let stmt = historyStatements.get(rows);
        if (!stmt)
          historyStatements.set(
            rows,
            (stmt = insertMany(
              db,
              'metrics',
              ['key', 'value', 'timestamp', 'run_uuid', 'step', 'is_nan'],
              rows,
            )),
          );
        return stmt;
      };
      for (let i = 0; i < shape.runs; i++) {
        const run = syntheticRun(seed, shape, i);
        const id = run.runId;
        const artifactUri = join(artifactRoot, String(run.experimentIndex), id, 'artifacts');
        runStmt.run(
          id,
          run.name,
          'UNKNOWN',
          '',
          '',
          run.user,
          run.status,
          run.startTime,
          run.endTime,
          '',
          'active',
          artifactUri,
          run.experimentIndex,
          null,
        );
        params?.run(run.params.flatMap(([k, v]) => [k, v, id]));
        tags?.run(run.tags.flatMap(([k, v]) => [k, v, id]));
        const steps = i % spec.fullHistoryEvery === 0 ? Math.max(1, shape.steps) : 1;
        const latestRow: (string | number)[] = [];
        const points: (string | number)[] = [];
        for (let m = 0; m < shape.metrics; m++) {
          let last: [number, number, number] = [0, 0, 0];
          forEachPoint(seed, run, m, steps, (ts, value, step) => {
            points.push(`m${m}`, value, ts, id, step, 0);
            last = [ts, value, step];
          });
          latestRow.push(`m${m}`, last[1], last[0], last[2], 0, id);
        }
        if (shape.metrics > 0) {
          history(shape.metrics * steps).run(points);
          latest?.run(latestRow);
        }
      }
    });
    write();
  } finally {
    db.close();
  }
}
