/**
 * The run-search push-down gives exactly the in-memory answer: every filter and order_by example of
 * runs.test.ts plus generated combinations, in every view and with paging, through the service's three
 * paths — SQL (SqliteStore.searchRuns), the service's in-memory search when the store declines (every
 * query declined), and the shared in-memory searchRuns over listRuns — on both real-MLflow fixture
 * databases and a synthetic one full of NaN, ±inf, missing keys and odd strings.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseRunQuery, searchRuns } from '../../../common/search/runs';
import type { Run, ViewType } from '../../../common/types';
import { InspectorService } from '../../service/InspectorService';
import { SqliteStore } from './SqliteStore';
import { buildSyntheticDb } from '../../../../test/support/sqliteSearchRuns.testData';
import { fixtureDb, tempDir } from '../../../../test/support/sqlite';
import {
  askEverything,
  everyPage,
  servicePage,
  outcome,
  runsInView,
  type Outcome,
  type Page,
  type PageQuery as Query,
} from '../../../../test/support/runSearchPages';

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

  const search = (over: typeof pushed, query: Query, view: ViewType): Promise<Page> =>
    servicePage(over, experimentIds, query, view);

  /** Every path, every page; returns the first page's in-memory outcome. */
  function compare(q: Query, view: ViewType): Promise<Outcome> {
    return everyPage(q, async (query, page) => {
      const spy = vi.spyOn(pushed.store, 'listRuns');
      const sql = await outcome(() => search(pushed, query, view));
      queries++;
      if (spy.mock.calls.length > 0) fallbacks++;
      spy.mockRestore();
      const fallback = await outcome(() => search(declined, query, view));
      const memory = await outcome(async () => searchRuns(runsInView(all, view), query));
      const label = `${JSON.stringify(query)} view ${view} page ${page}`;
      if ('error' in memory || 'error' in sql || 'error' in fallback) {
        expect(fallback, label).toEqual(sql);
        // The contract's request check answers first for a max_results out of range, in its own words.
        if ('error' in sql && sql.error.startsWith('searchRuns: request.'))
          expect('error' in memory, label).toBe(true);
        else expect(sql, label).toEqual(memory);
        return { memory, stop: true };
      }
      for (const got of [sql, fallback]) {
        expect({ ids: got.ids, token: got.token }, label).toEqual({
          ids: memory.ids,
          token: memory.token,
        });
        expect(got.runs, label).toEqual(memory.runs);
      }
      return { memory };
    });
  }

  it('answers every example and 400 generated queries alike, in every view, page by page', async () => {
    const { errors, nonEmpty } = await askEverything(compare, all, path.length * 7919, 400);
    // The generator must mostly make valid filters that select something, or the comparison proves little.
    expect(errors).toBeLessThan(40);
    expect(nonEmpty).toBeGreaterThan(100);
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
