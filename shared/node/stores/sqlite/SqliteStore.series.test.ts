/**
 * SqliteStore.getMetricSeries (buckets in SQL) against the series of its own getMetricHistory: on
 * generated histories (NaN as is_nan = 1, ±inf clamped to ±DBL_MAX, duplicates, several points per step,
 * rows inserted out of step order) and on every metric of the real fixtures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe } from 'vitest';
import { DBL_MAX } from '../../../common/metrics';
import { GEN_SIZES, genHistory } from '../../../../test/support/seriesTestData';
import { openTestWriter } from '../../../../test/support/sqliteWriter';
import { SqliteStore } from './SqliteStore';
import { fixtureDb, fixtureDir, tempDir } from '../../../../test/support/sqlite';
import { metricSeriesContract } from '../../../../test/support/metricSeriesContract';

const RUN = 'c'.repeat(32);

/** An MLflow 2.12 database with one run whose metric `gen<i>` holds genHistory(i + 1, GEN_SIZES[i]). */
function generatedDb(path: string): void {
  const db = openTestWriter(path);
  try {
    db.exec(readFileSync(join(fixtureDir('mlflow-2.12.2.dev0'), 'schema.sql'), 'utf8'));
    db.exec(
      "INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage) VALUES (1, 'e', '/x', 'active')",
    );
    db.exec(
      'INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, ' +
        `lifecycle_stage, artifact_uri, experiment_id) VALUES ('${RUN}', 'r', 'LOCAL', '', '', 'u', 'FINISHED', 1, 'active', '/x', 1)`,
    );
    // OR IGNORE: the primary key drops exact duplicates, as MLflow's inserts do.
    const insert = db.prepare(
      'INSERT OR IGNORE INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, ?)',
    );
    db.transaction(() => {
      GEN_SIZES.forEach((n, i) => {
        for (const p of genHistory(i + 1, n)) {
          const nan = Number.isNaN(p.value);
          const value = nan
            ? 0
            : p.value === Infinity
              ? DBL_MAX
              : p.value === -Infinity
                ? -DBL_MAX
                : p.value;
          insert.run(`gen${i}`, value, p.timestamp, RUN, p.step, nan ? 1 : 0);
        }
      });
    })();
  } finally {
    db.close();
  }
}

describe('SqliteStore.getMetricSeries equals the series of getMetricHistory', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);
  const path = join(dir, 'mlflow.db');
  generatedDb(path);

  metricSeriesContract({
    generated: () => new SqliteStore(path),
    runId: RUN,
    unknownRunId: 'd'.repeat(32),
    fixture: (version) => new SqliteStore(fixtureDb(version)),
  });
});
