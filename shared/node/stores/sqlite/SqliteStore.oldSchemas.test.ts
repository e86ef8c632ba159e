/**
 * Databases of older MLflow schemas, built in a temp folder from MLflow's alembic history:
 * - 0.9 (`initial_models.py`, before any migration): metrics without step/is_nan, no alembic_version,
 *   no experiment_tags;
 * - 1.x at df50e92ffc5e: step and is_nan, experiment_tags, but no latest_metrics, no registry;
 * - 1.x at 84291f40a231: latest_metrics and the registry with tags and run_link, but no aliases,
 *   storage_location, datasets, experiment timestamps.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from './SqliteStore';
import { createDb, tempDir } from '../../../../test/support/sqlite';

const V09_TABLES = `
CREATE TABLE experiments (experiment_id INTEGER NOT NULL, name VARCHAR(256) NOT NULL, artifact_location VARCHAR(256),
  lifecycle_stage VARCHAR(32), CONSTRAINT experiment_pk PRIMARY KEY (experiment_id), UNIQUE (name));
CREATE TABLE runs (run_uuid VARCHAR(32) NOT NULL, name VARCHAR(250), source_type VARCHAR(20), source_name VARCHAR(500),
  entry_point_name VARCHAR(50), user_id VARCHAR(256), status VARCHAR(20), start_time BIGINT, end_time BIGINT,
  source_version VARCHAR(50), lifecycle_stage VARCHAR(20), artifact_uri VARCHAR(200), experiment_id INTEGER,
  CONSTRAINT run_pk PRIMARY KEY (run_uuid), FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id));
CREATE TABLE tags (key VARCHAR(250) NOT NULL, value VARCHAR(250), run_uuid VARCHAR(32) NOT NULL,
  CONSTRAINT tag_pk PRIMARY KEY (key, run_uuid));
CREATE TABLE params (key VARCHAR(250) NOT NULL, value VARCHAR(250) NOT NULL, run_uuid VARCHAR(32) NOT NULL,
  CONSTRAINT param_pk PRIMARY KEY (key, run_uuid));
`;

const V09 = `${V09_TABLES}
CREATE TABLE metrics (key VARCHAR(250) NOT NULL, value FLOAT, timestamp BIGINT NOT NULL, run_uuid VARCHAR(32) NOT NULL,
  CONSTRAINT metric_pk PRIMARY KEY (key, timestamp, run_uuid));
INSERT INTO experiments VALUES (0, 'Default', './mlruns/0', 'active');
INSERT INTO runs VALUES ('r0', 'first run', 'LOCAL', 'train.py', NULL, 'ann', 'FINISHED', 1000, 2000, NULL, 'active',
  './mlruns/0/r0/artifacts', 0);
INSERT INTO params VALUES ('alpha', '0.5', 'r0');
INSERT INTO metrics VALUES ('rmse', 0.9, 1000, 'r0'), ('rmse', 0.7, 3000, 'r0'), ('rmse', NULL, 2000, 'r0'),
  ('mae', NULL, 5000, 'r0');
`;

const V1_CORE = `${V09_TABLES}
CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
CREATE TABLE experiment_tags (key VARCHAR(250) NOT NULL, value VARCHAR(5000), experiment_id INTEGER NOT NULL,
  CONSTRAINT experiment_tag_pk PRIMARY KEY (key, experiment_id));
CREATE TABLE metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT NOT NULL,
  run_uuid VARCHAR(32) NOT NULL, step BIGINT DEFAULT '0' NOT NULL, is_nan BOOLEAN DEFAULT '0' NOT NULL,
  CONSTRAINT metric_pk PRIMARY KEY (key, timestamp, step, run_uuid, value, is_nan));
INSERT INTO experiments VALUES (0, 'Default', './mlruns/0', 'active'), (1, 'old', '/home/bob/mlruns/1', 'active'),
  (2, 'gone', '/home/bob/mlruns/2', 'deleted');
INSERT INTO experiment_tags VALUES ('mlflow.note.content', 'Old experiment', 1);
INSERT INTO runs VALUES
  ('a1', '', 'LOCAL', 'train.py', NULL, 'bob', 'FINISHED', 1000, 2000, NULL, 'active', '/home/bob/mlruns/1/a1/artifacts', 1),
  ('a2', '', 'LOCAL', 'train.py', NULL, NULL, 'KILLED', 3000, 4000, NULL, 'active', '/home/bob/mlruns/1/a2/artifacts', 1),
  ('a3', '', 'LOCAL', 'train.py', NULL, 'bob', 'RUNNING', 5000, NULL, NULL, 'active', '/home/bob/mlruns/2/a3/artifacts', 2);
INSERT INTO tags VALUES ('mlflow.runName', 'named-by-tag', 'a1'), ('mlflow.user', 'carol', 'a2');
INSERT INTO params VALUES ('lr', '0.1', 'a1'), ('lr', '0.2', 'a2');
-- step 5 is the latest even though it was logged first; at step 7 NaN ties with 0.5 at the same timestamp.
INSERT INTO metrics VALUES ('loss', 0.2, 9000, 'a1', 5, 0), ('loss', 0.9, 1000, 'a1', 0, 0), ('loss', 0.4, 9500, 'a1', 3, 0),
  ('acc', 0, 100, 'a1', 7, 1), ('acc', 0.5, 100, 'a1', 7, 0), ('acc', 0.1, 50, 'a1', 1, 0),
  ('big', 1.7976931348623157e308, 10, 'a2', 0, 0), ('small', -1.7976931348623157e308, 10, 'a2', 0, 0),
  ('nan', 0, 10, 'a2', 0, 1);
`;

const V1_REGISTRY = `${V1_CORE}
INSERT INTO alembic_version VALUES ('84291f40a231');
CREATE TABLE latest_metrics (key VARCHAR(250) NOT NULL, value FLOAT NOT NULL, timestamp BIGINT, step BIGINT NOT NULL,
  is_nan BOOLEAN NOT NULL, run_uuid VARCHAR(32) NOT NULL, CONSTRAINT latest_metric_pk PRIMARY KEY (key, run_uuid));
INSERT INTO latest_metrics VALUES ('loss', 0.2, 9000, 5, 0, 'a1'), ('acc', 0.5, 100, 7, 0, 'a1'),
  ('big', 1.7976931348623157e308, 10, 0, 0, 'a2'), ('small', -1.7976931348623157e308, 10, 0, 0, 'a2'), ('nan', 0, 10, 0, 1, 'a2');
CREATE TABLE registered_models (name VARCHAR(256) NOT NULL, creation_time BIGINT, last_updated_time BIGINT,
  description VARCHAR(5000), CONSTRAINT registered_model_pk PRIMARY KEY (name));
CREATE TABLE model_versions (name VARCHAR(256) NOT NULL, version INTEGER NOT NULL, creation_time BIGINT,
  last_updated_time BIGINT, description VARCHAR(5000), user_id VARCHAR(256), current_stage VARCHAR(20),
  source VARCHAR(500), run_id VARCHAR(32) NOT NULL, status VARCHAR(20), status_message VARCHAR(500),
  run_link VARCHAR(500), CONSTRAINT model_version_pk PRIMARY KEY (name, version));
CREATE TABLE registered_model_tags (key VARCHAR(250) NOT NULL, value VARCHAR(5000), name VARCHAR(256) NOT NULL,
  CONSTRAINT registered_model_tag_pk PRIMARY KEY (key, name));
CREATE TABLE model_version_tags (key VARCHAR(250) NOT NULL, value VARCHAR(5000), name VARCHAR(256) NOT NULL,
  version INTEGER NOT NULL, CONSTRAINT model_version_tag_pk PRIMARY KEY (key, name, version));
INSERT INTO registered_models VALUES ('churn', 10, 20, NULL);
INSERT INTO registered_model_tags VALUES ('team', 'growth', 'churn');
INSERT INTO model_versions VALUES
  ('churn', 1, 11, 12, NULL, NULL, 'Production', '/home/bob/mlruns/1/a1/artifacts/model', 'a1', 'READY', NULL, NULL),
  ('churn', 2, 13, 14, 'newer', NULL, 'Production', '/home/bob/mlruns/1/a2/artifacts/model', 'a2', 'READY', NULL, NULL),
  ('churn', 3, 15, 16, NULL, NULL, 'Deleted_Internal', 'REDACTED-SOURCE-PATH', 'REDACTED-RUN-ID', 'READY', NULL, NULL);
INSERT INTO model_version_tags VALUES ('checked', 'yes', 'churn', 2);
`;

const V1_NO_LATEST = `${V1_CORE}
INSERT INTO alembic_version VALUES ('df50e92ffc5e');
`;

describe('SqliteStore on old schemas', () => {
  let cleanup: () => void;
  let dir: string;
  beforeAll(() => ({ dir, cleanup } = tempDir()));
  afterAll(() => cleanup());

  async function storeOf(name: string, sql: string): Promise<SqliteStore> {
    const path = join(dir, `${name}.db`);
    createDb(path, sql);
    const store = new SqliteStore(path);
    await store.open();
    return store;
  }

  it('reads a 0.9 database (no step, no is_nan: NULL values are NaN)', async () => {
    const store = await storeOf('v09', V09);
    expect(store.schemaVersion()).toBeUndefined();
    const [exp] = await store.listExperiments();
    expect(exp).toMatchObject({
      experimentId: '0',
      name: 'Default',
      tags: {},
      creationTime: null,
      lastUpdateTime: null,
    });
    const [run] = await store.listRuns(['0']);
    expect(run?.info).toMatchObject({ runName: 'first run', userId: 'ann', status: 'FINISHED' });
    expect(run?.data.params).toEqual({ alpha: '0.5' });
    expect(run?.data.metrics['rmse']).toEqual({
      key: 'rmse',
      value: 0.7,
      timestamp: 3000,
      step: 0,
    });
    expect(run?.data.metrics['mae']?.value).toBeNaN();
    const history = await store.getMetricHistory('r0', 'rmse');
    expect(history.map((m) => m.timestamp)).toEqual([1000, 2000, 3000]);
    expect(history[1]?.value).toBeNaN();
    expect(run?.inputs.datasetInputs).toEqual([]);
    expect(await store.listRegisteredModels()).toEqual([]);
    expect(await store.listModelVersions()).toEqual([]);
    await store.close();
  });

  for (const [label, sql, version] of [
    ['without latest_metrics', V1_NO_LATEST, 'df50e92ffc5e'],
    ['with latest_metrics and the registry', V1_REGISTRY, '84291f40a231'],
  ] as const) {
    it(`reads a 1.x database ${label}`, async () => {
      const store = await storeOf(version, sql);
      expect(store.schemaVersion()).toBe(version);
      const experiments = await store.listExperiments();
      expect(experiments.map((e) => [e.experimentId, e.lifecycleStage, e.creationTime])).toEqual([
        ['0', 'active', null],
        ['1', 'active', null],
        ['2', 'deleted', null],
      ]);
      expect(experiments[1]?.tags).toEqual({ 'mlflow.note.content': 'Old experiment' });
      const runs = await store.listRuns(['1', '2']);
      const byId = new Map(runs.map((r) => [r.info.runId, r]));
      expect(byId.get('a1')?.info.runName).toBe('named-by-tag');
      expect(byId.get('a2')?.info).toMatchObject({
        runName: '',
        userId: 'carol',
        status: 'KILLED',
      });
      expect(byId.get('a3')?.info).toMatchObject({
        lifecycleStage: 'deleted',
        status: 'RUNNING',
        endTime: null,
      });
      const a1 = byId.get('a1')?.data.metrics;
      expect(a1?.['loss']).toEqual({ key: 'loss', value: 0.2, timestamp: 9000, step: 5 });
      expect(a1?.['acc']).toEqual({ key: 'acc', value: 0.5, timestamp: 100, step: 7 });
      const a2 = byId.get('a2')?.data.metrics;
      expect(a2?.['big']?.value).toBe(Infinity);
      expect(a2?.['small']?.value).toBe(-Infinity);
      expect(a2?.['nan']?.value).toBeNaN();
      const acc = await store.getMetricHistory('a1', 'acc');
      expect(acc.map((m) => m.step)).toEqual([1, 7, 7]);
      expect(await store.listLoggedModels()).toEqual([]);
      expect(await store.listTraces()).toEqual([]);
      await store.close();
    });
  }

  it('reads a 1.x registry without aliases or storage_location', async () => {
    const store = await storeOf('registry', V1_REGISTRY);
    const [model] = await store.listRegisteredModels();
    expect(model).toMatchObject({
      name: 'churn',
      description: null,
      tags: { team: 'growth' },
      aliases: [],
    });
    expect(model?.latestVersions.map((v) => v.version)).toEqual(['2']);
    const versions = await store.listModelVersions();
    expect(versions.map((v) => v.version)).toEqual(['1', '2']);
    expect(versions[1]).toMatchObject({
      description: 'newer',
      tags: { checked: 'yes' },
      aliases: [],
      modelId: null,
      runLink: null,
    });
    await store.close();
  });
});
