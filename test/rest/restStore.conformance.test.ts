/**
 * RestStore against MLflow's own answers: each captures folder is replayed (replayServer.ts) and
 * RestStore must give the same domain answers as the local store the capturing server was serving —
 * `rest/` ran on a copy of `mlflow.db` (SqliteStore), `rest-filestore/` on a copy of `mlruns/`
 * (FileStore), with the same ids.
 *
 * Covered wherever a capture answers the request RestStore sends: the experiments, the runs of the
 * iris experiment (runs-search.all_exp1_view_all), every runs/get capture, metric histories, artifact
 * listings and bytes (plain and through the artifact proxy), the registry, 3.x logged models, traces
 * and span data, sampled histories, NaN/±Infinity, and MLflow's HTML error pages.
 * Not covered (no capture answers RestStore's request): runs of the other experiments, 3.1 metric
 * histories other than `loss` (3.1 was captured without max_results, which is mlflow#23916's empty
 * answer — see network.test.ts for RestStore's guard), logged models and traces of all experiments.
 *
 * Known server/domain differences, checked as such: MLflow 3.1 does not send `model_id` on model
 * versions; 2.x and the 3.x SQL store's runs/search send no run `outputs`.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedModel, ModelVersion, RegisteredModel, Run } from '../../shared/common/types';
import { seriesOfHistory } from '../../shared/common/metricSeries';
import { FileStore } from '../../shared/node/stores/file/FileStore';
import { RestStore } from '../../shared/node/stores/rest';
import { SqliteStore } from '../../shared/node/stores/sqlite/SqliteStore';
import type { TrackingStore } from '../../shared/node/stores/TrackingStore';
import {
  type CaptureSet,
  VERSIONS,
  fixtureDir,
  loadCaptures,
  queryString,
} from '../conformance/captures';
import { expectedFor } from '../conformance/expected';
import { expectStoreError } from '../conformance/trackingStoreContract';
import { type ReplayServer, findCapture, startReplayServer } from './replayServer';

const BACKENDS = [
  {
    dir: 'rest',
    flavor: 'sqlite',
    open: (root: string) => new SqliteStore(join(root, 'mlflow.db')),
  },
  {
    dir: 'rest-filestore',
    flavor: 'file',
    open: (root: string) => new FileStore(join(root, 'mlruns')),
  },
] as const;

const FAST = { retries: 0, timeoutMs: 5000 };

const noModelId = (v: ModelVersion): ModelVersion => ({ ...v, modelId: null });
const byName = <T extends { name: string }>(items: T[]): T[] =>
  [...items].sort((a, b) => a.name.localeCompare(b.name));
const versionKey = (v: ModelVersion): string => `${v.name}/${v.version}`;

for (const version of VERSIONS) {
  for (const backend of BACKENDS) {
    const is3 = version.startsWith('mlflow-3.');
    describe(`RestStore on ${version}/${backend.dir} ≡ ${backend.flavor} store`, () => {
      const caps: CaptureSet = loadCaptures(version, backend.dir);
      const expected = expectedFor(version, backend.flavor);
      const ids = expected.ids;
      let replay: ReplayServer;
      let rest: RestStore;
      let local: TrackingStore;
      const remoteRun = String(caps.get('runs-get.remote_proxied.json').query.run_id);

      beforeAll(async () => {
        replay = await startReplayServer(join(fixtureDir(version), backend.dir));
        rest = new RestStore(replay.url, FAST);
        await rest.open();
        local = backend.open(fixtureDir(version));
        await local.open();
      });
      afterAll(async () => {
        await rest?.close();
        await local?.close();
        await replay?.close();
      });

      it('knows the server version from GET /version', () => {
        expect(rest.schemaVersion()).toBe(version.replace('mlflow-', ''));
      });

      it('lists the same experiments (plus the one made through the server)', async () => {
        const mine = await local.listExperiments();
        const theirs = await rest.listExperiments();
        const serverOnly = theirs.filter(
          (e) => !mine.some((m) => m.experimentId === e.experimentId),
        );
        expect(serverOnly.map((e) => e.name)).toEqual(['remote-proxied']);
        expect(
          theirs
            .filter((e) => e !== serverOnly[0])
            .sort((a, b) => a.experimentId.localeCompare(b.experimentId)),
        ).toEqual([...mine].sort((a, b) => a.experimentId.localeCompare(b.experimentId)));
      });

      it('gets experiments by id; an unknown id is NOT_FOUND', async () => {
        for (const file of ['experiments-get.json', 'experiments-get.deleted.json']) {
          const id = queryString(caps.get(file), 'experiment_id');
          expect(await rest.getExperiment(id)).toEqual(await local.getExperiment(id));
        }
        await expectStoreError(rest.getExperiment('999999'), 'NOT_FOUND');
      });

      it('lists the runs of the iris experiment, deleted ones included, as the local store', async () => {
        const iris = ids.experiments.iris ?? '';
        const sortRuns = (runs: Run[]): Run[] =>
          [...runs].sort((a, b) => a.info.runId.localeCompare(b.info.runId));
        const theirs = sortRuns(await rest.listRuns([iris]));
        const mine = sortRuns(await local.listRuns([iris]));
        // 2.x and the 3.x SQL store's runs/search leave `outputs` out; 3.x FileStore's search has it.
        const withOutputs = is3 && backend.dir === 'rest-filestore';
        expect(theirs).toEqual(
          withOutputs ? mine : mine.map((r) => ({ ...r, outputs: { modelOutputs: [] } })),
        );
        expect(
          theirs.filter((r) => r.info.lifecycleStage === 'deleted').map((r) => r.info.runName),
        ).toEqual(['oops-wrong-data']);
      });

      const runGets = caps.matching('runs-get.').filter((c) => !c.file.includes('remote_proxied'));
      it.each(runGets.map((c) => c.file))(
        '%s: the same run (NaN and ±Infinity kept)',
        async (file) => {
          const c = caps.get(file);
          const id = String(c.query.run_id ?? c.query.run_uuid);
          expect(await rest.getRun(id)).toEqual(await local.getRun(id));
        },
      );

      it('an unknown run is NOT_FOUND for runs/get and metrics/get-history (200 {} on SQLite servers)', async () => {
        const unknown = queryString(caps.get('error.runs-get.unknown_run.json'), 'run_id');
        await expectStoreError(rest.getRun(unknown), 'NOT_FOUND');
        await expectStoreError(rest.getMetricHistory(unknown, 'loss'), 'NOT_FOUND');
      });

      // RestStore always sends max_results=25000 (MLflow's client); the captures it can replay:
      const histories = caps.matching('metrics-get-history.').filter((c) => {
        const q = {
          run_id: String(c.query.run_id),
          metric_key: String(c.query.metric_key),
          max_results: '25000',
        };
        return (
          c.query.page_token === undefined &&
          findCapture(caps, 'GET', c.path, q, null)?.file === c.file
        );
      });
      it('replays every history captured with max_results or complete without it (not 3.1 without max_results)', () => {
        const names = histories.map((c) => c.file).sort();
        if (is3)
          expect(names).toEqual([
            'metrics-get-history.loss.max_results_25000.json',
            'metrics-get-history.unknown_key.json',
          ]);
        else expect(names).toContain('metrics-get-history.nan_inf.json');
      });
      it.each(histories.map((c) => c.file))('%s: the same history', async (file) => {
        const c = caps.get(file);
        const [run, key] = [queryString(c, 'run_id'), queryString(c, 'metric_key')];
        expect(await rest.getMetricHistory(run, key)).toEqual(
          await local.getMetricHistory(run, key),
        );
      });

      it('samples histories with get-history-bulk-interval, points from the full histories', async () => {
        const c = caps.get('ajax-metrics-get-history-bulk-interval.json');
        const runIds = (c.query.run_ids as string[]).map(String);
        const sampled = await rest.getMetricHistorySampled(runIds, 'loss', { maxResults: 20 });
        expect(Object.keys(sampled ?? {}).sort()).toEqual([...runIds].sort());
        for (const id of runIds) {
          const full = await local.getMetricHistory(id, 'loss');
          const points = sampled?.[id] ?? [];
          expect(points.length).toBeGreaterThan(0);
          expect(points.length).toBeLessThanOrEqual(20 + 2);
          for (const p of points) expect(full).toContainEqual(p);
        }
      });

      it.each(histories.map((c) => c.file))(
        '%s: getMetricSeries (bulk-interval, else get-history) equals the local series',
        async (file) => {
          const c = caps.get(file);
          const [run, key] = [queryString(c, 'run_id'), queryString(c, 'metric_key')];
          for (const req of [
            { buckets: 5 },
            { buckets: 1000 },
            { buckets: 3, minStep: 1, maxStep: 4 },
          ])
            expect(await rest.getMetricSeries(run, key, req)).toEqual(
              seriesOfHistory(key, await local.getMetricHistory(run, key), req),
            );
        },
      );

      const lists = caps
        .matching('artifacts-list.')
        .filter((c) => !c.file.includes('remote_proxied'));
      it.each(lists.map((c) => c.file))('%s: the same listing', async (file) => {
        const c = caps.get(file);
        const [run, path] = [queryString(c, 'run_id'), String(c.query.path ?? '')];
        expect(await rest.listArtifacts(run, path)).toEqual(await local.listArtifacts(run, path));
      });

      const gets = caps.matching('get-artifact.').filter((c) => !c.file.includes('remote_proxied'));
      it.each(gets.map((c) => c.file))('%s: same bytes, or the same error', async (file) => {
        const c = caps.get(file);
        const [run, path] = [queryString(c, 'run_uuid'), queryString(c, 'path')];
        if (c.status === 200) {
          const got = await rest.readArtifact(run, path, 64 << 20);
          expect(Buffer.from(got.bytes).equals(caps.bytes(file))).toBe(true);
          expect(got).toEqual(await local.readArtifact(run, path, 64 << 20));
          const head = await rest.readArtifact(run, path, 8);
          expect(head).toEqual({ bytes: got.bytes.subarray(0, 8), size: got.size });
        } else {
          // 400 JSON for `..` (RestStore refuses it before sending), 500 HTML for a missing file
          await expectStoreError(
            rest.readArtifact(run, path, 100),
            c.status === 400 ? 'INVALID_ARGUMENT' : 'NOT_FOUND',
          );
        }
      });

      it('reads a proxied run (mlflow-artifacts:) through the artifact proxy, and through /get-artifact', async () => {
        const want = caps.bytes('mlflow-artifacts-download.notes.txt');
        const fresh = new RestStore(replay.url, FAST);
        const viaGetArtifact = await fresh.readArtifact(remoteRun, 'notes.txt', 1 << 20);
        expect(
          Buffer.from(viaGetArtifact.bytes).equals(caps.bytes('get-artifact.remote_proxied.txt')),
        ).toBe(true);
        await fresh.close();
        expect((await rest.getRun(remoteRun)).info.artifactUri).toMatch(/^mlflow-artifacts:\//);
        const seen = replay.requests.length;
        const whole = await rest.readArtifact(remoteRun, 'notes.txt', 1 << 20);
        expect(replay.requests[seen]?.capture).toBe('mlflow-artifacts-download.notes.txt');
        expect(whole).toEqual({ bytes: new Uint8Array(want), size: want.length });
        // The proxy streams without Content-Length: a cut read takes the size from the listing.
        const head = await rest.readArtifact(remoteRun, 'notes.txt', 4);
        expect(head).toEqual({ bytes: new Uint8Array(want.subarray(0, 4)), size: want.length });
        expect(replay.requests.at(-1)?.capture).toBe('artifacts-list.remote_proxied.json');
      });

      it('lists registered models and visible versions as the local store (aliases completed)', async () => {
        const theirs = byName(await rest.listRegisteredModels());
        const mine = byName(await local.listRegisteredModels());
        const strip = (m: RegisteredModel): RegisteredModel => ({
          ...m,
          latestVersions: m.latestVersions
            .map(noModelId)
            .sort((a, b) => versionKey(a).localeCompare(versionKey(b))),
        });
        expect(theirs.map(strip)).toEqual(mine.map(strip));
        const versions = (await rest.listModelVersions()).sort((a, b) =>
          versionKey(a).localeCompare(versionKey(b)),
        );
        const localVersions = (await local.listModelVersions()).sort((a, b) =>
          versionKey(a).localeCompare(versionKey(b)),
        );
        expect(versions).toEqual(localVersions.map(noModelId));
        const stages: Record<string, Record<string, string>> = {};
        for (const name of Object.keys(expected.modelVersions)) stages[name] = {};
        for (const v of versions) (stages[v.name] ??= {})[v.version] = v.currentStage;
        expect(stages).toEqual(expected.modelVersions);
      });

      it('lists 3.x LoggedModels of the iris experiment; a 2.x server is not asked', async () => {
        const iris = ids.experiments.iris ?? '';
        const seen = replay.requests.length;
        const theirs = await rest.listLoggedModels([iris]);
        expect(theirs).toHaveLength(expected.loggedModels);
        const byId = <T extends { modelId: string }>(l: T[]): T[] =>
          [...l].sort((a, b) => a.modelId.localeCompare(b.modelId));
        const mine = byId(await local.listLoggedModels([iris]));
        // Metrics: MLflow's FileStore server lists a subset, in its own order (restRegistry.ts does not
        // compare them either); every metric it sends must be one the local store has.
        const noMetrics = (m: LoggedModel): Omit<LoggedModel, 'metrics'> => {
          const { metrics: _metrics, ...rest } = m;
          return rest;
        };
        expect(byId(theirs).map(noMetrics)).toEqual(mine.map(noMetrics));
        for (const [i, m] of byId(theirs).entries())
          for (const x of m.metrics) expect(mine[i]?.metrics).toContainEqual(x);
        if (!is3) expect(replay.requests.slice(seen)).toEqual([]);
      });

      it('lists traces (v3 search on 3.x; none on 2.12, which has no traces endpoint) and their span data', async () => {
        const llm = ids.experiments.llm ?? '';
        const theirs = await rest.listTraces([llm]);
        const byId = <T extends { traceId: string }>(l: T[]): T[] =>
          [...l].sort((a, b) => a.traceId.localeCompare(b.traceId));
        expect(byId(theirs)).toEqual(byId(await local.listTraces([llm])));
        expect(theirs).toHaveLength(expected.traces);
        if (!is3) return;
        const traceId = queryString(caps.get('ajax-get-trace-artifact.txt'), 'request_id');
        expect(await rest.getTraceData(traceId)).toEqual(await local.getTraceData(traceId));
      });

      it("fetches one LoggedModel and one trace by id, as MLflow's UI does (no search of every experiment)", async () => {
        const seen = replay.requests.length;
        if (!is3) {
          // MLflow 2.12 has neither endpoint: a clear NOT_FOUND, not its 404 page.
          await expect(rest.getLoggedModel('m-0')).rejects.toMatchObject({ code: 'NOT_FOUND' });
          await expect(rest.getTraceInfo('tr-0')).rejects.toMatchObject({ code: 'NOT_FOUND' });
          return;
        }
        const modelId = caps.get('logged-models-get.json').path.split('/').at(-1) ?? '';
        const model = await rest.getLoggedModel(modelId);
        const listed = (await local.listLoggedModels()).find((m) => m.modelId === modelId);
        expect({ ...model, metrics: [] }).toEqual({ ...listed, metrics: [] });
        for (const x of model.metrics) expect(listed?.metrics).toContainEqual(x);
        const traceId = caps.get('traces-get.v3.json').path.split('/').at(-1) ?? '';
        const info = await rest.getTraceInfo(traceId);
        expect(info).toEqual((await local.listTraces()).find((t) => t.traceId === traceId));
        expect(replay.requests.slice(seen).map((r) => r.capture)).toEqual([
          'logged-models-get.json',
          'traces-get.v3.json',
        ]);
        await expect(
          rest.getLoggedModel('m-00000000000000000000000000000000'),
        ).rejects.toMatchObject({ code: 'NOT_FOUND' });
      });

      it("a URL that is not an MLflow server: MLflow's 404 page becomes a clear message, never HTML", async () => {
        const wrong = new RestStore(`${replay.url}/not-mlflow`, FAST);
        const err = await wrong.open().then(
          () => undefined,
          (e: unknown) => e as Error,
        );
        expect(err?.message).toMatch(/is not an MLflow server/);
        expect(err?.message).not.toMatch(/</);
        await wrong.close();
      });
    });
  }
}
