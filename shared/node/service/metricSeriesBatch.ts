/**
 * getMetricSeriesBatch: many chart series with the same bucketing in one call. The series are read a
 * few at a time (a FileStore reads one metric file per series, a SqliteStore runs one query each: more
 * at once only queues on the disk or the single connection), and each series keeps its own outcome — an
 * unknown run or a closed store fails that series, not the chart of the 149 others. Each series is
 * answered as columns (MetricSeriesColumns), which the renderer's batcher turns back into a MetricSeries.
 */
import type { MetricSeriesBatch, MetricSeriesColumns } from '../../common/contract';
import { toSeriesColumns } from '../../common/metricSeriesColumns';
import { toApiError, type Result } from '../../common/errors';
import type { SeriesRequest } from '../../common/metricSeries';
import type { TrackingStore } from '../stores/TrackingStore';
import { cancelled } from './callContext';
import { metricSeries } from './metricSeries';

/** Series read at the same time. */
export const SERIES_BATCH_CONCURRENCY = 4;

export interface SeriesBatchItem {
  storeId: string;
  runId: string;
  key: string;
}

export async function metricSeriesBatch(
  storeOf: (storeId: string) => TrackingStore,
  items: readonly SeriesBatchItem[],
  req: SeriesRequest,
  signal?: AbortSignal,
  concurrency = SERIES_BATCH_CONCURRENCY,
): Promise<MetricSeriesBatch> {
  const out = new Array<Result<MetricSeriesColumns>>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) {
      // A cancelled call stops taking series; the caller answers CANCELLED for the whole batch.
      if (signal?.aborted) throw cancelled();
      const item = items[i] as SeriesBatchItem;
      try {
        const store = storeOf(item.storeId);
        const series = await metricSeries(store, item.runId, item.key, req, signal);
        out[i] = { ok: true, value: toSeriesColumns(series) };
      } catch (err) {
        if (signal?.aborted) throw cancelled();
        out[i] = { ok: false, error: toApiError(err) };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}
