/**
 * SqliteStore on the two mlflow.db fixtures written by real MLflow (2.12 and 3.1): the content their
 * READMEs describe.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../../common/errors';
import type { Run } from '../../../common/types';
import { SqliteStore } from './SqliteStore';
import { FIXTURE_VERSIONS, fixtureDb, fixtureIds } from '../../../../test/support/sqlite';

const ALEMBIC: Record<string, string> = {
  'mlflow-2.12.2.dev0': 'acf3f17fdcc7',
  'mlflow-3.1.2.dev0': 'cbc13b556ace',
};

describe.each(FIXTURE_VERSIONS)('SqliteStore on %s', (version) => {
  const store = new SqliteStore(fixtureDb(version));
  const ids = fixtureIds(version);
  let runs: Run[];
  const byName = (name: string): Run => {
    const run = runs.find((r) => r.info.runName === name);
    if (!run) throw new Error(`no run ${name}`);
    return run;
  };

  beforeAll(async () => {
    await store.open();
    runs = await store.listRuns((await store.listExperiments()).map((e) => e.experimentId));
  });
  afterAll(() => store.close());

  it('opens read-only and knows its schema', () => {
    expect(store.kind).toBe('sqlite');
    expect(store.location).toBe(fixtureDb(version));
    expect(store.schemaVersion()).toBe(ALEMBIC[version]);
    expect(store.problems()).toEqual([]);
  });

  it('lists the 5 experiments, deleted one included, with tags and times', async () => {
    const experiments = await store.listExperiments();
    expect(experiments.map((e) => e.name)).toEqual([
      'Default',
      'iris-classification',
      'team-a/forecasting',
      'llm-eval ✨',
      'scratch-deleted',
    ]);
    expect(experiments.map((e) => e.experimentId)).toEqual(['0', '1', '2', '3', '4']);
    expect(experiments.filter((e) => e.lifecycleStage === 'deleted').map((e) => e.name)).toEqual([
      'scratch-deleted',
    ]);
    const iris = await store.getExperiment(ids.experiments.iris ?? '');
    expect(iris.tags['mlflow.note.content']).toBeTruthy();
    expect(iris.creationTime).toBeGreaterThan(1_700_000_000_000);
    expect(iris.artifactLocation).toMatch(/mlartifacts\/1$/);
    const llm = experiments.find((e) => e.name === 'llm-eval ✨');
    expect(llm?.tags['mlflow.note.content']).toBeUndefined();
    await expect(store.getExperiment('99')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(store.getExperiment('not-a-number')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists the 31 runs with their statuses and lifecycle', () => {
    expect(runs).toHaveLength(31);
    const statuses: Record<string, number> = {};
    for (const r of runs) statuses[r.info.status] = (statuses[r.info.status] ?? 0) + 1;
    expect(statuses).toEqual({ FAILED: 1, FINISHED: 28, KILLED: 1, RUNNING: 1 });
    const deleted = runs
      .filter((r) => r.info.lifecycleStage === 'deleted')
      .map((r) => r.info.runName)
      .sort();
    expect(deleted).toEqual(['oops-wrong-data', 'scratch-0', 'scratch-1']);
    expect(byName('prophet-09').info.endTime).toBeNull();
    expect(byName('prophet-09').info.status).toBe('RUNNING');
    expect(byName('logreg-C0').info).toMatchObject({
      runId: ids.runs['iris-0'],
      experimentId: '1',
      userId: 'alice',
    });
    expect(byName('hp-sweep-trial-2-refit').data.tags['mlflow.parentRunId']).toBeTruthy();
  });

  it('reads params: 114, slash keys, long and multi-line values', () => {
    expect(runs.reduce((n, r) => n + Object.keys(r.data.params).length, 0)).toBe(114);
    const c0 = byName('logreg-C0').data.params;
    expect(c0['optimizer/lr']).toBe('0.01');
    expect(c0['long_param']).toHaveLength(300);
    const templates = runs
      .map((r) => r.data.params['prompt_template'])
      .filter((v): v is string => v !== undefined);
    expect(templates.length).toBeGreaterThan(0);
    expect(templates.every((t) => t.includes('\n'))).toBe(true);
  });

  it('filters runs by experiment and ignores unknown ids', async () => {
    expect(await store.listRuns(['0'])).toHaveLength(3);
    expect(await store.listRuns(['42', 'x', ''])).toEqual([]);
    expect(await store.listRuns([])).toEqual([]);
    const deletedExp = await store.listRuns([ids.experiments.scratch_deleted ?? '']);
    expect(deletedExp.map((r) => r.info.lifecycleStage)).toEqual(['deleted', 'deleted']);
  });

  it('maps NaN and ±inf in prophet-04', async () => {
    const run = byName('prophet-04');
    expect(Number.isNaN(run.data.metrics['rmse']?.value)).toBe(true);
    const mape = await store.getMetricHistory(run.info.runId, 'mape');
    const at = (step: number): number | undefined => mape.find((m) => m.step === step)?.value;
    expect(Number.isNaN(at(3))).toBe(true);
    expect(Number.isNaN(at(11))).toBe(true);
    expect(at(5)).toBe(Infinity);
    expect(at(6)).toBe(-Infinity);
    expect(at(4)).toBe(0.4);
  });

  it('returns histories ordered by (step, timestamp), duplicates of a step kept', async () => {
    const runId = ids.runs['iris-0'] ?? '';
    const loss = await store.getMetricHistory(runId, 'loss');
    expect(loss).toHaveLength(200);
    const lr = await store.getMetricHistory(runId, 'lr');
    expect(lr.filter((m) => m.step === 42)).toHaveLength(2);
    const cpu = await store.getMetricHistory(runId, 'system/cpu_utilization_percentage');
    expect(cpu).toHaveLength(60);
    for (const history of [loss, lr, cpu]) {
      for (let i = 1; i < history.length; i++) {
        const [a, b] = [history[i - 1], history[i]];
        if (!a || !b) continue;
        expect(a.step < b.step || (a.step === b.step && a.timestamp <= b.timestamp)).toBe(true);
      }
    }
    expect(await store.getMetricHistory(runId, 'nope')).toEqual([]);
    await expect(
      store.getMetricHistory('0123456789abcdef0123456789abcdef', 'loss'),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('gets any run by id, deleted included, and NOT_FOUND for others', async () => {
    const deleted = await store.getRun(ids.runs['deleted'] ?? '');
    expect(deleted.info.lifecycleStage).toBe('deleted');
    expect(deleted.info.runName).toBe('oops-wrong-data');
    const err = await store.getRun('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('NOT_FOUND');
  });

  it('reads dataset inputs with their tags on the logreg runs', () => {
    const inputs = byName('logreg-C0').inputs.datasetInputs;
    expect(inputs.map((i) => i.dataset.name)).toEqual(['iris', 'iris-eval']);
    expect(inputs[0]?.tags).toEqual({ 'mlflow.data.context': 'training', split: 'train' });
    expect(inputs[1]?.tags).toEqual({ 'mlflow.data.context': 'eval' });
    expect(inputs[0]?.dataset.source).toContain('iris.csv');
    expect(runs.filter((r) => r.inputs.datasetInputs.length > 0)).toHaveLength(2);
  });

  it('reads the model registry, hiding Deleted_Internal versions', async () => {
    const models = await store.listRegisteredModels();
    expect(models.map((m) => m.name)).toEqual([
      'forecast-model',
      'iris-classifier',
      'iris-logreg-small',
      'undocumented-model',
    ]);
    const iris = models.find((m) => m.name === 'iris-classifier');
    expect(iris?.tags).toEqual({ task: 'classification', owner: 'alice' });
    expect(iris?.aliases).toEqual([
      { alias: 'challenger', version: '3' },
      { alias: 'champion', version: '2' },
    ]);
    expect(iris?.latestVersions.map((v) => [v.version, v.currentStage])).toEqual([
      ['1', 'Archived'],
      ['2', 'Production'],
      ['3', 'Staging'],
    ]);
    const small = models.find((m) => m.name === 'iris-logreg-small');
    expect(small?.aliases).toEqual([{ alias: 'prod', version: '2' }]);
    expect(small?.latestVersions.map((v) => v.version)).toEqual(['1', '2']);
    const undocumented = models.find((m) => m.name === 'undocumented-model');
    expect(undocumented).toMatchObject({ description: null, tags: {}, aliases: [] });
    expect(models.find((m) => m.name === 'forecast-model')?.latestVersions).toEqual([]);

    const versions = await store.listModelVersions();
    expect(versions.every((v) => v.currentStage !== 'Deleted_Internal')).toBe(true);
    expect(versions.map((v) => `${v.name}/${v.version}`)).toEqual([
      'iris-classifier/1',
      'iris-classifier/2',
      'iris-classifier/3',
      'iris-logreg-small/1',
      'iris-logreg-small/2',
      'undocumented-model/1',
    ]);
    const champion = versions.find((v) => v.aliases.includes('champion'));
    expect(champion).toMatchObject({ name: 'iris-classifier', version: '2', description: null });
    expect(champion?.tags).toEqual({ validated: 'true', approved_by: 'bob' });
  });
});
