import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../common/errors';
import { parseRunQuery } from '../../common/search/runs';
import type { Metric } from '../../common/types';
import { InspectorService } from './InspectorService';
import { MemoryStore, experiment, run } from '../../../test/support/MemoryStore';

const point = (step: number, value: number): Metric => ({
  key: 'loss',
  value,
  timestamp: step,
  step,
});
const LONG = Array.from({ length: 10_000 }, (_, i) =>
  point(i, i === 4321 ? 99 : i === 10 ? NaN : Math.cos(i)),
);
const SHORT = [point(0, 1), point(1, Infinity), point(2, -Infinity), point(3, 0.5)];

class SearchingStore extends MemoryStore {
  readonly searchRuns = vi.fn(async () => ({ runs: [], nextPageToken: 'tok' }));
}

class DecliningStore extends MemoryStore {
  readonly searchRuns = vi.fn(async () => undefined);
}

// The service resolves locations on disk before asking the factory: give it a real (empty) mlruns.
const root = mkdtempSync(join(tmpdir(), 'runlens-series-'));
mkdirSync(join(root, 's/mlruns/0'), { recursive: true });
afterAll(() => rmSync(root, { recursive: true, force: true }));

function serviceWith(store: MemoryStore): InspectorService {
  return new InspectorService({ createStore: () => Promise.resolve(store), cwd: () => root });
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

const data = {
  experiments: [experiment('1', 'e')],
  runs: [run('r1', '1')],
  histories: { 'r1/loss': LONG, 'r1/short': SHORT.map((p) => ({ ...p, key: 'short' })) },
};

describe('getMetricSeries', () => {
  it('returns a short history whole, counting what cannot be drawn', async () => {
    const service = serviceWith(new MemoryStore('/s', data, 'file'));
    const { storeId } = value(await service.openStore({ location: 's' }));
    expect(value(await service.getMetricSeries({ storeId, runId: 'r1', key: 'short' }))).toEqual({
      key: 'short',
      totalPoints: 4,
      sampled: false,
      points: SHORT.map((p) => ({ ...p, key: 'short' })),
      nonFinite: { nan: 0, posInf: 1, negInf: 1 },
    });
  });

  it('samples a long history into bucket extremes in step order, keeping the spike and the NaN', async () => {
    const service = serviceWith(new MemoryStore('/s', data, 'file'));
    const { storeId } = value(await service.openStore({ location: 's' }));
    const series = value(
      await service.getMetricSeries({ storeId, runId: 'r1', key: 'loss', buckets: 100 }),
    );
    expect(series).toMatchObject({
      key: 'loss',
      totalPoints: 10_000,
      sampled: true,
      nonFinite: { nan: 1, posInf: 0, negInf: 0 },
    });
    expect(series.points.length).toBeLessThanOrEqual(100 * 4 + 1);
    expect(series.points.some((p) => p.value === 99)).toBe(true);
    expect(series.points.some((p) => Number.isNaN(p.value))).toBe(true);
    const steps = series.points.map((p) => p.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
  });

  it('gives full resolution when the zoomed range is small enough (default 1000 buckets)', async () => {
    const service = serviceWith(new MemoryStore('/s', data, 'file'));
    const { storeId } = value(await service.openStore({ location: 's' }));
    const series = value(
      await service.getMetricSeries({
        storeId,
        runId: 'r1',
        key: 'loss',
        minStep: 4000,
        maxStep: 5999,
      }),
    );
    expect(series).toMatchObject({ totalPoints: 2000, sampled: false });
    expect(series.points).toEqual(LONG.slice(4000, 6000));
  });

  it('rejects bad bucket counts and reports unknown runs', async () => {
    const service = serviceWith(new MemoryStore('/s', data, 'file'));
    const { storeId } = value(await service.openStore({ location: 's' }));
    for (const buckets of [0, 10_001, 1.5]) {
      expect(
        await service.getMetricSeries({ storeId, runId: 'r1', key: 'loss', buckets }),
      ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    }
    expect(await service.getMetricSeries({ storeId, runId: 'nope', key: 'loss' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('searchRuns push-down', () => {
  it("uses the store's own search when it has one, with the active experiments and the view", async () => {
    const store = new SearchingStore(
      '/s',
      { ...data, experiments: [experiment('1', 'e'), experiment('2', 'x', 'deleted')] },
      'sqlite',
    );
    const service = serviceWith(store);
    const { storeId } = value(await service.openStore({ location: 's' }));
    const page = value(
      await service.searchRuns({
        storeId,
        filter: 'metrics.a > 1',
        maxResults: 5,
        viewType: 'ALL',
      }),
    );
    expect(page).toEqual({ runs: [], nextPageToken: 'tok' });
    expect(store.searchRuns.mock.calls[0]?.slice(0, 2)).toEqual([
      ['1'],
      parseRunQuery({ filter: 'metrics.a > 1', maxResults: 5, viewType: 'ALL' }),
    ]);
  });

  it('searches in memory when the store declines the query (answers undefined)', async () => {
    const runs = [
      run('r1', '1', { metrics: { a: 2 } }),
      run('r2', '1', { metrics: { a: 0 } }),
      run('r3', '1', { metrics: { a: 3 }, stage: 'deleted' }),
    ];
    const store = new DecliningStore('/s', { ...data, runs }, 'sqlite');
    const service = serviceWith(store);
    const { storeId } = value(await service.openStore({ location: 's' }));
    const page = value(
      await service.searchRuns({ storeId, filter: 'metrics.a > 1 OR metrics.a < 0' }),
    );
    expect(page.runs.map((r) => r.info.runId)).toEqual(['r1']);
    expect(store.searchRuns).toHaveBeenCalledTimes(1);
  });
});
