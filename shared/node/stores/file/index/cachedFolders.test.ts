/**
 * The cached preview and the exact list share one read of the index cache (cachedFolders.ts): on a temp
 * copy of the 3.1 fixture indexed by an earlier "launch", a second store asked for both (in either
 * order, or at once, or read ahead by warmUp) decodes each cached summary once, and the exact list
 * still sees a change made since (made the way MLflow writes a tag).
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseRunQuery } from '../../../../common/search/index';
import type { Run } from '../../../../common/types';
import type { FileStore } from '../FileStore';
import { StringPool } from '../runSummary';
import { CachedFolders } from './cachedFolders';
import { IndexCache } from './IndexCache';
import {
  copyFixture,
  fixtureIds,
  openStore,
  setTag,
  tempDir,
} from '../../../../../test/support/fileStoreCopies';

const ids = fixtureIds();
const FORECASTING = ids.experiments['forecasting'] as string;
/** Every run of the experiment, in view or not, on one page. */
const EVERY_RUN = parseRunQuery({ viewType: 'ALL', maxResults: 1000 });
const IRIS = ids.experiments['iris'] as string;
const CHANGED = ids.runs['fc-0'] as string;
const PROBE = 'runlens.test.probe';

let root: string;
let cacheDir: string;
let runsInCache: number;
beforeEach(async () => {
  root = copyFixture();
  cacheDir = tempDir('cache');
  const first = await openStore(root, { cacheDir });
  runsInCache = (await first.store.listRuns([FORECASTING])).length;
  await first.store.listRuns([IRIS]);
  await first.store.close();
  setTag(join(root, FORECASTING, CHANGED), PROBE, 'after-the-cache');
});
afterEach(() => {
  rmSync(join(root, '..'), { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

const tagOf = (runs: readonly Run[] | undefined): string | undefined =>
  runs?.find((r) => r.info.runId === CHANGED)?.data.tags[PROBE];
const sorted = (runs: readonly Run[]): string[] => runs.map((r) => r.info.runId).sort();

async function second(): Promise<FileStore> {
  return (await openStore(root, { cacheDir })).store;
}

describe('the cached preview and the exact list', () => {
  it('decode the cache once when asked at the same time, and the exact list sees the change', async () => {
    expect(runsInCache).toBeGreaterThan(5);
    const store = await second();
    const [preview, exact] = await Promise.all([
      store.listRunsCached([FORECASTING], EVERY_RUN),
      store.listRuns([FORECASTING]),
    ]);
    expect(store.indexStats()).toMatchObject({ summariesDecoded: runsInCache, runsRead: 1 });
    expect(tagOf(preview)).toBeUndefined();
    expect(tagOf(exact)).toBe('after-the-cache');
    expect(sorted(preview ?? [])).toEqual(sorted(exact));
    await store.close();
  });

  it('decode the cache once when the preview comes first', async () => {
    const store = await second();
    const preview = await store.listRunsCached([FORECASTING], EVERY_RUN);
    expect(preview).toHaveLength(runsInCache);
    const exact = await store.listRuns([FORECASTING]);
    expect(store.indexStats().summariesDecoded).toBe(runsInCache);
    expect(tagOf(exact)).toBe('after-the-cache');
    // Indexed now: a later preview is the exact list, from memory, with nothing decoded again.
    expect(tagOf(await store.listRunsCached([FORECASTING], EVERY_RUN))).toBe('after-the-cache');
    expect(store.indexStats().summariesDecoded).toBe(runsInCache);
    await store.close();
  });

  it('decode nothing without a cache', async () => {
    const { store } = await openStore(root);
    expect(await store.listRunsCached([FORECASTING], EVERY_RUN)).toBeUndefined();
    expect(tagOf(await store.listRuns([FORECASTING]))).toBe('after-the-cache');
    expect(store.indexStats().summariesDecoded).toBe(0);
    await store.close();
  });

  it('are read ahead by warmUp, and the preview then decodes nothing more', async () => {
    const store = await second();
    await store.warmUp();
    const warmed = store.indexStats().summariesDecoded;
    // Every active experiment's cached runs (the fixture is far below the bound); forecasting's too.
    expect(warmed).toBeGreaterThanOrEqual(runsInCache);
    expect(await store.listRunsCached([FORECASTING], EVERY_RUN)).toHaveLength(runsInCache);
    expect(tagOf(await store.listRuns([FORECASTING]))).toBe('after-the-cache');
    expect(store.indexStats().summariesDecoded).toBe(warmed);
    await store.close();
  });

  it('read ahead no more than the bound: a folder that would pass it is skipped', async () => {
    const cache = IndexCache.open(cacheDir, resolve(root), () => undefined);
    if (!cache) throw new Error('no index cache');
    // Iris has more runs than forecasting: with forecasting's count as the bound, iris is skipped.
    const irisRuns = cache.countRows(IRIS);
    expect(cache.countRows(FORECASTING)).toBe(runsInCache);
    expect(irisRuns).toBeGreaterThan(runsInCache);
    const counts = { summariesDecoded: 0 };
    const folders = new CachedFolders(cache, (rel) => join(root, rel), counts, new StringPool());
    await folders.warm([IRIS, FORECASTING], runsInCache);
    expect(counts.summariesDecoded).toBe(runsInCache);
    expect(await folders.get(FORECASTING)?.entries).toHaveProperty('size', runsInCache);
    expect(counts.summariesDecoded).toBe(runsInCache);
    await cache.close();
  });
});
