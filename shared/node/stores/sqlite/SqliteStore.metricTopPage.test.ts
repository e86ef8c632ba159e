/**
 * The candidate path for pages sorted by a metric (metricTopPage.ts) answers exactly what the in-memory
 * search and the general SQL query answer: every metric of the real-MLflow fixtures and the synthetic
 * store (ties, NaN, clamped ±inf, missing keys), both directions, with and without a second key, active
 * and all runs, one or several experiments, every page. Its threshold is lowered to 0 here so that it
 * runs on small stores; the test also proves it was taken, and that it declines where it must.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseRunQuery, searchRuns, type RunSearchRequest } from '../../../common/search/runs';
import type { Run, ViewType } from '../../../common/types';
import { SqliteConnection } from './SqliteConnection';
import { SqliteStore } from './SqliteStore';
import { buildSyntheticDb } from '../../../../test/support/sqliteSearchRuns.testData';
import { fixtureDb, tempDir } from '../../../../test/support/sqlite';

const temp = tempDir();
const synthetic = join(temp.dir, 'synthetic.db');
buildSyntheticDb(synthetic);
afterAll(() => temp.cleanup());

/** Store, and whether its metrics have enough runs for candidates (the fixtures' have a handful). */
const DBS: [string, string, boolean][] = [
  ['mlflow 2.12 fixture', fixtureDb('mlflow-2.12.2.dev0'), false],
  ['mlflow 3.1 fixture', fixtureDb('mlflow-3.1.2.dev0'), false],
  ['synthetic', synthetic, true],
];

const quoted = (key: string): string => `metrics.\`${key}\``;

describe.each(DBS)('pages sorted by a metric from candidates, on %s', (_name, path, taken) => {
  const fast = new SqliteStore(path, { topPageMinRows: 0 });
  const general = new SqliteStore(path);
  let experimentIds: string[];
  let all: Run[];
  let metricKeys: string[];

  beforeAll(async () => {
    await fast.open();
    await general.open();
    experimentIds = (await fast.listExperiments()).map((e) => e.experimentId);
    all = await fast.listRuns(experimentIds);
    metricKeys = [...new Set(all.flatMap((r) => Object.keys(r.data.metrics)))].sort();
  });
  afterAll(async () => {
    await fast.close();
    await general.close();
  });

  /** Records the SQL of every `all()` while the returned spy is in place. */
  function recordSql(into: string[]) {
    const realAll = SqliteConnection.prototype.all;
    return vi.spyOn(SqliteConnection.prototype, 'all').mockImplementation(function (
      this: SqliteConnection,
      sql,
      params,
    ) {
      into.push(sql);
      return realAll.call(this, sql, params) as never;
    });
  }

  /** SQL statements of the candidate path's second step (the only ones reading json_each). */
  function candidatePages(sqls: string[]): number {
    return sqls.filter((sql) => sql.includes('json_each')).length;
  }

  async function everyPage(
    store: SqliteStore,
    ids: string[],
    query: { orderBy: string[]; maxResults: number; viewType: ViewType },
  ): Promise<{ pages: string[][]; tokens: (string | undefined)[]; runs: Run[] }> {
    const pages: string[][] = [];
    const tokens: (string | undefined)[] = [];
    const runs: Run[] = [];
    let token: string | undefined;
    do {
      const page = await store.searchRuns(
        ids,
        parseRunQuery(token ? { ...query, pageToken: token } : query),
      );
      if (!page) throw new Error(`declined ${JSON.stringify(query)}`);
      pages.push(page.runs.map((r) => r.info.runId));
      runs.push(...page.runs);
      token = page.nextPageToken;
      tokens.push(token);
    } while (token !== undefined && pages.length < 200);
    return { pages, tokens, runs };
  }

  it('gives the general answer for every metric, direction, second key, view and scope', async () => {
    expect(metricKeys.length).toBeGreaterThan(0);
    const sqls: string[] = [];
    const spy = recordSql(sqls);
    try {
      const scopes = [experimentIds, experimentIds.slice(0, 1)];
      for (const key of metricKeys)
        for (const dir of ['ASC', 'DESC'])
          for (const second of [[], ['params.lr DESC']])
            for (const viewType of ['ACTIVE_ONLY', 'ALL'] as ViewType[])
              for (const ids of scopes)
                for (const maxResults of [1, 3]) {
                  const query = {
                    orderBy: [`${quoted(key)} ${dir}`, ...second],
                    maxResults,
                    viewType,
                  };
                  const label = `${JSON.stringify(query)} in ${ids.join(',')}`;
                  const got = await everyPage(fast, ids, query);
                  expect(got, label).toEqual(await everyPage(general, ids, query));
                  const inView = all.filter(
                    (r) =>
                      ids.includes(r.info.experimentId) &&
                      (viewType === 'ALL' || r.info.lifecycleStage === 'active'),
                  );
                  const memory = searchRuns(inView, {
                    orderBy: query.orderBy,
                    maxResults: 50_000,
                  });
                  expect(got.pages.flat(), label).toEqual(memory.runs.map((r) => r.info.runId));
                }
    } finally {
      spy.mockRestore();
    }
    // Taken often (first pages of every metric), yet not always (last pages, ties, NaN tails).
    if (taken) expect(candidatePages(sqls)).toBeGreaterThan(metricKeys.length * 4);
    else expect(candidatePages(sqls)).toBe(0);
  });

  it('declines filtered searches and the deleted view', async () => {
    const sqls: string[] = [];
    const spy = recordSql(sqls);
    try {
      const orderBy = [`${quoted(metricKeys[0] ?? 'x')} DESC`];
      const search = (q: RunSearchRequest) => fast.searchRuns(experimentIds, parseRunQuery(q));
      await search({ orderBy, maxResults: 1, filter: 'attributes.status != "X"' });
      await search({ orderBy, maxResults: 1, viewType: 'DELETED_ONLY' });
    } finally {
      spy.mockRestore();
    }
    expect(candidatePages(sqls)).toBe(0);
  });
});
