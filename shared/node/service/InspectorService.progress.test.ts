/**
 * Cancelling and progress at the service: a cancelled call answers CANCELLED without waiting for a
 * store that ignores its signal, and a FileStore's cold index is pushed as loadProgress events.
 */
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoadProgressEvent } from '../../common/contract';
import type { Experiment } from '../../common/types';
import { writeFileStore } from '../../../scripts/bench/fileStoreGen';
import { CACHE_DIR_ENV } from '../stores/file/index/cacheDir';
import { InspectorService } from './InspectorService';
import { MemoryStore, experiment } from '../../../test/support/MemoryStore';

let root: string;
const RUNS = 400;

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'runlens-progress-')));
  writeFileStore(join(root, 'mlruns'), {
    seed: 7,
    shape: { runs: RUNS, experiments: 2, params: 3, metrics: 2, steps: 2, tags: 5 },
    bigMetricPoints: 0,
  });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A store that never answers and never looks at its signal (like a local read that cannot be stopped). */
class DeafStore extends MemoryStore {
  calls = 0;
  override listExperiments(): Promise<Experiment[]> {
    this.calls++;
    return new Promise(() => undefined);
  }
}

describe('cancelling a call', () => {
  it('answers CANCELLED as soon as the signal aborts, even from a store that ignores it', async () => {
    const store = new DeafStore(root, { experiments: [experiment('0', 'Default')] });
    const service = new InspectorService({ createStore: async () => store, cwd: () => root });
    const opened = await service.openStore({ location: join(root, 'mlruns') });
    if (!opened.ok) throw new Error(opened.error.message);
    const controller = new AbortController();
    const answer = service.searchExperiments(
      { storeId: opened.value.storeId },
      { signal: controller.signal },
    );
    await Promise.resolve();
    expect(store.calls).toBe(1);
    controller.abort();
    await expect(answer).resolves.toEqual({
      ok: false,
      error: { code: 'CANCELLED', message: 'The request was cancelled' },
    });
    await service.dispose();
  });

  it('does not start the work of a call cancelled before it began', async () => {
    const store = new DeafStore(root);
    const service = new InspectorService({ createStore: async () => store, cwd: () => root });
    const opened = await service.openStore({ location: join(root, 'mlruns') });
    if (!opened.ok) throw new Error(opened.error.message);
    const answer = await service.searchRuns(
      { storeId: opened.value.storeId },
      { signal: AbortSignal.abort() },
    );
    expect(answer).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(store.calls).toBe(0);
    await service.dispose();
  });
});

describe('loadProgress events', () => {
  it("a FileStore's cold index reports increasing progress of every run, ending with done", async () => {
    const saved = process.env[CACHE_DIR_ENV];
    process.env[CACHE_DIR_ENV] = join(root, 'cache');
    const service = new InspectorService({ cwd: () => root });
    try {
      const events: LoadProgressEvent[] = [];
      const off = service.onEvent((event) => {
        if (event.type === 'loadProgress') events.push(event);
      });
      const opened = await service.openStore({ location: join(root, 'mlruns') });
      if (!opened.ok || opened.value.state !== 'ready') throw new Error(JSON.stringify(opened));
      const page = await service.searchRuns({ storeId: opened.value.storeId, maxResults: 1000 });
      off();
      if (!page.ok) throw new Error(page.error.message);
      expect(page.value.runs).toHaveLength(RUNS);

      expect(events.length).toBeGreaterThanOrEqual(2);
      expect(
        events.every(
          (e) => e.storeId === opened.value.storeId && e.what === 'index' && e.total === RUNS,
        ),
      ).toBe(true);
      const loaded = events.map((e) => e.loaded);
      expect(loaded).toEqual([...loaded].sort((a, b) => a - b));
      expect(events.at(-1)).toMatchObject({ loaded: RUNS, done: true });
      expect(events.slice(0, -1).every((e) => !e.done)).toBe(true);
    } finally {
      await service.dispose();
      if (saved === undefined) delete process.env[CACHE_DIR_ENV];
      else process.env[CACHE_DIR_ENV] = saved;
    }
  });
});
