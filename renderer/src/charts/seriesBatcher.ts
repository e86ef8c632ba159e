/**
 * getMetricSeries calls gathered into getMetricSeriesBatch calls. A chart view of 50 runs × 3 metrics
 * asks for 150 series at once; sent one by one they queue behind the browser's 6 connections per host
 * and arrive one by one, each arrival redrawing up to 50 lines. Gathered, the calls made in the same
 * task with the same bucketing leave as one request and land together — while each caller still gets
 * its own series (or its own error), so each stays its own query in the cache (zoom, compare and the
 * run page find it there). The batch answers columns (MetricSeriesColumns: smaller, faster to parse);
 * each caller gets the MetricSeries that `getMetricSeries` would have answered.
 */
import type { MetricSeries, RequestOf, RunlensApi } from '../../../shared/common/contract';
import { fromSeriesColumns } from '../../../shared/common/metricSeriesColumns';
import { ApiError, asApiError } from '../api/ApiError';

type SeriesRequest = RequestOf<'getMetricSeries'>;
type BatchRequest = RequestOf<'getMetricSeriesBatch'>;
type Options = Omit<BatchRequest, 'series'>;

/** The contract's limit on one batch. */
export const MAX_BATCH = 1000;

interface Member {
  item: BatchRequest['series'][number];
  resolve: (series: MetricSeries) => void;
  reject: (err: ApiError) => void;
  signal: AbortSignal | undefined;
}

export type SeriesLoader = (
  request: SeriesRequest,
  opts?: { signal?: AbortSignal },
) => Promise<MetricSeries>;

const cancelledError = () => new ApiError('CANCELLED', 'The request was cancelled');

export function createSeriesBatcher(api: RunlensApi): SeriesLoader {
  /** Members waiting for the end of the task, per bucketing options. */
  let open = new Map<string, { options: Options; members: Member[] }>();

  function send(options: Options, members: Member[]): void {
    const live = members.filter((m) => !m.signal?.aborted);
    if (live.length === 0) return;
    // The request is cancelled only when every caller in it has gone.
    const controller = new AbortController();
    let left = live.length;
    for (const m of live)
      m.signal?.addEventListener('abort', () => --left === 0 && controller.abort(), { once: true });
    api
      .getMetricSeriesBatch(
        { ...options, series: live.map((m) => m.item) },
        { signal: controller.signal },
      )
      .then(
        (results) =>
          live.forEach((m, i) => {
            const r = results[i];
            if (!r)
              m.reject(new ApiError('INTERNAL', 'The batch answer has no entry for this series'));
            else if (r.ok) {
              try {
                m.resolve(fromSeriesColumns(r.value));
              } catch (err) {
                m.reject(new ApiError('INTERNAL', (err as Error).message));
              }
            } else m.reject(ApiError.from(r.error));
          }),
        (err: unknown) => {
          const error = asApiError(err);
          for (const m of live) m.reject(error);
        },
      );
  }

  function flush(): void {
    const batches = open;
    open = new Map();
    for (const { options, members } of batches.values())
      for (let i = 0; i < members.length; i += MAX_BATCH)
        send(options, members.slice(i, i + MAX_BATCH));
  }

  return ({ storeId, runId, key, ...options }, opts = {}) =>
    new Promise<MetricSeries>((resolve, reject) => {
      const { signal } = opts;
      if (signal?.aborted) return reject(cancelledError());
      // A caller that goes is answered at once, whether its batch has left yet or not.
      signal?.addEventListener('abort', () => reject(cancelledError()), { once: true });
      const id = JSON.stringify([options.buckets, options.minStep, options.maxStep]);
      let batch = open.get(id);
      if (!batch) {
        if (open.size === 0) setTimeout(flush, 0);
        open.set(id, (batch = { options, members: [] }));
      }
      batch.members.push({ item: { storeId, runId, key }, resolve, reject, signal });
    });
}

const batchers = new WeakMap<RunlensApi, SeriesLoader>();

/** The batcher of this API client (one per client, so that all charts on screen share batches). */
export function seriesBatcherOf(api: RunlensApi): SeriesLoader {
  let loader = batchers.get(api);
  if (!loader) batchers.set(api, (loader = createSeriesBatcher(api)));
  return loader;
}
