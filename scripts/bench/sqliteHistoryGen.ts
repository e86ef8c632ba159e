/**
 * The long-history store in SQLite: one run of MLflow 2.12's schema whose metric `big` holds the same
 * points as the FileStore H store's (same seed, same generator), so `HSQL.series` and `H.series` time the
 * same chart series from the two kinds of store. Rows go in in step order, as a training loop logs them.
 */
import Database from 'better-sqlite3';
import { ALEMBIC_HEAD_2_12 } from './sqliteGen';
import { forEachPoint, type Shape, syntheticRun } from './synthetic';

const ROWS_PER_INSERT = 500;

export function writeSqliteHistoryStore(
  dbPath: string,
  schemaSql: string,
  spec: { seed: number; shape: Shape; points: number },
): string {
  const run = syntheticRun(spec.seed, spec.shape, 0);
  const db = new Database(dbPath);
  try {
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.exec(schemaSql);
    const tuple = '(?, ?, ?, ?, ?, ?)';
    const many = db.prepare(
      `INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES ${Array(ROWS_PER_INSERT).fill(tuple).join(', ')}`,
    );
    const one = db.prepare(
      'INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, ?)',
    );
    db.transaction(() => {
      db.prepare('INSERT INTO alembic_version (version_num) VALUES (?)').run(ALEMBIC_HEAD_2_12);
      db.prepare(
        "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage) VALUES (0, 'history', '/tmp/h', 'active')",
      ).run();
      db.prepare(
        'INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, ' +
          "lifecycle_stage, artifact_uri, experiment_id) VALUES (?, ?, 'LOCAL', '', '', 'u', 'FINISHED', ?, 'active', '/tmp/h', 0)",
      ).run(run.runId, run.name, run.startTime);
      let batch: (string | number)[] = [];
      let last: [number, number, number] = [0, 0, 0];
      forEachPoint(spec.seed, run, 999, spec.points, (ts, value, step) => {
        batch.push('big', value, ts, run.runId, step, 0);
        last = [ts, value, step];
        if (batch.length === ROWS_PER_INSERT * 6) {
          many.run(...batch);
          batch = [];
        }
      });
      for (let i = 0; i < batch.length; i += 6) one.run(...batch.slice(i, i + 6));
      db.prepare(
        'INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES (?, ?, ?, ?, 0, ?)',
      ).run('big', last[1], last[0], last[2], run.runId);
    })();
  } finally {
    db.close();
  }
  return run.runId;
}
