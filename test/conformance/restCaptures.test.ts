/**
 * Our stores + search give the answers MLflow's own server gave on the same data: `rest/` was captured
 * on a copy of `mlflow.db` (compared with SqliteStore), `rest-filestore/` on a copy of `mlruns/`
 * (compared with FileStore); the ids are the same as in the store compared.
 *
 * The servers had one experiment more than our stores (`remote-proxied`, run `via-rest`, created through
 * the server before capturing). Experiment searches get it back from the server's own
 * `experiments-get.remote_proxied.json`, so paging windows and tokens compare exactly; captures about its
 * run (`*.remote_proxied.*`) and the proxied-artifact endpoints are not compared — there is nothing of
 * ours to compare them with.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  experimentFromJson,
  experimentToJson,
  metricFromJson,
  runToJson,
} from '../../shared/common/mlflowJson';
import { sortHistory, unclampInfinity } from '../../shared/common/metrics';
import { searchExperiments, searchRuns } from '../../shared/common/search';
import type { Experiment, Metric, Run, ViewType } from '../../shared/common/types';
import { FileStore } from '../../shared/node/stores/file/FileStore';
import { SqliteStore } from '../../shared/node/stores/sqlite/SqliteStore';
import type { TrackingStore } from '../../shared/node/stores/TrackingStore';
import {
  type Capture,
  type CaptureSet,
  VERSIONS,
  bodyField,
  fixtureDir,
  loadCaptures,
  queryString,
  tokenOffset,
} from './captures';
import { registryCaptureSuite } from './restRegistry';
import { asJson, canonical, dropMetricRunIds } from './restJson';
import { expectStoreError } from './trackingStoreContract';

const BACKENDS = [
  {
    dir: 'rest',
    label: 'SqliteStore',
    open: (root: string) => new SqliteStore(join(root, 'mlflow.db')),
    unclamp: true,
  },
  {
    dir: 'rest-filestore',
    label: 'FileStore',
    open: (root: string) => new FileStore(join(root, 'mlruns')),
    unclamp: false,
  },
] as const;

function byView<T extends { lifecycleStage: string }>(items: T[], view: ViewType): T[] {
  if (view === 'ALL') return items;
  return items.filter((i) => i.lifecycleStage === (view === 'DELETED_ONLY' ? 'deleted' : 'active'));
}

/** The string list a capture sent as order_by (a GET sends one value, a POST a list). */
function orderByOf(c: Capture): string[] | undefined {
  const raw = c.method === 'GET' ? c.query.order_by : bodyField<unknown>(c, 'order_by');
  if (raw === undefined) return undefined;
  return Array.isArray(raw) ? raw.map(String) : [String(raw)];
}

/** filter / max_results / page_token of a capture, from its query (GET) or its body (POST). */
function searchArgs(c: Capture): {
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
} {
  const get = (name: string): unknown =>
    c.method === 'GET' ? c.query[name] : bodyField<unknown>(c, name);
  const max = get('max_results');
  return {
    filter: get('filter') as string | undefined,
    orderBy: orderByOf(c),
    maxResults: max === undefined ? undefined : Number(max),
    pageToken: get('page_token') as string | undefined,
  };
}

