/**
 * The series batcher: calls of one task with the same bucketing leave as one getMetricSeriesBatch, each
 * caller gets its own item (or its own error), and the request is cancelled only when every caller has
 * gone. The API here records calls and answers from a table (the transport is not what is tested).
 */
import { describe, expect, it } from 'vitest';
import type {
  MetricSeries,
  MetricSeriesColumns,
  RequestOf,
  RunlensApi,
} from '../../../shared/common/contract';
import type { Result } from '../../../shared/common/errors';
import { toSeriesColumns } from '../../../shared/common/metricSeriesColumns';
import { createSeriesBatcher } from './seriesBatcher';

type Batch = RequestOf<'getMetricSeriesBatch'>;

const series = (key: string): MetricSeries => ({
  key,
  totalPoints: 2,
  sampled: false,
  points: [
    { key, value: key.length, timestamp: 1000, step: 0 },
    { key, value: NaN, timestamp: 1001, step: 5 },
  ],
  nonFinite: { nan: 1, posInf: 0, negInf: 0 },
});

function recordingApi(hold?: Promise<void>) {
  const calls: { request: Batch; signal: AbortSignal | undefined }[] = [];
  const api = {
    async getMetricSeriesBatch(request: Batch, o?: { signal?: AbortSignal }) {
      calls.push({ request, signal: o?.signal as AbortSignal | undefined });
      await hold;
      return request.series.map((s): Result<MetricSeriesColumns> => {
        if (s.runId === 'bad')
          return { ok: false, error: { code: 'NOT_FOUND', message: `no run ${s.runId}` } };
        const columns = toSeriesColumns(series(`${s.runId}/${s.key}`));
        // A damaged answer: one timestamp short.
        if (s.runId === 'short') columns.timestamps.pop();
        return { ok: true, value: columns };
      });
    },
  } as unknown as RunlensApi;
  return { api, calls };
}

describe('createSeriesBatcher', () => {
  it('sends the calls of one task as one batch per bucketing, answers in order', async () => {
    const { api, calls } = recordingApi();
    const load = createSeriesBatcher(api);
    const a = load({ storeId: 's1', runId: 'a', key: 'loss', buckets: 100 });
    const b = load({ storeId: 's2', runId: 'b', key: 'acc', buckets: 100 });
    const c = load({
      storeId: 's1',
      runId: 'c',
      key: 'loss',
      buckets: 100,
      minStep: 0,
      maxStep: 9,
    });
    expect(await Promise.all([a, b, c])).toEqual([
      series('a/loss'),
      series('b/acc'),
      series('c/loss'),
    ]);
    expect(calls.map((c) => c.request)).toEqual([
      {
        buckets: 100,
        series: [
          { storeId: 's1', runId: 'a', key: 'loss' },
          { storeId: 's2', runId: 'b', key: 'acc' },
        ],
      },
      {
        buckets: 100,
        minStep: 0,
        maxStep: 9,
        series: [{ storeId: 's1', runId: 'c', key: 'loss' }],
      },
    ]);
    // A later task starts a new batch.
    await load({ storeId: 's1', runId: 'd', key: 'loss', buckets: 100 });
    expect(calls).toHaveLength(3);
  });

  it('rejects a failed item alone, with its own code', async () => {
    const { api } = recordingApi();
    const load = createSeriesBatcher(api);
    const good = load({ storeId: 's1', runId: 'a', key: 'loss' });
    const bad = load({ storeId: 's1', runId: 'bad', key: 'loss' });
    await expect(bad).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'no run bad' });
    await expect(good).resolves.toEqual(series('a/loss'));
  });

  it('rejects an item whose columns do not line up alone, as INTERNAL', async () => {
    const { api } = recordingApi();
    const load = createSeriesBatcher(api);
    const good = load({ storeId: 's1', runId: 'a', key: 'loss' });
    const short = load({ storeId: 's1', runId: 'short', key: 'loss' });
    await expect(short).rejects.toMatchObject({
      code: 'INTERNAL',
      message: 'series "short/loss": 2 steps, 2 values and 1 timestamps',
    });
    await expect(good).resolves.toEqual(series('a/loss'));
  });

  it('cancels the request only when every caller has gone', async () => {
    let release = () => {};
    const { api, calls } = recordingApi(new Promise<void>((r) => (release = r)));
    const load = createSeriesBatcher(api);
    const one = new AbortController();
    const two = new AbortController();
    const a = load({ storeId: 's1', runId: 'a', key: 'loss' }, { signal: one.signal });
    const b = load({ storeId: 's1', runId: 'b', key: 'loss' }, { signal: two.signal });
    await new Promise((r) => setTimeout(r, 5));
    one.abort();
    await expect(a).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(calls[0]?.signal?.aborted).toBe(false);
    two.abort();
    await expect(b).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(calls[0]?.signal?.aborted).toBe(true);
    release();
    // A caller that has gone before the batch leaves is not sent at all.
    const gone = new AbortController();
    const c = load({ storeId: 's1', runId: 'c', key: 'loss' }, { signal: gone.signal });
    gone.abort();
    await expect(c).rejects.toMatchObject({ code: 'CANCELLED' });
    const d = load({ storeId: 's1', runId: 'd', key: 'loss' });
    await expect(d).resolves.toEqual(series('d/loss'));
    expect(calls[1]?.request.series).toEqual([{ storeId: 's1', runId: 'd', key: 'loss' }]);
  });
});
