/**
 * The behavioural suite every TrackingStore must pass on the fixture content (Beekeeper's
 * `runCommonTests`): one `describe` per store, the same questions, the same answers. Per-store
 * differences that MLflow itself produced are data in `Expected`, never branches on the store's kind.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErrorCode, StoreError } from '../../shared/common/errors';
import { DBL_MAX } from '../../shared/common/metrics';
import type { Experiment, Run } from '../../shared/common/types';
import type { TrackingStore } from '../../shared/node/stores/TrackingStore';
import { runId } from './captures';
import { type Expected, RUN_NAMES } from './expected';

export async function expectStoreError(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  const err: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected a StoreError ${code}`).toBeInstanceOf(StoreError);
  expect((err as StoreError).code).toBe(code);
}

const UNKNOWN_RUN = '0123456789abcdef0123456789abcdef';

export function trackingStoreContract(
  name: string,
  makeStore: () => TrackingStore,
  expected: Expected,
): void {
  describe(`TrackingStore contract: ${name}`, () => {
    let store: TrackingStore;
    let experiments: Experiment[];
    let runs: Run[];
    const ids = expected.ids;
    const run = (logical: string): Promise<Run> => store.getRun(runId(ids, logical));

    beforeAll(async () => {
      store = makeStore();
      await store.open();
      experiments = await store.listExperiments();
      runs = await store.listRuns(experiments.map((e) => e.experimentId));
    });
    afterAll(async () => {
      await store?.close();
    });

    describe('experiments', () => {
      it('lists every experiment, the deleted one included', () => {
        expect(experiments.map((e) => e.name).sort()).toEqual(Object.keys(RUN_NAMES).sort());
        for (const e of experiments) {
          expect(e.lifecycleStage, e.name).toBe(
            e.name === 'scratch-deleted' ? 'deleted' : 'active',
          );
        }
      });

      it('reads experiment tags, the description included', () => {
        const byName = new Map(experiments.map((e) => [e.name, e]));
        expect(byName.get('iris-classification')?.tags).toEqual({
          team: 'vision',
          project: 'iris',
          priority: 'high',
          'mlflow.note.content': 'Baseline classifiers on the **iris** data set.\n\nOwner: alice',
        });
        expect(byName.get('team-a/forecasting')?.tags).toMatchObject({
          team: 'team-a',
          'mlflow.note.content': 'Demand forecasting experiments (team A).',
        });
        expect(byName.get('llm-eval ✨')?.tags).toEqual({ owner: 'carol', domain: 'nlp' });
        expect(byName.get('scratch-deleted')?.tags['mlflow.note.content']).toBe('Will be deleted.');
      });

      it('gets one experiment by id, and NOT_FOUND for an unknown id', async () => {
        const iris = await store.getExperiment(ids.experiments.iris ?? '');
        expect(iris.name).toBe('iris-classification');
        const deleted = await store.getExperiment(ids.experiments.scratch_deleted ?? '');
        expect(deleted.lifecycleStage).toBe('deleted');
        await expectStoreError(store.getExperiment('999999999'), 'NOT_FOUND');
      });
    });

    describe('runs', () => {
      it('lists all 31 runs of all experiments with their names', () => {
        expect(runs).toHaveLength(31);
        const nameOf = new Map(experiments.map((e) => [e.experimentId, e.name]));
        const byExperiment: Record<string, string[]> = {};
        for (const r of runs)
          (byExperiment[nameOf.get(r.info.experimentId) ?? '?'] ??= []).push(r.info.runName);
        for (const list of Object.values(byExperiment)) list.sort();
        expect(byExperiment).toEqual(RUN_NAMES);
      });

      it('counts statuses and deleted runs (runs of a deleted experiment are deleted)', () => {
        const statuses: Record<string, number> = {};
        for (const r of runs) statuses[r.info.status] = (statuses[r.info.status] ?? 0) + 1;
        expect(statuses).toEqual({ FAILED: 1, FINISHED: 28, KILLED: 1, RUNNING: 1 });
        const deleted = runs
          .filter((r) => r.info.lifecycleStage === 'deleted')
          .map((r) => r.info.runName);
        expect(deleted.sort()).toEqual(['oops-wrong-data', 'scratch-0', 'scratch-1']);
      });

      it('reads 114 params and the tags of every run', () => {
        expect(runs.reduce((n, r) => n + Object.keys(r.data.params).length, 0)).toBe(114);
        for (const r of runs) {
          expect(r.data.tags['mlflow.runName'], r.info.runId).toBe(r.info.runName);
          expect(r.data.tags['mlflow.user'], r.info.runName).toBe(r.info.userId);
        }
      });

      it('keeps NaN and ±Infinity as numbers in latest metrics, never the clamped ±DBL_MAX', () => {
        const fc4 = runs.find((r) => r.info.runId === runId(ids, 'fc-4'));
        expect(fc4?.data.metrics.rmse?.value).toBeNaN();
        expect(fc4?.data.metrics.mape).toEqual({
          key: 'mape',
          value: 1.9,
          step: 19,
          timestamp: 1717300819000,
        });
        for (const r of runs) {
          for (const m of Object.values(r.data.metrics)) {
            expect(typeof m.value).toBe('number');
            expect(Math.abs(m.value), `${r.info.runName} ${m.key}`).not.toBe(DBL_MAX);
          }
        }
      });

      it('gets one run whole: info, params, tags, latest metrics, datasets', async () => {
        const r = await run('iris-0');
        expect(r.info).toMatchObject({
          runId: runId(ids, 'iris-0'),
          runName: 'logreg-C0',
          experimentId: ids.experiments.iris,
          userId: 'alice',
          status: 'FINISHED',
          startTime: 1717203600000,
          endTime: 1717203830000,
          lifecycleStage: 'active',
        });
        expect(r.data.params).toMatchObject({ C: '0.1', max_iter: '200', 'optimizer/lr': '0.01' });
        expect(r.data.params.long_param).toHaveLength(300);
        expect(r.data.tags['mlflow.note.content']).toBe('Logistic regression, trial 0.');
        expect(r.data.metrics.loss).toEqual({
          key: 'loss',
          value: 0.112433,
          timestamp: 1717203799041,
          step: 199,
        });
        // lr's latest is its greatest step (180), not the step-42 point logged twice
        expect(r.data.metrics.lr).toEqual({
          key: 'lr',
          value: 0.0020589,
          timestamp: 1717203780007,
          step: 180,
        });
        expect(r.data.metrics['system/cpu_utilization_percentage']?.step).toBe(0);
      });

      it('gets RUNNING, FAILED, KILLED, deleted and child runs', async () => {
        expect((await run('fc-9')).info).toMatchObject({
          status: 'RUNNING',
          endTime: null,
          runName: 'prophet-09',
        });
        expect((await run('fc-7')).info.status).toBe('FAILED');
        expect((await run('fc-8')).info.status).toBe('KILLED');
        expect((await run('deleted')).info).toMatchObject({
          lifecycleStage: 'deleted',
          runName: 'oops-wrong-data',
        });
        const children = runs.filter(
          (r) => r.data.tags['mlflow.parentRunId'] === runId(ids, 'sweep-parent'),
        );
        expect(children.map((r) => r.info.runName).sort()).toEqual([
          'hp-sweep-trial-0',
          'hp-sweep-trial-1',
          'hp-sweep-trial-2',
          'hp-sweep-trial-3',
        ]);
      });

      it('reads dataset inputs of the logreg runs', async () => {
        for (const logical of ['iris-0', 'iris-1']) {
          const inputs = (await run(logical)).inputs.datasetInputs;
          const byName = new Map(inputs.map((i) => [i.dataset.name, i]));
          expect([...byName.keys()].sort()).toEqual(['iris', 'iris-eval']);
          expect(byName.get('iris')?.tags).toEqual({
            'mlflow.data.context': 'training',
            split: 'train',
          });
          expect(byName.get('iris')?.dataset).toMatchObject({
            digest: '8f9eb48c',
            sourceType: 'http',
          });
          expect(byName.get('iris-eval')?.tags).toEqual({ 'mlflow.data.context': 'eval' });
        }
        expect((await run('iris-2')).inputs.datasetInputs).toEqual([]);
      });

      it('throws NOT_FOUND for an unknown run', async () => {
        await expectStoreError(store.getRun(UNKNOWN_RUN), 'NOT_FOUND');
      });
    });

    describe('metric history', () => {
      it('keeps NaN, +Infinity and -Infinity points (prophet-04 mape)', async () => {
        const mape = await store.getMetricHistory(runId(ids, 'fc-4'), 'mape');
        expect(mape).toHaveLength(20);
        expect(mape.map((m) => m.step)).toEqual(Array.from({ length: 20 }, (_, i) => i));
        expect(mape.filter((m) => Number.isNaN(m.value)).map((m) => m.step)).toEqual([3, 11]);
        expect(mape[5]?.value).toBe(Infinity);
        expect(mape[6]?.value).toBe(-Infinity);
      });

      it('keeps both points of a step logged twice, in (step, timestamp) order', async () => {
        const lr = await store.getMetricHistory(runId(ids, 'iris-0'), 'lr');
        expect(lr.filter((m) => m.step === 42).map((m) => [m.value, m.timestamp])).toEqual([
          [0.0038742, 1717203642007],
          [0.0019371, 1717203642009],
        ]);
        const steps = lr.map((m) => m.step);
        expect(steps).toEqual([...steps].sort((a, b) => a - b));
      });

      it('reads a slash key, all at step 0, ordered by timestamp', async () => {
        const cpu = await store.getMetricHistory(
          runId(ids, 'iris-0'),
          'system/cpu_utilization_percentage',
        );
        expect(cpu).toHaveLength(expected.iris0CpuPoints);
        expect(new Set(cpu.map((m) => `${m.timestamp}|${m.value}`)).size).toBe(60);
        expect(cpu.every((m) => m.step === 0)).toBe(true);
        const times = cpu.map((m) => m.timestamp);
        expect(times).toEqual([...times].sort((a, b) => a - b));
      });

      it('returns every stored point (exact duplicates where the store keeps them)', async () => {
        const loss = await store.getMetricHistory(runId(ids, 'iris-0'), 'loss');
        expect(loss).toHaveLength(expected.iris0LossPoints);
        expect(new Set(loss.map((m) => m.step)).size).toBe(200);
        const long = await store.getMetricHistory(runId(ids, 'fc-0'), 'loss');
        expect(long).toHaveLength(400);
      });

      it('gives [] for an unknown key and NOT_FOUND for an unknown run', async () => {
        expect(await store.getMetricHistory(runId(ids, 'iris-0'), 'nope')).toEqual([]);
        await expectStoreError(store.getMetricHistory(UNKNOWN_RUN, 'loss'), 'NOT_FOUND');
      });
    });

    describe('artifacts', () => {
      it('lists the root and a nested directory', async () => {
        const iris0 = runId(ids, 'iris-0');
        const root = await store.listArtifacts(iris0, '');
        const dirs = [
          'config',
          'logs',
          ...(expected.modelInRunArtifacts ? ['model'] : []),
          'plots',
          'reports',
        ];
        expect(root).toEqual(dirs.map((path) => ({ path, isDir: true })));
        const nested = await store.listArtifacts(iris0, 'reports/eval');
        expect(nested.map((f) => [f.path, f.isDir])).toEqual([
          ['reports/eval/confusion.csv', false],
          ['reports/eval/per_class', true],
          ['reports/eval/weights.bin', false],
        ]);
        expect(nested[0]?.fileSize).toBeGreaterThan(0);
        expect(await store.listArtifacts(runId(ids, 'default-0'), '')).toEqual([]);
      });

      it('reads a text artifact whole or truncated', async () => {
        const iris0 = runId(ids, 'iris-0');
        const whole = await store.readArtifact(iris0, 'logs/train.log', 1 << 20);
        const text = new TextDecoder().decode(whole.bytes);
        expect(text.startsWith('Training log for run 0\nepoch 1 ok\n')).toBe(true);
        expect(whole.size).toBe(whole.bytes.length);
        const head = await store.readArtifact(iris0, 'logs/train.log', 8);
        expect(head).toEqual({ bytes: whole.bytes.subarray(0, 8), size: whole.size });
      });

      it('rejects a path escaping the artifacts and a missing file', async () => {
        const iris0 = runId(ids, 'iris-0');
        await expectStoreError(
          store.readArtifact(iris0, '../../../etc/passwd', 100),
          'INVALID_ARGUMENT',
        );
        await expectStoreError(store.listArtifacts(iris0, '../..'), 'INVALID_ARGUMENT');
        await expectStoreError(store.readArtifact(iris0, 'nope.txt', 100), 'NOT_FOUND');
        await expectStoreError(store.listArtifacts(UNKNOWN_RUN, ''), 'NOT_FOUND');
      });
    });

    describe('model registry', () => {
      it('lists registered models with descriptions, tags and aliases', async () => {
        const models = new Map((await store.listRegisteredModels()).map((m) => [m.name, m]));
        expect([...models.keys()].sort()).toEqual(Object.keys(expected.modelVersions).sort());
        expect(models.get('iris-classifier')).toMatchObject({
          description: 'Production iris classifier. **Owner:** alice.',
          tags: { task: 'classification', owner: 'alice' },
        });
        expect(models.get('undocumented-model')).toMatchObject({
          description: null,
          tags: {},
          aliases: [],
        });
        expect(models.get('forecast-model')?.latestVersions).toEqual([]);
        for (const [model, aliases] of Object.entries(expected.aliases)) {
          const got = Object.fromEntries(
            (models.get(model)?.aliases ?? []).map((a) => [a.alias, a.version]),
          );
          expect(got, model).toEqual(aliases);
        }
      });

      it('lists visible model versions with their stages (deleted ones hidden)', async () => {
        const versions = await store.listModelVersions();
        const got: Record<string, Record<string, string>> = {};
        for (const name of Object.keys(expected.modelVersions)) got[name] = {};
        for (const v of versions) (got[v.name] ??= {})[v.version] = v.currentStage;
        expect(got).toEqual(expected.modelVersions);
        const champion = versions.find((v) => v.name === 'iris-classifier' && v.version === '2');
        expect(champion).toMatchObject({
          aliases: ['champion'],
          description: null,
          tags: { approved_by: 'bob' },
        });
      });
    });

    describe('3.x LoggedModels and traces', () => {
      it('lists LoggedModels of the model runs', async () => {
        const models = await store.listLoggedModels();
        expect(models).toHaveLength(expected.loggedModels);
        for (const m of models) {
          expect(m.experimentId).toBe(ids.experiments.iris);
          expect(ids.model_runs).toContain(m.sourceRunId);
        }
        expect(await store.listLoggedModels([ids.experiments.forecasting ?? ''])).toEqual([]);
      });

      it('lists traces, one of them in state ERROR', async () => {
        const traces = await store.listTraces();
        expect(traces).toHaveLength(expected.traces);
        if (expected.traces === 0) return;
        expect(traces.map((t) => t.state).sort()).toEqual(['ERROR', 'OK', 'OK']);
        expect(traces.every((t) => t.experimentId === ids.experiments.llm)).toBe(true);
        expect(await store.getTraceData(traces[0]?.traceId ?? '')).not.toBeNull();
      });
    });

    it('reports no problems on a clean store (after everything above was read)', () => {
      expect(store.problems()).toEqual([]);
    });
  });
}
