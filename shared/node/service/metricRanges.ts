/**
 * getMetricRanges: the smallest and largest value of metric histories, for the runs table's min/max
 * columns (MLflow keeps only the latest value per run; mlflow#1422 asks for the best one). Each range
 * is a one-bucket chart series, so a store's fast series path (FileStore typed arrays, SQL buckets)
 * answers without building the history; a run or key that does not exist gives no entry.
 */
import type { MetricRange } from '../../common/contract';
import { StoreError } from '../../common/errors';
import type { TrackingStore } from '../stores/TrackingStore';
import { metricSeries } from './metricSeries';

/** More than this many series in one call is refused: the table asks for the rows on screen. */
export const MAX_RANGES_PER_CALL = 10_000;

export async function metricRanges(
  store: TrackingStore,
  runIds: readonly string[],
  keys: readonly string[],
  signal?: AbortSignal,
): Promise<MetricRange[]> {
  if (runIds.length * keys.length > MAX_RANGES_PER_CALL)
    throw new StoreError(
      'INVALID_ARGUMENT',
      `getMetricRanges: at most ${MAX_RANGES_PER_CALL} runs × keys per call`,
    );
  const pairs = runIds.flatMap((runId) => keys.map((key) => ({ runId, key })));
  const found: (MetricRange | null)[] = new Array<MetricRange | null>(pairs.length).fill(null);
  // A few at a time: a remote store answers each over the network, a local one barely waits.
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < pairs.length; i = next++) {
      if (signal?.aborted) throw new StoreError('CANCELLED', 'The request was cancelled');
      const pair = pairs[i] as { runId: string; key: string };
      found[i] = await rangeOf(store, pair.runId, pair.key, signal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, pairs.length) }, worker));
  return found.filter((r): r is MetricRange => r !== null);
}

const CONCURRENCY = 6;

async function rangeOf(
  store: TrackingStore,
  runId: string,
  key: string,
  signal: AbortSignal | undefined,
): Promise<MetricRange | null> {
  let series;
  try {
    series = await metricSeries(store, runId, key, { buckets: 1 }, signal);
  } catch (err) {
    // A run that vanished since the table listed it has no range; anything else is a real error.
    if (err instanceof StoreError && err.code === 'NOT_FOUND') return null;
    throw err;
  }
  if (series.totalPoints === 0) return null;
  let min: number | null = null;
  let max: number | null = null;
  for (const point of series.points) {
    if (!Number.isFinite(point.value)) continue;
    if (min === null || point.value < min) min = point.value;
    if (max === null || point.value > max) max = point.value;
  }
  return { runId, key, min, max, points: series.totalPoints };
}
