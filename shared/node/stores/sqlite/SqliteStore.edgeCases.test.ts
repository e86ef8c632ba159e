/**
 * Shapes real stores have that the fixtures do not: relative and proxied artifact URIs, 18-digit experiment
 * ids (stores migrated from a FileStore), thousands of runs (IN lists are chunked), a row MLflow could not
 * have written, renamed trace columns and the 3.8+ `spans` table. Built in a temp folder on the 3.1 schema.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from './SqliteStore';
import { fixtureDir, tempDir } from '../../../../test/support/sqlite';
import { openTestWriter } from '../../../../test/support/sqliteWriter';

const BIG_ID = '656436255107610868';
const RUN_COUNT = 2000;

function build(path: string): void {
  const db = openTestWriter(path);
  try {
    db.exec(readFileSync(join(fixtureDir('mlflow-3.1.2.dev0'), 'schema.sql'), 'utf8'));
    // The 'PAUSED' run below is what a hand-edited database might hold; MLflow's CHECK would refuse it.
    db.pragma('ignore_check_constraints = ON');
    db.exec(`INSERT INTO alembic_version VALUES ('cbc13b556ace');
      INSERT INTO experiments VALUES (1, 'rel', './mlruns/1', 'active', 1, 2);
      INSERT INTO experiments VALUES (2, 'proxied', 'mlflow-artifacts:/2', 'active', 1, 2);
      INSERT INTO experiments VALUES (${BIG_ID}, 'migrated', 'file:///C:/Users/dan/mlruns/${BIG_ID}', 'active', 1, 2);
      INSERT INTO experiment_tags VALUES ('k', 'v', ${BIG_ID});
      INSERT INTO runs (run_uuid, name, user_id, status, start_time, lifecycle_stage, artifact_uri, experiment_id) VALUES
        ('rel1', 'relative', 'u', 'FINISHED', 1, 'active', './mlruns/1/rel1/artifacts', 1),
        ('prox1', 'proxied', 'u', 'FINISHED', 1, 'active', 'mlflow-artifacts:/2/prox1/artifacts', 2),
        ('weird', 'weird', 'u', 'PAUSED', 1, 'active', '', 2);
      INSERT INTO logged_models VALUES ('m-gone', 2, 'model', 'x', 1, 2, 2, 'deleted', NULL, 'prox1', NULL);`);
    const insertRun = db.prepare(
      `INSERT INTO runs (run_uuid, name, user_id, status, start_time, lifecycle_stage, artifact_uri, experiment_id)
       VALUES (?, ?, 'u', 'FINISHED', ?, 'active', '', ${BIG_ID})`,
    );
    const insertParam = db.prepare('INSERT INTO params VALUES (?, ?, ?)');
    const insertMetric = db.prepare('INSERT INTO latest_metrics VALUES (?, ?, 1, 0, 0, ?)');
    db.transaction(() => {
      for (let i = 0; i < RUN_COUNT; i++) {
        const id = `big${String(i).padStart(5, '0')}`;
        insertRun.run(id, `run-${i}`, i);
        insertParam.run('i', String(i), id);
        insertMetric.run('score', i / 10, id);
      }
    })();
    // A schema that names trace columns the v3 way, with spans in the db.
    db.exec(`DROP TABLE trace_tags; DROP TABLE trace_request_metadata; DROP TABLE trace_info;
      CREATE TABLE trace_info (trace_id VARCHAR(50) PRIMARY KEY, experiment_id INTEGER NOT NULL, request_time BIGINT NOT NULL,
        execution_duration BIGINT, state VARCHAR(50) NOT NULL);
      CREATE TABLE trace_tags (key VARCHAR(250), value VARCHAR(8000), trace_id VARCHAR(50));
      CREATE TABLE trace_request_metadata (key VARCHAR(250), value VARCHAR(8000), trace_id VARCHAR(50));
      CREATE TABLE spans (trace_id VARCHAR(50), experiment_id INTEGER, span_id VARCHAR(50), start_time_unix_nano BIGINT,
        content TEXT NOT NULL);
      INSERT INTO trace_info VALUES ('tr-1', 2, 1000, 5, 'OK'), ('tr-2', 2, 2000, NULL, 'TRACE_STATUS_UNSPECIFIED');
      INSERT INTO trace_request_metadata VALUES ('mlflow.traceInputs', '{"q": 1}', 'tr-1');
      INSERT INTO trace_tags VALUES ('mlflow.traceName', 'ask', 'tr-1');
      INSERT INTO spans VALUES ('tr-1', 2, 'b', 20, '{"name": "child"}'), ('tr-1', 2, 'a', 10, '{"name": "root"}');`);
  } finally {
    db.close();
  }
}

describe('SqliteStore edge cases', () => {
  const { dir, cleanup } = tempDir();
  const store = new SqliteStore(join(dir, 'mlflow.db'));

  beforeAll(async () => {
    build(join(dir, 'mlflow.db'));
    for (const [folder, file] of [
      ['mlruns/1/rel1/artifacts', 'a.txt'],
      ['mlartifacts/2/prox1/artifacts', 'b.txt'],
    ] as const) {
      mkdirSync(join(dir, folder), { recursive: true });
      writeFileSync(join(dir, folder, file), file);
    }
    await store.open();
  });
  afterAll(async () => {
    try {
      await store.close();
    } finally {
      cleanup();
    }
  });

  it('keeps 18-digit experiment ids exact', async () => {
    const experiment = await store.getExperiment(BIG_ID);
    expect(experiment).toMatchObject({ experimentId: BIG_ID, name: 'migrated', tags: { k: 'v' } });
    const runs = await store.listRuns([BIG_ID]);
    expect(runs[0]?.info.experimentId).toBe(BIG_ID);
  });

  it('reads thousands of runs with their params and metrics through chunked IN lists', async () => {
    const runs = await store.listRuns([BIG_ID, '1']);
    expect(runs).toHaveLength(RUN_COUNT + 1);
    const last = runs.find((r) => r.info.runId === `big${String(RUN_COUNT - 1).padStart(5, '0')}`);
    expect(last?.data.params).toEqual({ i: String(RUN_COUNT - 1) });
    expect(last?.data.metrics['score']?.value).toBe((RUN_COUNT - 1) / 10);
    expect(
      runs.every((r) => Object.keys(r.data.params).length === 1 || r.info.runId === 'rel1'),
    ).toBe(true);
  });

  it('finds artifacts of relative and mlflow-artifacts: URIs beside the db', async () => {
    expect((await store.listArtifacts('rel1', '')).map((f) => f.path)).toEqual(['a.txt']);
    const bytes = await store.readArtifact('prox1', 'b.txt', 100);
    expect(Buffer.from(bytes.bytes).toString()).toBe('b.txt');
  });

  it('skips a run with a status MLflow does not know and reports it', async () => {
    const runs = await store.listRuns(['2']);
    expect(runs.map((r) => r.info.runId)).toEqual(['prox1']);
    expect(store.problems()).toEqual([
      expect.objectContaining({ message: expect.stringContaining("unknown status 'PAUSED'") }),
    ]);
    await expect(store.getRun('weird')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(store.problems()).toHaveLength(1);
  });

  it('hides deleted LoggedModels', async () => {
    expect(await store.listLoggedModels()).toEqual([]);
  });

  it('reads traces with v3 column names and spans from the spans table', async () => {
    const traces = await store.listTraces(['2']);
    expect(traces.map((t) => [t.traceId, t.state, t.requestTime, t.executionDurationMs])).toEqual([
      ['tr-2', 'STATE_UNSPECIFIED', 2000, null],
      ['tr-1', 'OK', 1000, 5],
    ]);
    expect(traces[1]).toMatchObject({
      requestPreview: '{"q": 1}',
      responsePreview: null,
      tags: { 'mlflow.traceName': 'ask' },
    });
    expect(await store.getTraceData('tr-1')).toEqual({
      spans: [{ name: 'root' }, { name: 'child' }],
    });
    expect(await store.getTraceData('tr-2')).toBeNull();
  });
});
