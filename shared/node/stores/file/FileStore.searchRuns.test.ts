/**
 * FileStore's own search (RunIndex.search: the kept summaries searched, Runs assembled for the page
 * only) and count give exactly what the service's in-memory search and count give over `listRuns`:
 * every filter and order_by example of runs.test.ts plus generated combinations, in every view and with
 * paging (and the first screen's preview of the first page), on both real-MLflow fixture stores and a synthetic store full of NaN, ±max, missing keys, odd
 * strings and deleted runs and experiments (written from the synthetic SQLite store's runs).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { searchRuns } from '../../../common/search/runs';
import type { Run, ViewType } from '../../../common/types';
import { InspectorService } from '../../service/InspectorService';
import { SqliteStore } from '../sqlite/SqliteStore';
import { FileStore } from './FileStore';
import { buildSyntheticDb } from '../../../../test/support/sqliteSearchRuns.testData';
import { tempDir } from '../../../../test/support/sqlite';
import { FIXTURES } from '../../../../test/support/fileStoreCopies';
import {
  answer as value,
  askEverything,
  everyPage,
  servicePage,
  outcome,
  runsInView,
  type Outcome,
  type Page,
  type PageQuery as Query,
} from '../../../../test/support/runSearchPages';

const STATUS_NUMBER: Record<string, number> = {
  RUNNING: 1,
  SCHEDULED: 2,
  FINISHED: 3,
  FAILED: 4,
  KILLED: 5,
};

const yamlString = (s: string): string => JSON.stringify(s);
const pyFloat = (v: number): string =>
  Number.isNaN(v) ? 'nan' : v === Infinity ? 'inf' : v === -Infinity ? '-inf' : String(v);

/** An mlruns tree holding the runs of the synthetic SQLite store (datasets left out). */
async function syntheticMlruns(root: string): Promise<void> {
  const db = join(root, 'synthetic.db');
  buildSyntheticDb(db);
  const source = new SqliteStore(db);
  await source.open();
  const write = (rel: string, text: string): void => {
    const path = join(root, 'mlruns', rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  try {
    const experiments = await source.listExperiments();
    for (const e of experiments) {
      const folder = e.lifecycleStage === 'deleted' ? `.trash/${e.experimentId}` : e.experimentId;
      write(
        `${folder}/meta.yaml`,
        `artifact_location: file:///a/${e.experimentId}\nexperiment_id: '${e.experimentId}'\n` +
          `lifecycle_stage: ${e.lifecycleStage}\nname: ${yamlString(e.name)}\n`,
      );
      for (const run of await source.listRuns([e.experimentId])) {
        const { info, data } = run;
        const dir = `${folder}/${info.runId}`;
        const meta = [
          `artifact_uri: ${yamlString(info.artifactUri)}`,
          `experiment_id: '${e.experimentId}'`,
          `lifecycle_stage: ${info.lifecycleStage === 'deleted' && e.lifecycleStage !== 'deleted' ? 'deleted' : 'active'}`,
          `run_id: ${info.runId}`,
          `run_name: ${yamlString(info.runName)}`,
          `user_id: ${yamlString(info.userId)}`,
          ...(STATUS_NUMBER[info.status] ? [`status: ${STATUS_NUMBER[info.status]}`] : []),
          ...(info.startTime === null ? [] : [`start_time: ${info.startTime}`]),
          ...(info.endTime === null ? [] : [`end_time: ${info.endTime}`]),
        ];
        write(`${dir}/meta.yaml`, `${meta.join('\n')}\n`);
        for (const [k, v] of Object.entries(data.params)) write(`${dir}/params/${k}`, v);
        for (const [k, v] of Object.entries(data.tags)) write(`${dir}/tags/${k}`, v);
        for (const m of Object.values(data.metrics))
          write(`${dir}/metrics/${m.key}`, `${m.timestamp} ${pyFloat(m.value)} ${m.step}\n`);
        mkdirSync(join(root, 'mlruns', dir, 'metrics'), { recursive: true });
      }
    }
  } finally {
    await source.close();
  }
}

const temp = tempDir();
afterAll(() => temp.cleanup());

const STORES: [string, () => Promise<string>][] = [
  ['mlflow 2.12 fixture', async () => join(FIXTURES, 'mlflow-2.12.2.dev0', 'mlruns')],
  ['mlflow 3.1 fixture', async () => join(FIXTURES, 'mlflow-3.1.2.dev0', 'mlruns')],
  [
    'synthetic store',
    async () => {
      await syntheticMlruns(temp.dir);
      return join(temp.dir, 'mlruns');
    },
  ],
];

describe.each(STORES)('FileStore search on the %s', (_name, location) => {
  let own: { service: InspectorService; storeId: string; store: FileStore };
  let listed: { service: InspectorService; storeId: string };
  /** Asked only for previews: they come from the index cache `own` wrote (a launch before). */
  let fromCache: { service: InspectorService; storeId: string; store: FileStore };
  let experimentIds: string[];
  let all: Run[];
  let queries = 0;

  /** A service over the store: searching itself, or (`listOnly`) listed and searched by the service. */
  async function serviceOver(path: string, listOnly: boolean, cacheDir?: string) {
    const store = new FileStore(path, cacheDir === undefined ? {} : { cacheDir });
    if (listOnly) {
      Object.assign(store, { searchRuns: undefined, countRuns: undefined });
      expect(store.searchRuns).toBeUndefined();
    }
    const service = new InspectorService({ createStore: async () => store });
    const opened = value(await service.openStore({ location: path }));
    return { service, storeId: opened.storeId, store };
  }

  beforeAll(async () => {
    const path = await location();
    const cacheDir = join(temp.dir, `cache-${_name.replace(/\W/g, '-')}`);
    own = await serviceOver(path, false, cacheDir);
    listed = await serviceOver(path, true);
    experimentIds = (await own.store.listExperiments()).map((e) => e.experimentId);
    all = await own.store.listRuns(experimentIds);
    expect(all.length).toBeGreaterThan(5);
    fromCache = await serviceOver(path, false, cacheDir);
  });
  afterAll(async () => {
    await own.service.dispose();
    await listed.service.dispose();
    await fromCache.service.dispose();
  });

  const search = (over: typeof listed, query: Query, view: ViewType): Promise<Page> =>
    servicePage(over, experimentIds, query, view);

  /** Every path, every page, and the count; returns the first page's in-memory outcome. */
  async function compare(q: Query, view: ViewType): Promise<Outcome> {
    const first = await everyPage(q, async (query, page) => {
      const mine = await outcome(() => search(own, query, view));
      const theirs = await outcome(() => search(listed, query, view));
      const memory = await outcome(async () => searchRuns(runsInView(all, view), query));
      queries++;
      const label = `${JSON.stringify(query)} view ${view} page ${page}`;
      expect(mine, label).toEqual(theirs);
      if (!('error' in theirs)) expect(mine, label).toEqual(memory);
      return { memory, stop: 'error' in mine };
    });
    const counted = (over: { service: InspectorService; storeId: string }) =>
      over.service.countRuns({
        storeId: over.storeId,
        experimentIds,
        viewType: view,
        ...(q.filter === undefined ? {} : { filter: q.filter }),
      });
    expect(await counted(own), `count ${q.filter} ${view}`).toEqual(await counted(listed));
    if (q.pageToken === undefined) {
      // The first screen's preview is the exact first page, whether the index is in memory or the
      // cache of a launch before (RunIndex.cachedPage either way).
      for (const over of [own, fromCache]) {
        const preview = await over.service.searchRuns({
          storeId: over.storeId,
          experimentIds,
          ...q,
          viewType: view,
          freshness: 'cached-ok',
        });
        const label = `preview ${JSON.stringify(q)} ${view}${over === own ? '' : ' (cache)'}`;
        if ('error' in first) expect(preview.ok, label).toBe(false);
        else
          expect(preview.ok && preview.value, label).toEqual({ runs: first.runs, fromCache: true });
      }
    }
    return first;
  }

  it('answers every example and 100 generated queries alike, in every view, page by page', async () => {
    const { nonEmpty } = await askEverything(compare, all, 7919 + experimentIds.length, 100);
    // The generator must mostly select something, or the comparison proves little.
    expect(nonEmpty).toBeGreaterThan(20);
    expect(queries).toBeGreaterThan(300);
  });

  it('previewed from the cache alone: that store never indexed', () => {
    const stats = fromCache.store.indexStats();
    expect(stats.summariesDecoded).toBeGreaterThan(5);
    expect(stats.runsRead + stats.runsReused).toBe(0);
  });

  it('searches and counts without listing Runs', async () => {
    const listing = vi.spyOn(own.store, 'listRuns');
    await compare({ filter: 'metrics.acc > 0 OR params.lr IS NOT NULL', maxResults: 3 }, 'ALL');
    expect(listing).not.toHaveBeenCalled();
    listing.mockRestore();
  });
});
