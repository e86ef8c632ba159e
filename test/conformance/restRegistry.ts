/**
 * The registry, LoggedModel and trace part of restCaptures.test.ts: the same answers as MLflow's server
 * for registered models, model versions (search, get, paging, filters), 3.x LoggedModels and traces.
 *
 * One backend difference of MLflow's is smoothed over, explicitly: its SQLite store loads a version's
 * aliases only in `model-versions/get`, so the SQLite-backed server sends no `aliases` on versions in
 * `latest_versions` and in `model-versions/search`; the FileStore-backed server sends them everywhere.
 * Ours always knows them; for the SQLite captures they are removed from exactly those places.
 */
import { describe, expect, it } from 'vitest';
import { modelVersionToJson, registeredModelToJson } from '../../shared/common/mlflowJson';
import { searchModelVersions, searchRegisteredModels } from '../../shared/common/search';
import type { ModelVersion, RegisteredModel } from '../../shared/common/types';
import type { TrackingStore } from '../../shared/node/stores/TrackingStore';
import { type Capture, type CaptureSet, bodyField, queryString } from './captures';
import { asJson, canonical } from './restJson';

export interface RegistryOptions {
  unclamp: boolean;
  /** Captured on the SQLite-backed server (no version aliases outside model-versions/get). */
  sqliteBackend: boolean;
  is3: boolean;
}

function searchArgs(c: Capture): {
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
} {
  const order = c.query.order_by;
  return {
    filter: c.query.filter as string | undefined,
    orderBy:
      order === undefined ? undefined : Array.isArray(order) ? order.map(String) : [String(order)],
    maxResults: c.query.max_results === undefined ? undefined : Number(c.query.max_results),
    pageToken: c.query.page_token as string | undefined,
  };
}

function withoutAliases(json: unknown): unknown {
  const { aliases: _aliases, ...rest } = json as Record<string, unknown>;
  return rest;
}

