/**
 * The placeholders of useApiQueries: the latest cached answer of the same run and metric (any zoom or
 * width), found by one read of the cache, exactly as a per-query search of the cache found it.
 */
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { RequestOf } from '../../../shared/common/contract';
import { apiQueryKey } from '../api/queries';
import { latestAnswers } from './useApiQueries';

type Req = RequestOf<'getMetricSeries'>;
const fields = (r: Req) => ({ storeId: r.storeId, runId: r.runId, key: r.key });
const answer = (label: string) => ({ label }) as never;

function cacheWith(entries: [Req, string, number][], other: [Req, string][] = []) {
  const client = new QueryClient();
  for (const [request, label, at] of entries)
    client.setQueryData(apiQueryKey('getMetricSeries', request), answer(label), { updatedAt: at });
  for (const [request, label] of other)
    client.setQueryData(apiQueryKey('getMetricHistory', request), answer(label));
  return client;
}

describe('latestAnswers', () => {
  const loss = { storeId: 's1', runId: 'r1', key: 'loss' };
  it('answers the newest answer of the same fields, from any zoom or width', () => {
    const client = cacheWith([
      [{ ...loss, buckets: 300 }, 'narrow', 1000],
      [{ ...loss, buckets: 600 }, 'wide', 3000],
      [{ ...loss, buckets: 600, minStep: 0, maxStep: 9 }, 'zoomed', 2000],
      [{ ...loss, runId: 'r2', buckets: 600 }, 'other run', 9000],
      [{ ...loss, key: 'acc', buckets: 600 }, 'other key', 9000],
    ]);
    const previous = latestAnswers(client, 'getMetricSeries', fields);
    expect(previous({ ...loss, buckets: 900 })).toEqual({ label: 'wide' });
    expect(previous({ ...loss, runId: 'r2', buckets: 10 })).toEqual({ label: 'other run' });
    expect(previous({ ...loss, runId: 'r3', buckets: 10 })).toBeUndefined();
  });

  it('keeps the first in cache order on a tie, skips queries without data and other methods', () => {
    const client = cacheWith(
      [
        [{ ...loss, buckets: 1 }, 'first', 5000],
        [{ ...loss, buckets: 2 }, 'second', 5000],
      ],
      [[loss as Req, 'history']],
    );
    void client.prefetchQuery({
      queryKey: apiQueryKey('getMetricSeries', { ...loss, buckets: 3 }),
      queryFn: () => new Promise(() => undefined),
    });
    expect(latestAnswers(client, 'getMetricSeries', fields)({ ...loss, buckets: 4 })).toEqual({
      label: 'first',
    });
  });
});
