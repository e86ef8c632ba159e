/**
 * searchRuns with `freshness: 'cached-ok'` (issue 12, the app's stale-while-revalidate): on a FileStore
 * indexed by an earlier launch, the first page comes from the cache without checking the disk and is
 * marked `fromCache`; the exact answer (no freshness) sees the change. Without a cache it is exact.
 * Runs on a temp copy of the 3.1 fixture; the change is made the way MLflow writes a tag.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestOf, RunsPage } from '../../common/contract';
import { CACHE_DIR_ENV } from '../stores/file/index/cacheDir';
import { InspectorService } from './InspectorService';
import { copyFixture, fixtureIds, setTag, tempDir } from '../../../test/support/fileStoreCopies';

const ids = fixtureIds();
const FORECASTING = ids.experiments['forecasting'] as string;

let root: string;
let cacheDir: string;
let savedEnv: string | undefined;
beforeEach(() => {
  root = copyFixture();
  cacheDir = tempDir('cache');
  savedEnv = process.env[CACHE_DIR_ENV];
  process.env[CACHE_DIR_ENV] = cacheDir;
});
afterEach(() => {
  if (savedEnv === undefined) delete process.env[CACHE_DIR_ENV];
  else process.env[CACHE_DIR_ENV] = savedEnv;
  rmSync(join(root, '..'), { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

type Search = Omit<RequestOf<'searchRuns'>, 'storeId'>;

/** A fresh service (a new launch) with the copy open; `search` answers or throws. */
async function launch(): Promise<{
  search: (req: Search) => Promise<RunsPage>;
  dispose: () => Promise<void>;
}> {
  const service = new InspectorService({ cwd: () => root });
  const opened = await service.openStore({ location: root });
  if (!opened.ok || opened.value.state !== 'ready') throw new Error(JSON.stringify(opened));
  const { storeId } = opened.value;
  return {
    search: async (req) => {
      const answer = await service.searchRuns({ storeId, ...req });
      if (!answer.ok) throw new Error(answer.error.message);
      return answer.value;
    },
    dispose: () => service.dispose(),
  };
}

const byName: Search = {
  experimentIds: [FORECASTING],
  orderBy: ['attributes.run_name ASC'],
  maxResults: 4,
};
const PROBE = 'runlens.test.probe';
const tagOf = (page: RunsPage, runId: string): string | undefined =>
  page.runs.find((r) => r.info.runId === runId)?.data.tags[PROBE];

describe("searchRuns freshness 'cached-ok'", () => {
  it('answers the first page from the cache of an earlier launch, and the exact call sees the change', async () => {
    const first = await launch();
    const exactBefore = await first.search(byName);
    expect(exactBefore.fromCache).toBeUndefined();
    expect(exactBefore.nextPageToken).toBeTruthy();
    await first.dispose();

    const run = exactBefore.runs[0]?.info.runId as string;
    setTag(join(root, FORECASTING, run), PROBE, 'changed-after-launch');

    const second = await launch();
    const preview = await second.search({ ...byName, freshness: 'cached-ok' });
    expect(preview.fromCache).toBe(true);
    // Same runs in the same order as the earlier launch saw them; no token (pages follow the exact one).
    expect(preview.runs).toEqual(exactBefore.runs);
    expect(preview.nextPageToken).toBeUndefined();
    expect(tagOf(preview, run)).toBeUndefined();

    const exact = await second.search(byName);
    expect(exact.fromCache).toBeUndefined();
    expect(tagOf(exact, run)).toBe('changed-after-launch');
    expect(exact.runs.map((r) => r.info.runId)).toEqual(exactBefore.runs.map((r) => r.info.runId));

    // Once validated in memory, a cached-ok call answers what the exact one did.
    const again = await second.search({ ...byName, freshness: 'cached-ok' });
    expect(again.runs).toEqual(exact.runs);
    await second.dispose();
  });

  it('applies the filter and view to the cached runs as the exact search does', async () => {
    const first = await launch();
    const query: Search = {
      experimentIds: [FORECASTING],
      filter: "attributes.status != 'RUNNING'",
      orderBy: ['attributes.start_time DESC'],
      viewType: 'ALL',
    };
    const exact = await first.search(query);
    await first.dispose();
    const second = await launch();
    const preview = await second.search({ ...query, freshness: 'cached-ok' });
    expect(preview.fromCache).toBe(true);
    expect(preview.runs).toEqual(exact.runs);
    await second.dispose();
  });

  it('is exact when nothing was cached, and for any page after the first', async () => {
    const service = await launch();
    const cold = await service.search({ ...byName, freshness: 'cached-ok' });
    expect(cold.fromCache).toBeUndefined();
    expect(cold.nextPageToken).toBeTruthy();
    const next = await service.search({
      ...byName,
      freshness: 'cached-ok',
      pageToken: cold.nextPageToken as string,
    });
    expect(next.fromCache).toBeUndefined();
    const all = await service.search({ ...byName, maxResults: 1000 });
    expect([...cold.runs, ...next.runs]).toEqual(all.runs.slice(0, 8));
    await service.dispose();
  });

  it('with nothing indexed yet, answers a first page ordered by attributes from meta.yaml first, equal to the exact one', async () => {
    const queries: Search[] = [
      { experimentIds: [FORECASTING], maxResults: 3 },
      { experimentIds: [FORECASTING], orderBy: ['attributes.end_time ASC'], maxResults: 5 },
      { orderBy: ['start_time ASC', 'attributes.run_id DESC'], viewType: 'ALL', maxResults: 7 },
      { orderBy: ['attributes.status DESC'], viewType: 'DELETED_ONLY', maxResults: 2 },
    ];
    for (const query of queries) {
      // A new launch with an empty cache each time: nothing indexed, nothing in memory.
      rmSync(cacheDir, { recursive: true, force: true });
      const cold = await launch();
      const preview = await cold.search({ ...query, freshness: 'cached-ok' });
      const exact = await cold.search(query);
      await cold.dispose();
      expect(preview.fromCache, JSON.stringify(query)).toBe(true);
      expect(preview.nextPageToken).toBeUndefined();
      expect(exact.fromCache).toBeUndefined();
      expect(preview.runs.length).toBeGreaterThan(0);
      // The same runs, whole (params, metrics, tags, inputs), in the same order.
      expect(preview.runs, JSON.stringify(query)).toEqual(exact.runs);
    }
  });

  it('with nothing indexed yet, a filter, an order by data or a page of most runs reads every run first (exact)', async () => {
    for (const query of [
      // A first page of more than half the runs: the preview would read as much as the exact answer.
      { experimentIds: [FORECASTING], maxResults: 100 },
      { experimentIds: [FORECASTING], filter: "attributes.status = 'FINISHED'" },
      { experimentIds: [FORECASTING], orderBy: ['metrics.rmse ASC'] },
      { experimentIds: [FORECASTING], orderBy: ['tags.`mlflow.runName` ASC'] },
    ] satisfies Search[]) {
      rmSync(cacheDir, { recursive: true, force: true });
      const cold = await launch();
      const answer = await cold.search({ ...query, freshness: 'cached-ok' });
      await cold.dispose();
      expect(answer.fromCache, JSON.stringify(query)).toBeUndefined();
    }
  });
});
