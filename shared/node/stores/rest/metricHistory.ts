/**
 * A run's metric history over REST: every point (metrics/get-history, paged as MLflow's client pages)
 * and sampled histories of several runs (get-history-bulk-interval, what MLflow's UI charts use).
 */
import { sortHistory } from '../../../common/metrics';
import { metricFromJson } from '../../../common/mlflowJson';
import type { Metric } from '../../../common/types';
import type { HttpClient } from './HttpClient';
import { EndpointMissingError } from './httpErrors';
import { collectPages, nextToken } from './paging';
import { AJAX, API, chunks, list, unclamped, type Json } from './wire';

/** MLflow's client: GET_METRIC_HISTORY_MAX_RESULTS. */
export const HISTORY_PAGE = 25_000;
/** get-history-bulk-interval limits (MLflow's server rejects more). */
const SAMPLED_MAX_RUNS = 100;
const SAMPLED_MAX_POINTS = 2500;

export interface SampledHistoryOptions {
  startStep?: number;
  endStep?: number;
  /** Points per run, at most 2500 (larger values are lowered to 2500). */
  maxResults?: number;
}

/**
 * Every point of `key`, sorted. `checkRun` reads the run (throwing NOT_FOUND for an unknown one): SQLite
 * backends answer get-history of an unknown run with 200 {}, so an empty history is checked with it.
 */
export async function metricHistory(
  http: HttpClient,
  runId: string,
  key: string,
  checkRun: () => Promise<unknown>,
  signal?: AbortSignal,
): Promise<Metric[]> {
  const points = await collectPages(`metric '${key}' of run ${runId}`, async (pageToken) => {
    const json = await http.json({
      method: 'GET',
      path: `${API}/metrics/get-history`,
      query: { run_id: runId, metric_key: key, max_results: HISTORY_PAGE, page_token: pageToken },
      signal,
    });
    return {
      items: list(json.metrics).map((m) => unclamped(metricFromJson(m))),
      nextPageToken: nextToken(json),
    };
  });
  if (points.length === 0) await checkRun();
  return sortHistory(points);
}

/**
 * Sampled histories of one metric for several runs, keyed by run id and sorted by step; null when the
 * server does not have the endpoint.
 */
export async function sampledMetricHistories(
  http: HttpClient,
  runIds: readonly string[],
  key: string,
  options: SampledHistoryOptions = {},
  signal?: AbortSignal,
): Promise<Record<string, Metric[]> | null> {
  const out: Record<string, Metric[]> = {};
  for (const id of runIds) out[id] = [];
  const maxResults =
    options.maxResults === undefined
      ? undefined
      : Math.min(SAMPLED_MAX_POINTS, Math.max(1, options.maxResults));
  try {
    await Promise.all(
      chunks([...new Set(runIds)], SAMPLED_MAX_RUNS).map(async (ids) => {
        const json = await http.json({
          method: 'GET',
          path: `${AJAX}/metrics/get-history-bulk-interval`,
          query: {
            run_ids: ids,
            metric_key: key,
            start_step: options.startStep,
            end_step: options.endStep,
            max_results: maxResults,
          },
          endpoint: 'optional',
          signal,
        });
        for (const m of list(json.metrics)) {
          const runId = String((m as Json).run_id ?? '');
          (out[runId] ??= []).push(unclamped(metricFromJson(m)));
        }
      }),
    );
  } catch (err) {
    if (err instanceof EndpointMissingError) return null;
    throw err;
  }
  for (const points of Object.values(out)) sortHistory(points);
  return out;
}
