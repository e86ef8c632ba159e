/**
 * getMetricSeriesBatch on the real fixtures (a FileStore and a SQLite store of the same MLflow version,
 * open side by side): each item, turned back from columns, equals the single getMetricSeries call, in
 * request order, and a bad item (unknown run, key or store) fails alone with the error the single call
 * gives.
 */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricSeries, MetricSeriesColumns } from '../../common/contract';
import type { Result } from '../../common/errors';
import { fromSeriesColumns } from '../../common/metricSeriesColumns';
import { InspectorService } from './InspectorService';
import { metricSeriesBatch } from './metricSeriesBatch';

const FIXTURE = resolve(import.meta.dirname, '../../../test/fixtures/mlflow-3.1.2.dev0');

/** A batch item as the single call answers it: the columns turned back into points. */
function asSingle(
  result: Result<MetricSeriesColumns> | undefined,
): Result<MetricSeries> | undefined {
  return result?.ok ? { ok: true, value: fromSeriesColumns(result.value) } : result;
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

let service: InspectorService;
const items: { storeId: string; runId: string; key: string }[] = [];
beforeAll(async () => {
  service = new InspectorService({ cwd: () => FIXTURE });
  for (const location of [join(FIXTURE, 'mlruns'), join(FIXTURE, 'mlflow.db')]) {
    const { storeId } = value(await service.openStore({ location }));
    const { experiments } = value(await service.searchExperiments({ storeId }));
    const { runs } = value(
      await service.searchRuns({ storeId, experimentIds: experiments.map((e) => e.experimentId) }),
    );
    for (const run of runs)
      for (const key of Object.keys(run.data.metrics))
        items.push({ storeId, runId: run.info.runId, key });
  }
});
afterAll(() => service.dispose());

describe('getMetricSeriesBatch', () => {
  it('answers every series of both stores as the single calls do, in order', async () => {
    expect(items.length).toBeGreaterThan(10);
    expect(new Set(items.map((i) => i.storeId)).size).toBe(2);
    for (const range of [{ buckets: 7 }, { buckets: 3, minStep: 1, maxStep: 4 }, {}]) {
      const batch = value(await service.getMetricSeriesBatch({ series: items, ...range }));
      expect(batch).toHaveLength(items.length);
      for (const [i, item] of items.entries())
        expect(asSingle(batch[i])).toEqual(await service.getMetricSeries({ ...item, ...range }));
    }
  });

  it('fails a bad series alone, with the error of its single call', async () => {
    const first = items[0] as (typeof items)[number];
    const bad = [
      { ...first, runId: 'no-such-run' },
      { ...first, key: 'no-such-key' },
      { ...first, storeId: 's999' },
    ];
    const series = [first, ...bad, first];
    const batch = value(await service.getMetricSeriesBatch({ series, buckets: 5 }));
    expect(batch.map((r) => r.ok)).toEqual([
      true,
      ...(await Promise.all(bad.map(async (b) => (await service.getMetricSeries(b)).ok))),
      true,
    ]);
    for (const [i, item] of series.entries())
      expect(asSingle(batch[i])).toEqual(await service.getMetricSeries({ ...item, buckets: 5 }));
    expect(batch.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(batch[3]).toMatchObject({ ok: false, error: { code: 'UNKNOWN_STORE' } });
  });

  it('rejects a malformed request and answers CANCELLED when the caller has gone', async () => {
    expect(
      await service.getMetricSeriesBatch({ series: [{ storeId: 's1', runId: 'r' }] } as never),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const controller = new AbortController();
    controller.abort();
    expect(
      await service.getMetricSeriesBatch({ series: items }, { signal: controller.signal }),
    ).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('reads at most `concurrency` series at once and keeps the request order', async () => {
    let running = 0;
    let most = 0;
    const store = {
      async getMetricHistory(runId: string, key: string) {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, Number(runId) % 3));
        running--;
        return [{ key, value: Number(runId), timestamp: 0, step: 0 }];
      },
    };
    const many = Array.from({ length: 20 }, (_, i) => ({
      storeId: 'x',
      runId: String(i),
      key: 'k',
    }));
    const out = await metricSeriesBatch(() => store as never, many, {}, undefined, 3);
    expect(most).toBe(3);
    expect(out.map((r) => r.ok && r.value.values[0])).toEqual(many.map((_, i) => i));
  });
});
