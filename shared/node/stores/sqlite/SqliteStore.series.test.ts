/**
 * SqliteStore.getMetricSeries (buckets in SQL) against the series of its own getMetricHistory: on
 * generated histories (NaN as is_nan = 1, ±inf clamped to ±DBL_MAX, duplicates, several points per step,
 * rows inserted out of step order) and on every metric of the real fixtures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DBL_MAX } from '../../../common/metrics';
import { seriesOfHistory } from '../../../common/metricSeries';
import { GEN_SIZES, genHistory, SERIES_REQUESTS } from '../seriesTestData';
import { openTestWriter } from './driver/testWriter';
import { SqliteStore } from './SqliteStore';
import { FIXTURE_VERSIONS, fixtureDb, fixtureDir, tempDir } from './testSupport';

const RUN = 'c'.repeat(32);

/** An MLflow 2.12 database with one run whose metric `gen<i>` holds genHistory(i + 1, GEN_SIZES[i]). */
function generatedDb(path: string): void {
  const db = openTestWriter(path);
  try {
    db.exec(readFileSync(join(fixtureDir('mlflow-2.12.2.dev0'), 'schema.sql'), 'utf8'));
    db.exec("INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage) VALUES (1, 'e', '/x', 'active')");
    db.exec(
      'INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, ' +
        `lifecycle_stage, artifact_uri, experiment_id) VALUES ('${RUN}', 'r', 'LOCAL', '', '', 'u', 'FINISHED', 1, 'active', '/x', 1)`,
    );
    // OR IGNORE: the primary key drops exact duplicates, as MLflow's inserts do.
    const insert = db.prepare('INSERT OR IGNORE INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      GEN_SIZES.forEach((n, i) => {
        for (const p of genHistory(i + 1, n)) {
          const nan = Number.isNaN(p.value);
          const value = nan ? 0 : p.value === Infinity ? DBL_MAX : p.value === -Infinity ? -DBL_MAX : p.value;
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

  it.each(GEN_SIZES.map((n, i) => [`gen${i}`, n]))('%s (%i points)', async (key) => {
    const store = new SqliteStore(path);
    await store.open();
    for (const req of SERIES_REQUESTS) {
      expect(await store.getMetricSeries(RUN, key, req)).toEqual(seriesOfHistory(key, await store.getMetricHistory(RUN, key), req));
    }
    await store.close();
  });

  it('for an unknown key (empty series) and an unknown run (NOT_FOUND)', async () => {
    const store = new SqliteStore(path);
    await store.open();
    expect(await store.getMetricSeries(RUN, 'nope', { buckets: 10 })).toEqual(seriesOfHistory('nope', [], { buckets: 10 }));
    await expect(store.getMetricSeries('d'.repeat(32), 'x', { buckets: 10 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await store.close();
  });

  it.each(FIXTURE_VERSIONS)('every metric of every run of the %s fixture', async (version) => {
    const store = new SqliteStore(fixtureDb(version));
    await store.open();
    const experiments = await store.listExperiments();
    const runs = await store.listRuns(experiments.map((e) => e.experimentId));
    let checked = 0;
    for (const run of runs) {
      for (const key of Object.keys(run.data.metrics)) {
        const history = await store.getMetricHistory(run.info.runId, key);
        for (const req of SERIES_REQUESTS) {
          expect(await store.getMetricSeries(run.info.runId, key, req)).toEqual(seriesOfHistory(key, history, req));
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    await store.close();
  });
});