export function registryCaptureSuite(
  getStore: () => TrackingStore,
  caps: CaptureSet,
  opts: RegistryOptions,
): void {
  const versionJson = (v: ModelVersion, inSearch: boolean): unknown => {
    const json = asJson(modelVersionToJson(v));
    return canonical(inSearch && opts.sqliteBackend ? withoutAliases(json) : json);
  };
  const modelJson = (m: RegisteredModel): unknown => {
    const json = asJson(registeredModelToJson(m)) as Record<string, unknown>;
    if (opts.sqliteBackend && Array.isArray(json.latest_versions))
      json.latest_versions = json.latest_versions.map(withoutAliases);
    return canonical(json);
  };

  describe('model registry', () => {
    it.each(caps.matching('registered-models-search').map((c) => c.file))('%s', async (file) => {
      const c = caps.get(file);
      const got = searchRegisteredModels(await getStore().listRegisteredModels(), searchArgs(c));
      const want = caps.json(file);
      const wantList = (want.registered_models ?? []) as { name: string }[];
      expect(got.registeredModels.map((m) => m.name)).toEqual(wantList.map((m) => m.name));
      expect(got.nextPageToken).toEqual(want.next_page_token);
      for (const [i, m] of got.registeredModels.entries())
        expect(modelJson(m), m.name).toEqual(canonical(wantList[i]));
    });

    it.each(caps.matching('registered-models-get.').map((c) => c.file))('%s', async (file) => {
      const name = queryString(caps.get(file), 'name');
      const model = (await getStore().listRegisteredModels()).find((m) => m.name === name);
      expect(model && modelJson(model)).toEqual(canonical(caps.json(file).registered_model));
    });

    it.each(caps.matching('model-versions-search').map((c) => c.file))('%s', async (file) => {
      const c = caps.get(file);
      const got = searchModelVersions(await getStore().listModelVersions(), searchArgs(c));
      const want = caps.json(file);
      const wantList = (want.model_versions ?? []) as { name: string; version: string }[];
      expect(got.modelVersions.map((v) => `${v.name}/${v.version}`)).toEqual(
        wantList.map((v) => `${v.name}/${v.version}`),
      );
      expect(got.nextPageToken).toEqual(want.next_page_token);
      for (const [i, v] of got.modelVersions.entries())
        expect(versionJson(v, true), `${v.name}/${v.version}`).toEqual(canonical(wantList[i]));
    });

    it.each([
      'model-versions-get.json',
      'model-versions-get.deleted.json',
      'error.model-versions-get.unknown.json',
    ])('%s', async (file) => {
      const c = caps.get(file);
      const [name, version] = [queryString(c, 'name'), queryString(c, 'version')];
      const found = (await getStore().listModelVersions()).find(
        (v) => v.name === name && v.version === version,
      );
      // 404: deleted (hidden) or unknown. The 3.1 FileStore shows iris-logreg-small v3 with 200: its
      // delete failed in MLflow's FileStore (ids-file.json failed_operations), and ours shows it too.
      if (c.status === 404) expect(found).toBeUndefined();
      else
        expect(found && versionJson(found, false)).toEqual(
          canonical(caps.json(file).model_version),
        );
    });

    it('unknown registered model (error.registered-models-get.unknown.json, 404) is not listed', async () => {
      const c = caps.get('error.registered-models-get.unknown.json');
      expect(c.status).toBe(404);
      expect(
        (await getStore().listRegisteredModels()).some((m) => m.name === queryString(c, 'name')),
      ).toBe(false);
    });
  });

  // 2.x servers have no LoggedModels nor traces, and their captures have none: nothing to compare.
  if (!opts.is3) return;
  describe('3.x LoggedModels and traces', () => {
    it('logged-models-search.* / logged-models-get: the same models', async () => {
      const store = getStore();
      for (const file of [
        'logged-models-search.json',
        'logged-models-search.filter.json',
        'logged-models-search.page1.json',
      ]) {
        const c = caps.get(file);
        const mine = await store.listLoggedModels(bodyField<string[]>(c, 'experiment_ids') ?? []);
        const want = ((caps.json(file).models ?? []) as { info: { model_id: string } }[]).map(
          (m) => m.info.model_id,
        );
        if (file.endsWith('page1.json')) {
          // max_results 1, order by creation_time ascending: the oldest model (no LoggedModel search in
          // Runlens yet — the contract's searchLoggedModels takes experiment ids only — so sorted here)
          const oldest = [...mine].sort(
            (a, b) => (a.creationTimestamp ?? 0) - (b.creationTimestamp ?? 0),
          )[0];
          expect([oldest?.modelId]).toEqual(want);
        } else {
          // `metrics.f1 > 0.5` matches all three in MLflow: check the f1 values ourselves
          if (file.includes('filter'))
            for (const m of mine)
              expect(m.metrics.find((x) => x.key === 'f1')?.value).toBeGreaterThan(0.5);
          expect(mine.map((m) => m.modelId).sort()).toEqual([...want].sort());
        }
      }
      const get = caps.json<{ model: { info: Record<string, unknown> } }>('logged-models-get.json')
        .model.info;
      const model = (await store.listLoggedModels()).find((m) => m.modelId === get.model_id);
      expect(model).toMatchObject({
        experimentId: get.experiment_id,
        name: get.name,
        status: get.status,
        sourceRunId: get.source_run_id,
        creationTimestamp: get.creation_timestamp_ms,
        lastUpdatedTimestamp: get.last_updated_timestamp_ms,
      });
      const unknown = caps.get('error.logged-models-get.unknown.json');
      expect((await store.listLoggedModels()).some((m) => unknown.path.endsWith(m.modelId))).toBe(
        false,
      );
    });

    it('traces-search.v3.json: the same traces, states and request times', async () => {
      const c = caps.get('traces-search.v3.json');
      const locations =
        bodyField<{ mlflow_experiment: { experiment_id: string } }[]>(c, 'locations') ?? [];
      const mine = await getStore().listTraces(
        locations.map((l) => l.mlflow_experiment.experiment_id),
      );
      const want = (caps.json(c.file).traces ?? []) as {
        trace_id: string;
        state: string;
        request_time: string;
      }[];
      const view = (id: string, state: string, time: number) => ({ id, state, time });
      expect(
        mine.map((t) => view(t.traceId, t.state, t.requestTime)).sort((a, b) => b.time - a.time),
      ).toEqual(want.map((t) => view(t.trace_id, t.state, Date.parse(t.request_time))));
    });
  });
}
