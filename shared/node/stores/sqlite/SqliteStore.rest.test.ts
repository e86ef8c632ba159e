/**
 * Cross-checks SqliteStore against what a real `mlflow server` answered on the very same mlflow.db
 * (test/fixtures/<version>/rest/), and checks that computing latest metrics from the history agrees with
 * MLflow's own `latest_metrics` table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareMetricPoints } from '../../../common/metrics';
import type { Metric } from '../../../common/types';
import { readLatestMetrics, readLatestMetricsFromHistory } from './metrics';
import { openDatabase } from './openDatabase';
import { SqliteConnection } from './SqliteConnection';
import { SqliteStore } from './SqliteStore';
import {
  FIXTURE_VERSIONS,
  fixtureDb,
  restJson,
  restMetricValue,
} from '../../../../test/support/sqlite';

interface RestMetric {
  key: string;
  value: number | string;
  timestamp: number;
  step: number;
}
interface RestRun {
  run: {
    info: {
      run_id: string;
      run_name: string;
      status: string;
      lifecycle_stage: string;
      end_time?: number;
    };
    data: {
      metrics?: RestMetric[];
      params?: { key: string; value: string }[];
      tags?: { key: string; value: string }[];
    };
    inputs?: { dataset_inputs?: { dataset: { name: string; digest: string } }[] };
    outputs?: { model_outputs?: { model_id: string; step: number }[] };
  };
}
interface IndexEntry {
  file: string;
  path: string;
  status: number;
  query?: Record<string, unknown>;
}

function fromRest(m: RestMetric): Metric {
  return { key: m.key, value: restMetricValue(m.value), timestamp: m.timestamp, step: m.step };
}

describe.each(FIXTURE_VERSIONS)('SqliteStore vs mlflow server on %s', (version) => {
  const store = new SqliteStore(fixtureDb(version));
  const index = restJson<IndexEntry[]>(version, 'index.json');
  beforeAll(() => store.open());
  afterAll(() => store.close());

  const runFiles = index
    .filter((e) => e.path === '/api/2.0/mlflow/runs/get' && e.status === 200)
    .map((e) => e.file);

  it.each(runFiles)('matches %s', async (file) => {
    const rest = restJson<RestRun>(version, file).run;
    // Runs created only through the server (experiment remote-proxied) are not in the fixture db.
    const run = await store.getRun(rest.info.run_id).catch(() => undefined);
    if (!run) return;
    expect(run.info.runName).toBe(rest.info.run_name);
    expect(run.info.status).toBe(rest.info.status);
    expect(run.info.lifecycleStage).toBe(rest.info.lifecycle_stage);
    expect(run.info.endTime).toBe(rest.info.end_time ?? null);
    const expected: Record<string, Metric> = {};
    for (const m of rest.data.metrics ?? []) expected[m.key] = fromRest(m);
    expect(run.data.metrics).toEqual(expected);
    expect(run.data.params).toEqual(
      Object.fromEntries((rest.data.params ?? []).map((p) => [p.key, p.value])),
    );
    expect(run.data.tags).toEqual(
      Object.fromEntries((rest.data.tags ?? []).map((t) => [t.key, t.value])),
    );
    expect(run.inputs.datasetInputs.map((i) => [i.dataset.name, i.dataset.digest])).toEqual(
      (rest.inputs?.dataset_inputs ?? []).map((i) => [i.dataset.name, i.dataset.digest]),
    );
    expect(run.outputs.modelOutputs).toEqual(
      (rest.outputs?.model_outputs ?? []).map((o) => ({ modelId: o.model_id, step: o.step })),
    );
  });

  const historyFiles = index
    .filter(
      (e) =>
        e.path === '/api/2.0/mlflow/metrics/get-history' &&
        e.status === 200 &&
        !e.query?.['page_token'],
    )
    .filter((e) => (restJson<{ metrics?: unknown[] }>(version, e.file).metrics ?? []).length > 0)
    .filter(
      (e) => e.query?.['max_results'] === undefined || Number(e.query['max_results']) >= 25000,
    );

  it.each(historyFiles.map((e) => [e.file, e] as const))('matches %s', async (_file, entry) => {
    const rest = restJson<{ metrics: RestMetric[] }>(version, entry.file).metrics.map(fromRest);
    const ours = await store.getMetricHistory(
      String(entry.query?.['run_id']),
      String(entry.query?.['metric_key']),
    );
    // The server's order within a step is its own; compare as sorted lists.
    expect([...ours].sort(compareMetricPoints)).toEqual([...rest].sort(compareMetricPoints));
  });

  it('has a history file to compare on this fixture', () => {
    expect(runFiles.length).toBeGreaterThan(3);
    if (version === 'mlflow-2.12.2.dev0') expect(historyFiles.length).toBeGreaterThan(3);
  });

  it('lists the model versions the server searched', async () => {
    const rest = restJson<{
      model_versions: { name: string; version: string; current_stage: string; run_id: string }[];
    }>(version, 'model-versions-search.all.json');
    const ours = await store.listModelVersions();
    const key = (v: { name: string; version: string }): string => `${v.name}/${v.version}`;
    expect(ours.map(key).sort()).toEqual(rest.model_versions.map(key).sort());
    for (const v of rest.model_versions) {
      const mine = ours.find((o) => key(o) === key(v));
      expect(mine).toMatchObject({ currentStage: v.current_stage, runId: v.run_id });
    }
  });

  it('computes the same latest metrics from the history as the latest_metrics table holds', () => {
    const { db } = openDatabase(fixtureDb(version));
    const conn = new SqliteConnection(db, fixtureDb(version));
    try {
      conn.schema.load();
      const ids = conn
        .all<{ run_uuid: string }>('SELECT run_uuid FROM runs')
        .map((r) => r.run_uuid);
      const table = readLatestMetrics(conn, ids);
      const computed = readLatestMetricsFromHistory(conn, ids);
      expect(table.size).toBeGreaterThan(25);
      expect(computed).toEqual(table);
    } finally {
      conn.close();
    }
  });
});
