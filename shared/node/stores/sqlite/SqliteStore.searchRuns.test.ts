/**
 * The run-search push-down gives exactly the in-memory answer: every filter and order_by example of
 * runs.test.ts plus generated combinations, in every view and with paging, through the service's three
 * paths — SQL (SqliteStore.searchRuns), the service's in-memory search when the store declines (every
 * query declined), and the shared in-memory searchRuns over listRuns — on both real-MLflow fixture
 * databases and a synthetic one full of NaN, ±inf, missing keys and odd strings.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../common/errors';
import { parseRunQuery, searchRuns } from '../../../common/search/runs';
import type { Run, ViewType } from '../../../common/types';
import { InspectorService } from '../../service/InspectorService';
import { SqliteStore } from './SqliteStore';
import {
  buildSyntheticDb,
  exampleFilters,
  exampleOrderBys,
  randomFilter,
  randomOrderBy,
  rng,
  vocabulary,
} from '../../../../test/support/sqliteSearchRuns.testData';
import { fixtureDb, tempDir } from '../../../../test/support/sqlite';

const VIEWS: ViewType[] = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'];

interface Query {
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
}

type Outcome = { ids: string[]; token: string | undefined; runs: Run[] } | { error: string };

type Page = { runs: Run[]; nextPageToken?: string };

async function outcome(work: () => Promise<Page>): Promise<Outcome> {
  try {
    const page = await work();
    return { ids: page.runs.map((r) => r.info.runId), token: page.nextPageToken, runs: page.runs };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

function answer(result: Result<Page>): Page {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** A service over the database whose SqliteStore searches in SQL, or declines every query. */
async function serviceOver(
  path: string,
  decline: boolean,
): Promise<{ service: InspectorService; storeId: string; store: SqliteStore }> {
  const store = new SqliteStore(path);
  if (decline) store.searchRuns = async () => undefined;
  const service = new InspectorService({ createStore: async () => store });
  const opened = await service.openStore({ location: path });
  if (!opened.ok) throw new Error(opened.error.message);
  return { service, storeId: opened.value.storeId, store };
}

const temp = tempDir();
const synthetic = join(temp.dir, 'synthetic.db');
buildSyntheticDb(synthetic);
afterAll(() => temp.cleanup());

const DBS: [string, string][] = [
  ['mlflow 2.12 fixture', fixtureDb('mlflow-2.12.2.dev0')],
  ['mlflow 3.1 fixture', fixtureDb('mlflow-3.1.2.dev0')],
  ['synthetic', synthetic],
];

