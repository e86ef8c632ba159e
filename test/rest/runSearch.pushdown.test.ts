/**
 * RestStore.searchRuns against MLflow's own answers: each captured runs/search request, made through
 * RestStore.searchRuns, must reach the replay server as a request equal to the one MLflow's client sent
 * (the replay answers only an equal request) and give back exactly the captured runs and page token.
 * Queries MLflow cannot express are declined (undefined) without any runs/search request carrying
 * them, and the service then answers them in memory.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/common/errors';
import {
  parseRunQuery,
  searchRuns as searchInMemory,
  type RunSearchRequest,
} from '../../shared/common/search/runs';
import type { ViewType } from '../../shared/common/types';
import { InspectorService } from '../../shared/node/service/InspectorService';
import { RestStore } from '../../shared/node/stores/rest';
import {
  type Capture,
  type CaptureSet,
  VERSIONS,
  fixtureDir,
  loadCaptures,
} from '../conformance/captures';
import { type ReplayServer, startReplayServer } from './replayServer';

const FAST = { retries: 0, timeoutMs: 5000 };
/** Captured searches of existing, active experiments (deleted_exp and empty_body are declined: see below). */
const PUSHED = [
  'page1',
  'page2',
  'params_filter',
  'status_failed',
  'run_name_like',
  'children_of_parent',
  'default_view',
  'all_exp1_view_all',
];

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** The RunSearchRequest a caller would make for a captured body. */
function queryOf(c: Capture): { ids: string[]; query: RunSearchRequest } {
  const b = c.body ?? {};
  const query: RunSearchRequest = {};
  if (typeof b.filter === 'string') query.filter = b.filter;
  if (Array.isArray(b.order_by)) query.orderBy = b.order_by as string[];
  if (typeof b.max_results === 'number') query.maxResults = b.max_results;
  if (typeof b.page_token === 'string') query.pageToken = b.page_token;
  if (typeof b.run_view_type === 'string') query.viewType = b.run_view_type as ViewType;
  return { ids: b.experiment_ids as string[], query };
}

function capturedAnswer(
  caps: CaptureSet,
  file: string,
): { ids: string[]; token: string | undefined } {
  const json = caps.json<{ runs?: { info: { run_id: string } }[]; next_page_token?: string }>(file);
  return { ids: (json.runs ?? []).map((r) => r.info.run_id), token: json.next_page_token };
}

