/**
 * Issue 12: watching must never delay an answer. The first event subscriber starts the store watch;
 * on a 2,000-run `mlruns` folder Node's recursive fs.watch walked ~8,000 folders synchronously there,
 * so `listStores` answered in 1.7 s instead of 20 ms. Here the same calls are timed with and without
 * a subscriber that has just arrived, and the watch must still see a change once it is ready.
 */
import { appendFileSync, mkdtempSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RunlensEvent } from '../../../common/contract';
import { writeFileStore } from '../../../../scripts/bench/fileStoreGen';
import { CACHE_DIR_ENV } from '../../stores/file/index/cacheDir';
import { InspectorService } from '../InspectorService';

const RUNS = 2_000;
let root: string;
let savedCache: string | undefined;

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'runlens-watch-latency-')));
  savedCache = process.env[CACHE_DIR_ENV];
  process.env[CACHE_DIR_ENV] = join(root, 'cache');
  // Folder count is what the watch walks: every run has params/, metrics/ and tags/ folders.
  writeFileStore(join(root, 'mlruns'), {
    seed: 12,
    shape: { runs: RUNS, experiments: 1, params: 2, metrics: 2, steps: 2, tags: 2 },
    bigMetricPoints: 0,
  });
}, 120_000);
afterAll(() => {
  if (savedCache === undefined) delete process.env[CACHE_DIR_ENV];
  else process.env[CACHE_DIR_ENV] = savedCache;
  rmSync(root, { recursive: true, force: true });
}, 60_000);

async function timed<T>(call: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const value = await call();
  return [value, performance.now() - started];
}

describe('watching a 2,000-run store', () => {
  it('answers listStores and searchRuns as promptly with a new event subscriber as without', async () => {
    const service = new InspectorService();
    try {
      const opened = await service.openStore({ location: join(root, 'mlruns') });
      if (!opened.ok) throw new Error(opened.error.message);
      const storeId = opened.value.storeId;
      const experimentId = readdirSync(join(root, 'mlruns')).find((n) => /^\d+$/.test(n)) ?? '';
      const search = () => service.searchRuns({ storeId, experimentIds: [experimentId] });
      // Index once (the app's cache kept from an earlier launch), then the baseline.
      const first = await search();
      expect(first.ok && first.value.runs.length).toBeGreaterThan(0);
      const [, listAlone] = await timed(() => service.listStores({}));
      const [, searchAlone] = await timed(search);

      // The subscriber arrives (as the app's GET /api/events does) just before the calls.
      const events: RunlensEvent[] = [];
      const [listed, listWatching] = await timed(() => {
        service.onEvent((e) => events.push(e));
        return service.listStores({});
      });
      const [searched, searchWatching] = await timed(search);
      expect(listed.ok && searched.ok).toBe(true);
      // Before the fix: > 1,000 ms for listStores here. The slack covers a busy 2-core machine.
      expect(listWatching).toBeLessThan(Math.max(100, 5 * listAlone));
      expect(searchWatching).toBeLessThan(200 + 3 * searchAlone);

      // The background walk finishes and the watch then sees a change deep in the tree.
      await service.eventsReady();
      const run = first.ok ? first.value.runs[0]?.info.runId : undefined;
      const metricsDir = join(root, 'mlruns', experimentId, run ?? '', 'metrics');
      const metric = readdirSync(metricsDir)[0] ?? '';
      appendFileSync(join(metricsDir, metric), `${Date.now()} 0.5 99\n`);
      await vi.waitFor(
        () =>
          expect(
            events.some((e) => e.type === 'storeChanged' && e.runIds?.includes(run ?? '')),
          ).toBe(true),
        { timeout: 3000 },
      );
    } finally {
      await service.dispose();
    }
  }, 60_000);
});