for (const version of VERSIONS) {
  for (const backend of BACKENDS) {
    const is3 = version.startsWith('mlflow-3.');
    describe(`${version} ${backend.dir}/ ≡ ${backend.label}`, () => {
      const caps: CaptureSet = loadCaptures(version, backend.dir);
      let store: TrackingStore;
      let experiments: Experiment[];
      const runJsonOf = (json: unknown): unknown =>
        canonical(is3 && backend.dir === 'rest-filestore' ? dropMetricRunIds(json) : json, {
          unclamp: backend.unclamp,
        });
      const ours = (value: unknown): unknown => canonical(asJson(value));
      const pointsOf = (file: string): Metric[] =>
        ((caps.json(file).metrics ?? []) as unknown[]).map((m) => {
          const p = metricFromJson(m);
          return {
            key: p.key,
            value: unclampInfinity(p.value),
            timestamp: p.timestamp,
            step: p.step,
          };
        });

      beforeAll(async () => {
        store = backend.open(fixtureDir(version));
        await store.open();
        experiments = await store.listExperiments();
      });
      afterAll(async () => {
        await store?.close();
      });

      describe('experiments', () => {
        it.each(caps.matching('experiments-search.').map((c) => c.file))('%s', (file) => {
          const c = caps.get(file);
          const serverOnly = experimentFromJson(
            caps.json('experiments-get.remote_proxied.json').experiment,
          );
          const view = ((c.method === 'GET' ? c.query.view_type : bodyField(c, 'view_type')) ??
            'ACTIVE_ONLY') as ViewType;
          const got = searchExperiments(byView([...experiments, serverOnly], view), searchArgs(c));
          const want = caps.json(file);
          const wantList = (want.experiments ?? []) as { experiment_id: string }[];
          expect(got.experiments.map((e) => e.experimentId)).toEqual(
            wantList.map((e) => e.experiment_id),
          );
          expect(got.nextPageToken).toEqual(want.next_page_token);
          for (const [i, e] of got.experiments.entries()) {
            expect(ours(experimentToJson(e)), e.name).toEqual(canonical(wantList[i]));
          }
        });

        it.each(['experiments-get.json', 'experiments-get.deleted.json'])('%s', async (file) => {
          const e = await store.getExperiment(queryString(caps.get(file), 'experiment_id'));
          expect(ours(experimentToJson(e))).toEqual(canonical(caps.json(file).experiment));
        });

        it.each(caps.matching('experiments-get-by-name').map((c) => c.file))('%s', (file) => {
          const name = queryString(caps.get(file), 'experiment_name');
          const e = experiments.find((x) => x.name === name);
          expect(ours(e && experimentToJson(e))).toEqual(canonical(caps.json(file).experiment));
        });

        it('unknown experiment ids (error.experiments-get.*) → NOT_FOUND', async () => {
          for (const file of [
            'error.experiments-get.unknown.json',
            'error.experiments-get.non_numeric.json',
          ]) {
            expect(caps.get(file).status).toBe(404);
            await expectStoreError(
              store.getExperiment(queryString(caps.get(file), 'experiment_id')),
              'NOT_FOUND',
            );
          }
          expect(caps.get('error.experiments-get-by-name.unknown.json').status).toBe(404);
          expect(experiments.some((e) => e.name === 'no-such-exp')).toBe(false);
        });
      });

      describe('runs', () => {
        const runGets = caps
          .matching('runs-get.')
          .filter((c) => !c.file.includes('remote_proxied'));
        it.each(runGets.map((c) => c.file))(
          '%s: the whole run, as MLflow serialises it',
          async (file) => {
            const c = caps.get(file);
            const id = String(c.query.run_id ?? c.query.run_uuid);
            const run = await store.getRun(id);
            expect(ours(runToJson(run))).toEqual(runJsonOf(caps.json(file).run));
          },
        );

        it.each(caps.matching('runs-search.').map((c) => c.file))(
          '%s: same runs, same order, same token',
          async (file) => {
            const c = caps.get(file);
            // No experiment_ids (runs-search.empty_body.json): MLflow searched no experiment and answered {}.
            const ids = bodyField<string[]>(c, 'experiment_ids') ?? [];
            const view = (bodyField<ViewType>(c, 'run_view_type') ?? 'ACTIVE_ONLY') as ViewType;
            const runs: Run[] = (await store.listRuns(ids)).filter(
              (r) => byView([r.info], view).length === 1,
            );
            const got = searchRuns(runs, searchArgs(c));
            const want = caps.json(file);
            const wantRuns = (want.runs ?? []) as { info: { run_id: string } }[];
            expect(got.runs.map((r) => r.info.runId)).toEqual(wantRuns.map((r) => r.info.run_id));
            expect(got.nextPageToken).toEqual(want.next_page_token);
            // MLflow 3.x's SQL store leaves `outputs` out of search results (its runs/get and the FileStore's
            // search have it): runToJson's `outputs` option is exactly that server difference.
            const outputs = !(is3 && backend.dir === 'rest');
            for (const [i, r] of got.runs.entries()) {
              expect(ours(runToJson(r, { outputs })), r.info.runName).toEqual(
                runJsonOf(wantRuns[i]),
              );
            }
          },
        );

        it('unknown run (error.runs-get.unknown_run.json, 404) → NOT_FOUND', async () => {
          const c = caps.get('error.runs-get.unknown_run.json');
          expect(c.status).toBe(404);
          await expectStoreError(store.getRun(queryString(c, 'run_id')), 'NOT_FOUND');
        });

        it.each(
          caps
            .matching('error.runs-search.')
            .filter((c) => c.status === 400)
            .map((c) => c.file),
        )('%s (400) → INVALID_ARGUMENT', async (file) => {
          const c = caps.get(file);
          const runs = await store.listRuns(bodyField<string[]>(c, 'experiment_ids') ?? []);
          let error: unknown;
          try {
            searchRuns(runs, searchArgs(c));
          } catch (e) {
            error = e;
          }
          await expectStoreError(
            Promise.reject(error ?? new Error('searchRuns accepted it')),
            'INVALID_ARGUMENT',
          );
        });
      });

      describe('metric histories', () => {
        const histories = caps.matching('metrics-get-history.');
        it.each(histories.map((c) => c.file))('%s', async (file) => {
          const c = caps.get(file);
          const mine = await store.getMetricHistory(
            queryString(c, 'run_id'),
            queryString(c, 'metric_key'),
          );
          const want = caps.json(file);
          const max = c.query.max_results;
          if (is3 && max === undefined && want.next_page_token !== undefined) {
            // mlflow/mlflow#23916: 3.x without max_results answers no points and a token that never
            // advances (offset 0). The server is wrong, not the data: ours must be the full history, which
            // MLflow 2.12 served for the same logical request (same generator, same fixed timestamps).
            expect(want.metrics).toBeUndefined();
            expect(tokenOffset(String(want.next_page_token))).toBe(0);
            const withMax = file.replace(/\.json$/, '.max_results_25000.json');
            if (caps.entries.some((e) => e.file === withMax)) {
              expect(mine).toEqual(sortHistory(pointsOf(withMax)));
            } else {
              // 2.12 has no 3.1 FileStore log_model duplicates: compare without exact duplicates.
              expect(sortHistory(mine.slice())).toEqual(mine);
              expect(withoutDuplicates(mine)).toEqual(
                sortHistory(sameRequestOn212(backend.dir, file)),
              );
            }
            return;
          }
          const points = pointsOf(file);
          if (is3 && max !== undefined && Number(max) < mine.length) {
            // 3.x pages. MLflow's FileStore server pages over FILE order, where 3.1's log_model appended
            // its duplicate point last (index 200); ours is sorted by (step, timestamp) with the duplicate
            // next to its original. Pages 1-2 (points 0-99) are compared on the deduplicated history.
            const offset =
              c.query.page_token === undefined ? 0 : tokenOffset(String(c.query.page_token));
            expect(points).toEqual(withoutDuplicates(mine).slice(offset, offset + Number(max)));
            expect(want.next_page_token === undefined).toBe(offset + Number(max) >= mine.length);
            return;
          }
          // 2.12 ignores max_results and returns everything; 3.x with a big max_results returns everything.
          // The FileStore server returns file order; ours is (step, timestamp) order, file order for ties.
          expect(want.next_page_token).toBeUndefined();
          expect(mine).toEqual(sortHistory(points));
        });

        it('unknown run (error.metrics-get-history.unknown_run.json) → NOT_FOUND', async () => {
          // MLflow itself disagrees: 404 from the FileStore backend, 200 {} from the SQLite one. A run that
          // does not exist is NOT_FOUND for every Runlens store, as getRun is.
          const c = caps.get('error.metrics-get-history.unknown_run.json');
          expect(c.status).toBe(backend.dir === 'rest' ? 200 : 404);
          await expectStoreError(
            store.getMetricHistory(queryString(c, 'run_id'), 'loss'),
            'NOT_FOUND',
          );
        });
      });

      describe('artifacts', () => {
        const lists = caps
          .matching('artifacts-list.')
          .filter((c) => !c.file.includes('remote_proxied'));
        it.each(lists.map((c) => c.file))(
          '%s: same paths, is_dir, file_size (root_uri not compared)',
          async (file) => {
            const c = caps.get(file);
            const files = await store.listArtifacts(
              queryString(c, 'run_id'),
              String(c.query.path ?? ''),
            );
            const mine = files.map((f) =>
              f.isDir
                ? { path: f.path, is_dir: true }
                : { path: f.path, is_dir: false, file_size: f.fileSize },
            );
            expect(mine).toEqual(caps.json(file).files ?? []);
          },
        );

        it('unknown run (error.artifacts-list.unknown_run.json, 404) → NOT_FOUND', async () => {
          const c = caps.get('error.artifacts-list.unknown_run.json');
          expect(c.status).toBe(404);
          await expectStoreError(store.listArtifacts(queryString(c, 'run_id'), ''), 'NOT_FOUND');
        });

        const gets = caps
          .matching('get-artifact.')
          .filter((c) => !c.file.includes('remote_proxied'));
        it.each(gets.map((c) => c.file))('%s', async (file) => {
          const c = caps.get(file);
          const read = store.readArtifact(
            queryString(c, 'run_uuid'),
            queryString(c, 'path'),
            64 << 20,
          );
          if (c.status === 200) {
            const { bytes, size } = await read;
            expect(Buffer.from(bytes).equals(caps.bytes(file))).toBe(true);
            expect(size).toBe(caps.bytes(file).length);
          } else if (c.status === 400) {
            await expectStoreError(read, 'INVALID_ARGUMENT'); // `..` in the path
          } else {
            // 500 HTML: a missing file (and 3.x `model/MLmodel`, which is a LoggedModel, not a run artifact)
            expect(c.status).toBe(500);
            await expectStoreError(read, 'NOT_FOUND');
          }
        });
      });

      registryCaptureSuite(() => store, caps, {
        unclamp: backend.unclamp,
        sqliteBackend: backend.dir === 'rest',
        is3,
      });
    });
  }
}

function withoutDuplicates(points: Metric[]): Metric[] {
  const seen = new Set<string>();
  return points.filter((p) => {
    const k = `${p.step}|${p.timestamp}|${p.value}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

/** The points MLflow 2.12's server gave for the same logical request (`metrics-get-history.<name>`). */
function sameRequestOn212(dir: 'rest' | 'rest-filestore', file: string): Metric[] {
  const caps = loadCaptures('mlflow-2.12.2.dev0', dir);
  return ((caps.json(file).metrics ?? []) as unknown[]).map((m) => {
    const p = metricFromJson(m);
    return { key: p.key, value: unclampInfinity(p.value), timestamp: p.timestamp, step: p.step };
  });
}
