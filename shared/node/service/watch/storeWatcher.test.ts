import { readdirSync, rmSync, utimesSync, copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileStore } from '../../stores/file/FileStore';
import type { TrackingStore } from '../../stores/TrackingStore';
import type { StoreChange } from './changeSet';
import { type StoreWatcher, type WatchOptions, watchStore } from './storeWatcher';
import {
  appendMetric,
  copyFixture,
  copyRun,
  FORECASTING,
  PROPHET_09,
  type TempStore,
} from '../../../../test/support/watchStore';

const NEW_RUN = 'feedc0de000000000000000000000001';
/** The acceptance bound of live updates (issue 4): a change shows within 2 s. */
const WITHIN_MS = 2000;

let temp: TempStore | undefined;
let watcher: StoreWatcher | undefined;
afterEach(() => {
  watcher?.close();
  watcher = undefined;
  temp?.dispose();
  temp = undefined;
});

const fakeStore = (extra: object = {}) =>
  ({ kind: 'file', location: '', ...extra }) as unknown as TrackingStore;

/** Watches a fresh copy of the fixture; `next()` resolves with the next change, rejecting after 2 s. */
function watchCopy(options: WatchOptions, store: TrackingStore = fakeStore()) {
  temp = copyFixture([FORECASTING]);
  const changes: StoreChange[] = [];
  const waiters: ((c: StoreChange) => void)[] = [];
  watcher = watchStore({ kind: 'file', location: temp.root, store }, options, (change) => {
    const waiter = waiters.shift();
    if (waiter) waiter(change);
    else changes.push(change);
  });
  const next = (): Promise<StoreChange> => {
    const queued = changes.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolveChange, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no change within ${WITHIN_MS} ms`)),
        WITHIN_MS,
      );
      waiters.push((c) => {
        clearTimeout(timer);
        resolveChange(c);
      });
    });
  };
  return { root: temp.root, next };
}

/** Lets the poller take its baseline (its first scan) before the test writes. */
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each([
  ['fs events', { poll: false }],
  ['polling', { poll: true, pollIntervalMs: 250 }],
] as const)('watchStore on an mlruns folder (%s)', (_label, options) => {
  it('reports a metric point appended to a RUNNING run', async () => {
    const { root, next } = watchCopy(options);
    await settle(400);
    expect(watcher?.mode).toBe(options.poll ? 'polling' : 'events');
    const started = Date.now();
    appendMetric(root, FORECASTING, PROPHET_09, 'loss', 0.0123, 120);
    const change = await next();
    expect(change).toEqual({
      experimentIds: [FORECASTING],
      runIds: [PROPHET_09],
      experimentsChanged: false,
    });
    expect(Date.now() - started).toBeLessThan(WITHIN_MS);
  });

  it('reports a new run folder', async () => {
    const { root, next } = watchCopy(options);
    await settle(400);
    copyRun(root, FORECASTING, PROPHET_09, NEW_RUN, 'prophet-10');
    const change = await next();
    expect(change.experimentIds).toEqual([FORECASTING]);
    expect(change.runIds).toContain(NEW_RUN);
  });

  it('reports a removed run folder', async () => {
    const { root, next } = watchCopy(options);
    await settle(400);
    rmSync(join(root, FORECASTING, PROPHET_09), { recursive: true });
    const change = await next();
    expect(change).toMatchObject({ experimentIds: [FORECASTING], runIds: [PROPHET_09] });
  });
});

describe('watchStore', () => {
  it("awaits the store's refresh with the changed absolute paths before reporting, and merges its answer", async () => {
    // The walk's catch-up (no paths) finds nothing but "experiments never listed": no news, no event.
    const refresh = vi.fn(async (paths?: string[]) => ({
      changedRunIds: paths ? [PROPHET_09] : [],
      removedRunIds: paths ? ['gone'] : [],
      experimentIds: paths ? [FORECASTING] : [],
      experimentsChanged: paths === undefined,
    }));
    const { root, next } = watchCopy({ poll: false }, fakeStore({ refresh }));
    await watcher?.ready;
    await vi.waitFor(() => expect(refresh).toHaveBeenCalledWith(undefined));
    appendMetric(root, FORECASTING, PROPHET_09, 'loss', 1, 121);
    const change = await next();
    expect(refresh).toHaveBeenCalledTimes(2);
    expect(refresh.mock.calls[1]).toEqual([
      [resolve(root, FORECASTING, PROPHET_09, 'metrics', 'loss')],
    ]);
    expect(change).toEqual({
      experimentIds: [FORECASTING],
      runIds: [PROPHET_09, 'gone'],
      experimentsChanged: false,
    });
  });

  it('after the folder walk, reports the runs a full refresh finds changed (changes the walk could miss), with their experiments', async () => {
    const refresh = vi.fn(async () => ({
      changedRunIds: [PROPHET_09],
      removedRunIds: [],
      experimentIds: [FORECASTING],
      experimentsChanged: true,
    }));
    const { next } = watchCopy({ poll: false }, fakeStore({ refresh }));
    const change = await next();
    expect(refresh.mock.calls).toEqual([[undefined]]);
    expect(change).toEqual({
      experimentIds: [FORECASTING],
      runIds: [PROPHET_09],
      experimentsChanged: false,
    });
  });

  it('reports a point appended to a finished run before any folder was watched (a real FileStore)', async () => {
    temp = copyFixture([FORECASTING]);
    const store = new FileStore(temp.root, { cacheDir: null });
    await store.open();
    await store.listRuns([FORECASTING]);
    const finished = readdirSync(join(temp.root, FORECASTING)).find(
      (n) => /^[0-9a-f]{32}$/.test(n) && n !== PROPHET_09,
    ) as string;
    // Written while nothing watches the run's folder: no event will ever name it.
    appendMetric(temp.root, FORECASTING, finished, 'loss', 0.01, 99_999);
    const changes: StoreChange[] = [];
    watcher = watchStore({ kind: 'file', location: temp.root, store }, { poll: false }, (c) =>
      changes.push(c),
    );
    await watcher.ready;
    await vi.waitFor(() => expect(changes.flatMap((c) => c.runIds)).toContain(finished), {
      timeout: WITHIN_MS,
    });
    // No path named the run: the refresh names its experiment, so the runs table refetches too.
    expect(changes.flatMap((c) => c.experimentIds)).toContain(FORECASTING);
    expect((await store.getMetricHistory(finished, 'loss')).at(-1)?.step).toBe(99_999);
    await store.close();
  });

  it('coalesces a burst of writes into one change', async () => {
    const { root, next } = watchCopy({ poll: false, debounceMs: 150 });
    await settle(100);
    for (let step = 200; step < 220; step++)
      appendMetric(root, FORECASTING, PROPHET_09, 'loss', step, step);
    await next();
    await expect(next()).rejects.toThrow(/no change/);
  });

  it('falls back to polling when the folder cannot be watched', () => {
    const missing = join(tmpdir(), 'runlens-no-such-mlruns');
    watcher = watchStore(
      { kind: 'file', location: missing, store: fakeStore() },
      { poll: false },
      () => undefined,
    );
    expect(watcher.mode).toBe('polling');
  });

  it('reports any change of a SQLite file as "refetch everything"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runlens-watch-db-'));
    const db = join(dir, 'mlflow.db');
    copyFileSync(
      resolve(import.meta.dirname, '../../../../test/fixtures/mlflow-3.1.2.dev0/mlflow.db'),
      db,
    );
    const seen: StoreChange[] = [];
    watcher = watchStore(
      { kind: 'sqlite', location: db, store: fakeStore() },
      { sqliteIntervalMs: 100 },
      (c) => seen.push(c),
    );
    try {
      await settle(250);
      const later = new Date(Date.now() + 5000);
      utimesSync(db, later, later);
      await vi.waitFor(
        () =>
          expect(seen).toEqual([{ experimentIds: null, runIds: null, experimentsChanged: true }]),
        {
          timeout: WITHIN_MS,
        },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not watch remote stores', () => {
    watcher = watchStore(
      { kind: 'rest', location: 'https://mlflow.example', store: fakeStore() },
      {},
      () => undefined,
    );
    expect(watcher.mode).toBe('off');
  });
});
