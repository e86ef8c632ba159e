/**
 * FileStore on the real stores written by MLflow 2.12 and 3.1 (test/fixtures/*; content described in
 * their READMEs, ids in ids-file.json).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../../common/types';
import { FileStore } from './FileStore';

const FIXTURES = resolve(import.meta.dirname, '../../../../test/fixtures');
const VERSIONS = ['mlflow-2.12.2.dev0', 'mlflow-3.1.2.dev0'] as const;

interface Ids {
  experiments: Record<string, string>;
  runs: Record<string, string>;
  model_runs: string[];
}

function loadIds(version: string): Ids {
  return JSON.parse(readFileSync(join(FIXTURES, version, 'ids-file.json'), 'utf8')) as Ids;
}

function idOf(map: Record<string, string>, name: string): string {
  const id = map[name];
  if (id === undefined) throw new Error(`no '${name}' in ids-file.json`);
  return id;
}

describe.each(VERSIONS)('FileStore on %s', (version) => {
  const ids = loadIds(version);
  const run = (name: string): string => idOf(ids.runs, name);
  let store: FileStore;
  let runs: Run[];
  const byName = (name: string): Run => {
    const found = runs.find((r) => r.info.runName === name);
    if (!found) throw new Error(`no run named ${name}`);
    return found;
  };

  beforeAll(async () => {
    store = new FileStore(join(FIXTURES, version, 'mlruns'));
    await store.open();
    runs = await store.listRuns((await store.listExperiments()).map((e) => e.experimentId));
  });

  it('lists the 5 experiments, the trashed one deleted, with tags from tags/ files', async () => {
    const experiments = await store.listExperiments();
    expect(experiments.map((e) => e.name).sort()).toEqual([
      'Default',
      'iris-classification',
      'llm-eval ✨',
      'scratch-deleted',
      'team-a/forecasting',
    ]);
    const deleted = experiments.filter((e) => e.lifecycleStage === 'deleted');
    expect(deleted.map((e) => e.experimentId)).toEqual([idOf(ids.experiments, 'scratch_deleted')]);
    const iris = await store.getExperiment(idOf(ids.experiments, 'iris'));
    expect(iris.tags['mlflow.note.content']).toBeTruthy();
    expect(iris.creationTime).toBeGreaterThan(0);
    expect((await store.getExperiment('0')).name).toBe('Default');
    expect(store.problems()).toEqual([]);
  });

  it('reads all 31 runs with their statuses and lifecycle', () => {
    expect(runs).toHaveLength(31);
    const statuses: Record<string, number> = {};
    for (const r of runs) statuses[r.info.status] = (statuses[r.info.status] ?? 0) + 1;
    expect(statuses).toEqual({ FAILED: 1, FINISHED: 28, KILLED: 1, RUNNING: 1 });
    expect(runs.filter((r) => r.info.lifecycleStage === 'deleted')).toHaveLength(3);
    expect(byName('oops-wrong-data').info.lifecycleStage).toBe('deleted');
    const running = runs.find((r) => r.info.runId === run('fc-9'));
    expect(running?.info.status).toBe('RUNNING');
    expect(running?.info.endTime).toBeNull();
    expect(runs.find((r) => r.info.runId === run('fc-7'))?.info.status).toBe('FAILED');
    expect(runs.find((r) => r.info.runId === run('fc-8'))?.info.status).toBe('KILLED');
  });

  it('reads params: 114 in total, a slash key, a multi-line value', () => {
    expect(runs.reduce((n, r) => n + Object.keys(r.data.params).length, 0)).toBe(114);
    const c0 = byName('logreg-C0');
    expect(Object.keys(c0.data.params)).toContain('optimizer/lr');
    expect(byName('eval-prompt-v0').data.params['prompt_template']).toBe(
      'Answer the question: {question}\nBe concise.',
    );
    expect(c0.data.params['long_param']).toHaveLength(300);
  });

  it('reads tags, the parent link and the run name', () => {
    const refit = byName('hp-sweep-trial-2-refit');
    const trial = byName('hp-sweep-trial-2');
    expect(refit.data.tags['mlflow.parentRunId']).toBe(trial.info.runId);
    expect(byName('logreg-C0').info.userId).toBe('alice');
  });

  it('keeps NaN and ±inf, and the latest value is by (step, timestamp, value)', async () => {
    const fc4 = run('fc-4');
    const mape = await store.getMetricHistory(fc4, 'mape');
    const at = (step: number): number | undefined => mape.find((p) => p.step === step)?.value;
    expect(at(3)).toBeNaN();
    expect(at(11)).toBeNaN();
    expect(at(5)).toBe(Infinity);
    expect(at(6)).toBe(-Infinity);
    const r = await store.getRun(fc4);
    expect(r.info.runName).toBe('prophet-04');
    expect(r.data.metrics['rmse']?.value).toBeNaN();
  });

  it('keeps a duplicated step of lr and returns histories sorted by step', async () => {
    const lr = await store.getMetricHistory(run('iris-0'), 'lr');
    const at42 = lr.filter((p) => p.step === 42);
    expect(at42).toHaveLength(2);
    expect(at42[0]?.timestamp).toBeLessThan(at42[1]?.timestamp ?? 0);
    for (let i = 1; i < lr.length; i++)
      expect(lr[i]?.step).toBeGreaterThanOrEqual(lr[i - 1]?.step ?? 0);
    expect(await store.getMetricHistory(run('iris-0'), 'no-such-metric')).toEqual([]);
  });

  it('reads a nested slash metric key', async () => {
    const c0 = await store.getRun(run('iris-0'));
    expect(c0.data.metrics['system/cpu_utilization_percentage']?.step).toBe(0);
    const cpu = await store.getMetricHistory(run('iris-0'), 'system/cpu_utilization_percentage');
    expect(new Set(cpu.map((p) => `${p.timestamp} ${p.value}`)).size).toBe(60);
    // 3.1's log_model appended every point of the run's metrics again: exact duplicates are kept.
    expect(cpu).toHaveLength(version === 'mlflow-3.1.2.dev0' ? 120 : 60);
  });

  it('links the dataset inputs of logreg runs', () => {
    const withInputs = runs.filter((r) => r.inputs.datasetInputs.length > 0);
    expect(withInputs.map((r) => r.info.runName).sort()).toEqual(['logreg-C0', 'logreg-C1']);
    const inputs = byName('logreg-C0').inputs.datasetInputs;
    const iris = inputs.find((i) => i.dataset.name === 'iris');
    expect(iris?.tags).toEqual({ 'mlflow.data.context': 'training', split: 'train' });
    expect(iris?.dataset.sourceType).toBe('http');
    expect(JSON.parse(iris?.dataset.source ?? '')).toEqual({
      url: 'https://example.com/data/iris.csv',
    });
    expect(JSON.parse(iris?.dataset.schema ?? '')).toHaveProperty('mlflow_colspec');
    expect(inputs.find((i) => i.dataset.name === 'iris-eval')?.tags['mlflow.data.context']).toBe(
      'eval',
    );
  });

  it('lists and reads artifacts, nested folders included, and rejects path traversal', async () => {
    const id = run('iris-0');
    const top = await store.listArtifacts(id, '');
    expect(top.filter((f) => f.isDir).map((f) => f.path)).toEqual(
      expect.arrayContaining(['config', 'logs', 'plots', 'reports']),
    );
    const perClass = await store.listArtifacts(id, 'reports/eval/per_class');
    expect(perClass.map((f) => f.path)).toEqual([
      'reports/eval/per_class/setosa.json',
      'reports/eval/per_class/versicolor.json',
      'reports/eval/per_class/virginica.json',
    ]);
    const log = await store.readArtifact(id, 'logs/train.log', 1 << 20);
    expect(log.size).toBeGreaterThan(0);
    expect(Buffer.from(log.bytes).toString('utf8').length).toBe(log.size);
    const head = await store.readArtifact(id, 'plots/loss_curve.png', 8);
    expect(Buffer.from(head.bytes).subarray(1, 4).toString('latin1')).toBe('PNG');
    await expect(store.readArtifact(id, '../meta.yaml', 100)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(store.listArtifacts(id, '../../..')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(store.readArtifact(id, 'logs/missing.log', 100)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('throws NOT_FOUND for an unknown run or experiment', async () => {
    await expect(store.getRun('0123456789abcdef0123456789abcdef')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(store.getRun('../0')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.getMetricHistory('nope', 'loss')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(store.getExperiment('424242')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await store.listRuns(['424242'])).toEqual([]);
  });

  it('reads the registry: models, stages, aliases, tags, descriptions', async () => {
    const models = await store.listRegisteredModels();
    expect(models.map((m) => m.name)).toEqual([
      'forecast-model',
      'iris-classifier',
      'iris-logreg-small',
      'undocumented-model',
    ]);
    const classifier = models.find((m) => m.name === 'iris-classifier');
    expect(classifier?.tags).toEqual({ task: 'classification', owner: 'alice' });
    expect(classifier?.aliases).toEqual([
      { alias: 'challenger', version: '3' },
      { alias: 'champion', version: '2' },
    ]);
    expect(classifier?.latestVersions.map((v) => [v.version, v.currentStage])).toEqual([
      ['1', 'Archived'],
      ['2', 'Production'],
      ['3', 'Staging'],
    ]);
    const undocumented = models.find((m) => m.name === 'undocumented-model');
    expect(undocumented?.description).toBeNull();
    expect(undocumented?.tags).toEqual({});
    const forecast = models.find((m) => m.name === 'forecast-model');
    expect(forecast?.latestVersions).toEqual([]);
    expect(forecast?.description).toBeTruthy();

    const versions = await store.listModelVersions();
    const v2 = versions.find((v) => v.name === 'iris-classifier' && v.version === '2');
    expect(v2?.aliases).toEqual(['champion']);
    expect(v2?.tags['approved_by']).toBe('bob');
    expect(v2?.description).toBeNull();
    expect(
      versions.find((v) => v.name === 'iris-classifier' && v.version === '3')?.description,
    ).toBeTruthy();
    expect(
      versions.find((v) => v.name === 'iris-logreg-small' && v.version === '2')?.aliases,
    ).toEqual(['prod']);
  });
});

describe('FileStore registry differences between 2.12 and 3.1', () => {
  it('2.12 hides the deleted version 3 of iris-logreg-small', async () => {
    const store = new FileStore(join(FIXTURES, 'mlflow-2.12.2.dev0', 'mlruns'));
    await store.open();
    const versions = (await store.listModelVersions()).filter(
      (v) => v.name === 'iris-logreg-small',
    );
    expect(versions.map((v) => [v.version, v.currentStage])).toEqual([
      ['1', 'None'],
      ['2', 'Production'],
    ]);
    expect(await store.listLoggedModels()).toEqual([]);
    expect(await store.listTraces()).toEqual([]);
  });

  it('3.1 kept v2 in stage None and v3 undeleted (the failed operations)', async () => {
    const store = new FileStore(join(FIXTURES, 'mlflow-3.1.2.dev0', 'mlruns'));
    await store.open();
    const versions = (await store.listModelVersions()).filter(
      (v) => v.name === 'iris-logreg-small',
    );
    expect(versions.map((v) => [v.version, v.currentStage])).toEqual([
      ['1', 'None'],
      ['2', 'None'],
      ['3', 'None'],
    ]);
    expect(versions.find((v) => v.version === '3')?.modelId).toMatch(/^m-[0-9a-f]{32}$/);
    const model = (await store.listRegisteredModels()).find((m) => m.name === 'iris-logreg-small');
    expect(model?.latestVersions.map((v) => v.version)).toEqual(['3']);
  });
});

describe('FileStore 3.1 LoggedModels and traces', () => {
  const ids = loadIds('mlflow-3.1.2.dev0');
  const store = new FileStore(join(FIXTURES, 'mlflow-3.1.2.dev0', 'mlruns'));

  it('lists the 3 LoggedModels with 4-column metrics, params and tags', async () => {
    await store.open();
    const models = await store.listLoggedModels();
    expect(models).toHaveLength(3);
    expect(models.map((m) => m.sourceRunId).sort()).toEqual([...ids.model_runs].sort());
    for (const m of models) {
      expect(m.experimentId).toBe(idOf(ids.experiments, 'iris'));
      expect(m.status).toBe('LOGGED_MODEL_READY');
      expect(m.name).toBe('model');
      expect(m.params['optimizer/lr']).toBeDefined();
      expect(m.tags['mlflow.modelVersions']).toContain('"name"');
      expect([...new Set(m.metrics.map((x) => x.key))]).toEqual(
        expect.arrayContaining(['accuracy', 'auc', 'f1', 'loss', 'train_time_s', 'val_loss']),
      );
      for (const x of m.metrics) expect(x.runId).toBe(m.sourceRunId);
    }
    expect(await store.listLoggedModels(['424242'])).toEqual([]);
  });

  it('links runs to their LoggedModels (outputs)', async () => {
    const c0 = await store.getRun(idOf(ids.runs, 'iris-0'));
    const model = (await store.listLoggedModels()).find((m) => m.sourceRunId === c0.info.runId);
    expect(c0.outputs.modelOutputs).toEqual([{ modelId: model?.modelId, step: 0 }]);
  });

  it('lists and reads LoggedModel artifacts', async () => {
    const [model] = await store.listLoggedModels();
    if (!model) throw new Error('no LoggedModel');
    const files = await store.listLoggedModelArtifacts(model.modelId, '');
    expect(files.map((f) => f.path)).toContain('MLmodel');
    const mlmodel = await store.readLoggedModelArtifact(model.modelId, 'MLmodel', 1 << 16);
    expect(Buffer.from(mlmodel.bytes).toString('utf8')).toContain('flavors');
    await expect(store.listLoggedModelArtifacts('m-nope', '')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('lists the 3 traces, one ERROR, with metadata and tags', async () => {
    const traces = await store.listTraces();
    expect(traces).toHaveLength(3);
    expect(traces.map((t) => t.state).sort()).toEqual(['ERROR', 'OK', 'OK']);
    const error = traces.find((t) => t.state === 'ERROR');
    expect(error?.tags['mlflow.traceName']).toBe('broken');
    expect(error?.requestMetadata['mlflow.traceOutputs']).toBe('');
    expect(error?.requestPreview).toBe('{"x": 1}');
    expect(error?.requestTime).toBe(Date.parse('2026-11-26T10:24:56.826Z'));
    expect(error?.executionDurationMs).toBe(1);
    expect(error?.experimentId).toBe(idOf(ids.experiments, 'llm'));
    expect(await store.listTraces([idOf(ids.experiments, 'iris')])).toEqual([]);
  });

  it('reads trace data (spans) and rejects unknown traces', async () => {
    const [trace] = await store.listTraces();
    if (!trace) throw new Error('no trace');
    const data = (await store.getTraceData(trace.traceId)) as { spans: unknown[] };
    expect(data.spans.length).toBeGreaterThan(0);
    await expect(store.getTraceData('tr-nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
