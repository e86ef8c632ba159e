/**
 * RestStore's chart series. One `get-history-bulk-interval` request (what MLflow's own charts use) asks
 * for up to 2500 steps of the range; when the range has fewer distinct steps than that, the server sent
 * every point at every step, so the answer is the whole history of the range and is bucketed here like
 * any store's. When it has more, the server has sampled steps — which drops spikes (mlflow#11444) and
 * leaves the NaN/inf counts unknown — so the full history is read with `get-history` (paged) and
 * bucketed instead: one request saved for most histories, never a less truthful chart.
 * Servers without the endpoint (before MLflow 2.10) and one-sided ranges go to get-history directly.
 */
import type { MetricSeries } from '../../../common/contract';
import { seriesOfHistory, type SeriesRequest } from '../../../common/metricSeries';
import type { Metric } from '../../../common/types';

/** MLflow's server caps get-history-bulk-interval at this many steps per run. */
export const BULK_INTERVAL_MAX_STEPS = 2500;

export interface SeriesSource {
  getMetricHistory(runId: string, key: string, signal?: AbortSignal): Promise<Metric[]>;
  getMetricHistorySampled(
    runIds: readonly string[],
    key: string,
    options: { startStep?: number; endStep?: number; maxResults?: number },
    signal?: AbortSignal,
  ): Promise<Record<string, Metric[]> | null>;
}

export async function restMetricSeries(
  source: SeriesSource,
  runId: string,
  key: string,
  req: SeriesRequest,
  signal?: AbortSignal,
): Promise<MetricSeries> {
  const both = req.minStep !== undefined && req.maxStep !== undefined;
  const neither = req.minStep === undefined && req.maxStep === undefined;
  if (both || neither) {
    const options = both
      ? { startStep: req.minStep, endStep: req.maxStep, maxResults: BULK_INTERVAL_MAX_STEPS }
      : { maxResults: BULK_INTERVAL_MAX_STEPS };
    const sampled = await source.getMetricHistorySampled([runId], key, options, signal);
    const points = sampled?.[runId];
    // Empty: an unknown run or key gets get-history's own answer (or error) below.
    if (points && points.length > 0 && distinctSteps(points) < BULK_INTERVAL_MAX_STEPS) {
      return seriesOfHistory(key, points, req);
    }
  }
  return seriesOfHistory(key, await source.getMetricHistory(runId, key, signal), req);
}

function distinctSteps(points: readonly Metric[]): number {
  return new Set(points.map((p) => p.step)).size;
}
