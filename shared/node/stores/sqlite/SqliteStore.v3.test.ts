/**
 * MLflow 3 entities in the 3.1 fixture (LoggedModels, run → model outputs, traces); the 2.12 fixture has
 * none of their tables and must answer empty.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from './SqliteStore';
import { fixtureDb, fixtureIds, restJson } from '../../../../test/support/sqlite';

describe('SqliteStore MLflow 3 entities (3.1 fixture)', () => {
  const version = 'mlflow-3.1.2.dev0';
  const store = new SqliteStore(fixtureDb(version));
  const ids = fixtureIds(version);
  beforeAll(() => store.open());
  afterAll(() => store.close());

  it('lists the 3 LoggedModels like logged-models/get', async () => {
    const models = await store.listLoggedModels();
    expect(models).toHaveLength(3);
    expect(new Set(models.map((m) => m.sourceRunId))).toEqual(new Set(ids.model_runs));
    const rest = restJson<{
      model: {
        info: {
          model_id: string;
          status: string;
          artifact_uri: string;
          tags: { key: string; value: string }[];
        };
        data: {
          params: { key: string; value: string }[];
          metrics: { key: string; value: number; step: number }[];
        };
      };
    }>(version, 'logged-models-get.json').model;
    const model = models.find((m) => m.modelId === rest.info.model_id);
    expect(model).toMatchObject({
      experimentId: '1',
      name: 'model',
      status: rest.info.status,
      artifactUri: rest.info.artifact_uri,
    });
    expect(model?.tags).toEqual(Object.fromEntries(rest.info.tags.map((t) => [t.key, t.value])));
    expect(model?.params).toEqual(
      Object.fromEntries(rest.data.params.map((p) => [p.key, p.value])),
    );
    expect(model?.metrics.map((m) => [m.key, m.value, m.step]).sort()).toEqual(
      rest.data.metrics.map((m) => [m.key, m.value, m.step]).sort(),
    );
    expect(model?.metrics[0]?.runId).toBe(model?.sourceRunId);
    expect(await store.listLoggedModels(['1'])).toHaveLength(3);
    expect(await store.listLoggedModels(['2', '3'])).toEqual([]);
  });

  it('links runs to the LoggedModels they produced', async () => {
    const run = await store.getRun(ids.runs['iris-0'] ?? '');
    const models = await store.listLoggedModels();
    const own = models.find((m) => m.sourceRunId === run.info.runId);
    expect(run.outputs.modelOutputs).toEqual([{ modelId: own?.modelId, step: 0 }]);
  });

  it('reads LoggedModel artifacts rebased under the db folder', async () => {
    const [model] = await store.listLoggedModels(['1']);
    const files = await store.listLoggedModelArtifacts(model?.modelId ?? '', '');
    expect(files.map((f) => f.path)).toContain('MLmodel');
    const mlmodel = await store.readLoggedModelArtifact(model?.modelId ?? '', 'MLmodel', 1 << 16);
    expect(Buffer.from(mlmodel.bytes).toString('utf8')).toContain('flavors');
    await expect(store.listLoggedModelArtifacts('m-nope', '')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('fills model ids of versions registered from a LoggedModel', async () => {
    const versions = await store.listModelVersions();
    const small = versions.filter((v) => v.name === 'iris-logreg-small');
    expect(small.every((v) => v.modelId?.startsWith('m-'))).toBe(true);
    expect(versions.find((v) => v.name === 'iris-classifier')?.modelId).toBeNull();
  });

  it('lists the 3 traces, one ERROR, with tags and request metadata', async () => {
    const traces = await store.listTraces();
    expect(traces).toHaveLength(3);
    expect(traces.map((t) => t.state).sort()).toEqual(['ERROR', 'OK', 'OK']);
    interface RestTrace {
      trace_id: string;
      state: string;
      tags: Record<string, string>;
      trace_metadata: Record<string, string>;
      request_preview: string;
      response_preview: string;
    }
    const rest = restJson<{ traces: RestTrace[] }>(version, 'traces-search.v3.json');
    for (const t of rest.traces) {
      const ours = traces.find((x) => x.traceId === t.trace_id);
      expect(ours).toMatchObject({
        experimentId: '3',
        state: t.state,
        tags: t.tags,
        requestMetadata: t.trace_metadata,
        requestPreview: t.request_preview,
        responsePreview: t.response_preview,
      });
    }
    expect(traces.map((t) => t.traceId)).toEqual(rest.traces.map((t) => t.trace_id));
    expect(await store.listTraces(['1'])).toEqual([]);
    expect(await store.listTraces(['3'])).toHaveLength(3);
  });

  it('reads span data from traces.json under the rebased artifact location', async () => {
    const [trace] = await store.listTraces();
    const data = (await store.getTraceData(trace?.traceId ?? '')) as { spans: { name: string }[] };
    expect(data.spans.length).toBeGreaterThan(0);
    expect(data.spans[0]?.name).toBe(trace?.tags['mlflow.traceName']);
    await expect(store.getTraceData('tr-nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('SqliteStore MLflow 3 entities on a 2.12 store', () => {
  const store = new SqliteStore(fixtureDb('mlflow-2.12.2.dev0'));
  beforeAll(() => store.open());
  afterAll(() => store.close());

  it('answers empty where 2.12 has no tables', async () => {
    expect(await store.listLoggedModels()).toEqual([]);
    expect(await store.listTraces()).toEqual([]);
    await expect(store.getTraceData('tr-x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const runs = await store.listRuns(['1']);
    expect(runs.every((r) => r.outputs.modelOutputs.length === 0)).toBe(true);
    expect((await store.listModelVersions()).every((v) => v.modelId === null)).toBe(true);
  });
});