for (const version of VERSIONS) {
  for (const backend of ['rest', 'rest-filestore'] as const) {
    describe(`RestStore.searchRuns on ${version}/${backend}`, () => {
      const caps = loadCaptures(version, backend);
      let replay: ReplayServer;
      let rest: RestStore;
      const searches = () => replay.requests.filter((r) => r.path.endsWith('/runs/search'));
      const page1 = queryOf(caps.get('runs-search.page1.json'));

      beforeAll(async () => {
        replay = await startReplayServer(join(fixtureDir(version), backend));
        rest = new RestStore(replay.url, FAST);
        await rest.open();
      });
      afterAll(async () => {
        await rest?.close();
        await replay?.close();
      });

      for (const name of PUSHED) {
        it(`sends MLflow's request for runs-search.${name} and returns its runs and token`, async () => {
          const file = `runs-search.${name}.json`;
          const { ids, query } = queryOf(caps.get(file));
          const before = searches().length;
          const page = await rest.searchRuns(ids, parseRunQuery(query));
          const sent = searches().slice(before);
          expect(sent.map((r) => r.capture)).toEqual([file]);
          const expected = capturedAnswer(caps, file);
          expect(page?.runs.map((r) => r.info.runId)).toEqual(expected.ids);
          expect(page?.nextPageToken).toBe(expected.token);
          // run_view_type only when not ACTIVE_ONLY, as MLflow's client; the filter text as given.
          expect((sent[0]?.body as Record<string, unknown>).run_view_type).toBe(query.viewType);
          expect((sent[0]?.body as Record<string, unknown>).filter).toBe(query.filter);
        });
      }

      it('converts runs as listRuns does (same domain objects)', async () => {
        const { ids, query } = queryOf(caps.get('runs-search.all_exp1_view_all.json'));
        const page = await rest.searchRuns(ids, parseRunQuery(query));
        const listed = new Map((await rest.listRuns(ids)).map((r) => [r.info.runId, r]));
        expect(page?.runs.length).toBe(listed.size);
        for (const r of page?.runs ?? []) expect(r).toEqual(listed.get(r.info.runId));
      });

      it('declines queries MLflow would reject or read otherwise, sending none of them', async () => {
        const declined = [
          "metrics.f1 > 0.8 OR attributes.status = 'FAILED'",
          "(metrics.f1 > 0.8) AND attributes.status = 'FINISHED'",
          "params.seasonality IN ('additive')",
          'tags.model_type IS NULL',
          "attributes.lifecycle_stage = 'active'",
          'METRICS.f1 > 0.8',
          "tags.note = 'it''s'",
          "attributes.run_name like 'eval%'",
        ];
        const before = searches().length;
        for (const filter of declined)
          expect(
            await rest.searchRuns(page1.ids, parseRunQuery({ filter })),
            filter,
          ).toBeUndefined();
        expect(
          await rest.searchRuns(
            page1.ids,
            parseRunQuery({ orderBy: ['attributes.lifecycle_stage'] }),
          ),
        ).toBeUndefined();
        expect(searches().length).toBe(before);
      });

      it('declines a deleted experiment outside view ALL (servers report its runs active)', async () => {
        const { ids } = queryOf(caps.get('runs-search.deleted_exp.json'));
        const before = searches().length;
        expect(await rest.searchRuns(ids, parseRunQuery({}))).toBeUndefined();
        expect(await rest.searchRuns(['no-such-experiment'], parseRunQuery({}))).toBeUndefined();
        expect(searches().length).toBe(before);
      });

      describe('through InspectorService', () => {
        let service: InspectorService;
        let storeId: string;
        beforeAll(async () => {
          service = new InspectorService();
          storeId = value(await service.openStore({ location: replay.url })).storeId;
        });
        afterAll(async () => {
          await service?.closeStore({ storeId });
        });

        it('rejects an invalid query with our INVALID_ARGUMENT before sending anything', async () => {
          const before = searches().length;
          const ids = page1.ids;
          expect(
            await service.searchRuns({ storeId, experimentIds: ids, filter: 'metrics.f1 >>> 1' }),
          ).toMatchObject({
            ok: false,
            error: {
              code: 'INVALID_ARGUMENT',
              message: expect.stringMatching(/^Invalid filter 'metrics\.f1 >>> 1'/),
            },
          });
          expect(
            await service.searchRuns({ storeId, experimentIds: ids, maxResults: 100_000 }),
          ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
          expect(searches().length).toBe(before);
        });

        it('pages page1 → page2 with the server', async () => {
          const { ids, query } = page1;
          const first = value(await service.searchRuns({ storeId, experimentIds: ids, ...query }));
          expect(first.runs.map((r) => r.info.runId)).toEqual(
            capturedAnswer(caps, 'runs-search.page1.json').ids,
          );
          const second = value(
            await service.searchRuns({
              storeId,
              experimentIds: ids,
              ...query,
              pageToken: first.nextPageToken,
            }),
          );
          const expected = capturedAnswer(caps, 'runs-search.page2.json');
          expect(second.runs.map((r) => r.info.runId)).toEqual(expected.ids);
          expect(second.nextPageToken).toBe(expected.token);
        });

        it('answers an OR filter in memory, without sending it to the server', async () => {
          const filter = "metrics.f1 > 0.8 OR attributes.status = 'FAILED'";
          const orderBy = ['metrics.f1 DESC'];
          // The in-memory path lists every run: captured only for the first experiment alone.
          const { ids } = queryOf(caps.get('runs-search.all_exp1_view_all.json'));
          const before = searches().length;
          const page = value(
            await service.searchRuns({ storeId, experimentIds: ids, filter, orderBy }),
          );
          expect(
            searches()
              .slice(before)
              .filter((r) => (r.body as Record<string, unknown> | null)?.filter !== undefined),
          ).toEqual([]);
          const all = (await rest.listRuns(ids)).filter((r) => r.info.lifecycleStage === 'active');
          const expected = searchInMemory(all, { filter, orderBy });
          expect(page.runs.map((r) => r.info.runId)).toEqual(
            expected.runs.map((r) => r.info.runId),
          );
          expect(page.runs.length).toBeGreaterThan(0);
        });
      });
    });
  }
}