describe.each(DBS)('run search push-down on %s', (_name, path) => {
  let pushed: Awaited<ReturnType<typeof serviceOver>>;
  let declined: Awaited<ReturnType<typeof serviceOver>>;
  let experimentIds: string[];
  let all: Run[];
  let fallbacks = 0;
  let queries = 0;

  beforeAll(async () => {
    pushed = await serviceOver(path, false);
    declined = await serviceOver(path, true);
    experimentIds = (await pushed.store.listExperiments()).map((e) => e.experimentId);
    all = await pushed.store.listRuns(experimentIds);
  });
  afterAll(async () => {
    await pushed.service.dispose();
    await declined.service.dispose();
  });

  const search = async (over: typeof pushed, query: Query, viewType: ViewType): Promise<Page> =>
    answer(
      await over.service.searchRuns({ storeId: over.storeId, experimentIds, ...query, viewType }),
    );

  const inView = (view: ViewType): Run[] => {
    const stage = view === 'DELETED_ONLY' ? 'deleted' : 'active';
    return all.filter((r) => view === 'ALL' || r.info.lifecycleStage === stage);
  };

  /** Every path, every page; returns the first page's in-memory outcome. */
  async function compare(q: Query, view: ViewType): Promise<Outcome> {
    let first: Outcome | undefined;
    let token: string | undefined = q.pageToken;
    for (let page = 1; ; page++) {
      const query = token === undefined ? q : { ...q, pageToken: token };
      const spy = vi.spyOn(pushed.store, 'listRuns');
      const sql = await outcome(() => search(pushed, query, view));
      queries++;
      if (spy.mock.calls.length > 0) fallbacks++;
      spy.mockRestore();
      const fallback = await outcome(() => search(declined, query, view));
      const memory = await outcome(async () => searchRuns(inView(view), query));
      const label = `${JSON.stringify(query)} view ${view} page ${page}`;
      first ??= memory;
      if ('error' in memory || 'error' in sql || 'error' in fallback) {
        expect(fallback, label).toEqual(sql);
        // The contract's request check answers first for a max_results out of range, in its own words.
        if ('error' in sql && sql.error.startsWith('searchRuns: request.'))
          expect('error' in memory, label).toBe(true);
        else expect(sql, label).toEqual(memory);
        return first;
      }
      for (const got of [sql, fallback]) {
        expect({ ids: got.ids, token: got.token }, label).toEqual({
          ids: memory.ids,
          token: memory.token,
        });
        expect(got.runs, label).toEqual(memory.runs);
      }
      if (memory.token === undefined) return first;
      token = memory.token;
    }
  }

  it('answers every filter example of runs.test.ts alike, in every view', async () => {
    const filters = exampleFilters();
    expect(filters.length).toBeGreaterThan(80);
    for (const filter of filters) for (const view of VIEWS) await compare({ filter }, view);
  });

  it('orders every order_by example of runs.test.ts alike, paging 2 at a time', async () => {
    const orders = exampleOrderBys();
    expect(orders.length).toBeGreaterThan(20);
    for (const orderBy of orders)
      for (const view of VIEWS) await compare({ orderBy, maxResults: 2 }, view);
  });

  it('answers 400 generated filter × order_by × view × page size combinations alike', async () => {
    const r = rng(path.length * 7919);
    const words = vocabulary(all);
    let errors = 0;
    let nonEmpty = 0;
    for (let i = 0; i < 400; i++) {
      const q: Query = { filter: randomFilter(r, words), orderBy: randomOrderBy(r, words) };
      if (r() < 0.6) q.maxResults = 1 + Math.floor(r() * 7);
      const first = await compare(q, VIEWS[i % 3] as ViewType);
      if ('error' in first) errors++;
      else if (first.ids.length > 0) nonEmpty++;
    }
    // The generator must mostly make valid filters that select something, or the comparison proves little.
    expect(errors).toBeLessThan(40);
    expect(nonEmpty).toBeGreaterThan(100);
  });

  it('pages alike from tokens past the end, and rejects bad tokens and sizes alike', async () => {
    await compare({ maxResults: 5, pageToken: 'eyJvZmZzZXQiOiAxMDAwfQ==' }, 'ALL');
    await compare({ pageToken: 'garbage!' }, 'ALL');
    await compare({ maxResults: 0 }, 'ALL');
    await compare({ maxResults: 50_001, filter: 'metrics.x >' }, 'ALL');
  });

  it('pushes nearly every query down (declines only what SQL cannot say exactly)', () => {
    expect(queries).toBeGreaterThan(500);
    expect(fallbacks / queries).toBeLessThan(0.1);
  });
});

describe('push-down and fallback on the synthetic store', () => {
  const store = new SqliteStore(synthetic);
  beforeAll(() => store.open());
  afterAll(() => store.close());

  async function usesMemory(query: Query & { viewType?: ViewType }): Promise<boolean> {
    return (await store.searchRuns(['0', '1', '2'], parseRunQuery(query))) === undefined;
  }

  it.each<[string, Query, boolean]>([
    [
      'metric comparison',
      { filter: 'metrics.acc > 0.5 OR metrics.loss != 1', orderBy: ['metrics.loss DESC'] },
      false,
    ],
    ['ASCII ILIKE (SQL with case classes)', { filter: "params.lr ILIKE 'KELVIN%'" }, false],
    ['datasets', { filter: "datasets.context = 'eval' AND datasets.name ILIKE 'iris%'" }, false],
    ['string order without astral characters', { orderBy: ['params.lr', 'run_name DESC'] }, false],
    ['non-ASCII ILIKE pattern', { filter: "params.lr ILIKE 'é'" }, true],
    ['order by values with astral characters', { orderBy: ['tags.emoji'] }, true],
  ])('%s: in memory = %s', async (_what, query, memory) => {
    expect(await usesMemory(query)).toBe(memory);
  });

  it('leaves out a run whose status MLflow does not know, as listRuns does', async () => {
    const page = await store.searchRuns(
      ['0', '1', '2'],
      parseRunQuery({ viewType: 'ALL', maxResults: 1000 }),
    );
    expect(page?.runs).toHaveLength(89);
    expect(page?.runs.map((r) => r.info.runId)).not.toContain('r79');
  });
});
