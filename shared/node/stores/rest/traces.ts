/**
 * Trace listing over REST: MLflow 3's `POST /api/3.0/mlflow/traces/search` (one request for all
 * experiments, as `locations`), else MLflow 2.14+'s `GET /api/2.0/mlflow/traces`; [] on servers with
 * neither (MLflow < 2.14 has no traces).
 */
import { StoreError } from '../../../common/errors';
import type { TraceInfo } from '../../../common/types';
import type { HttpClient } from './HttpClient';
import { EndpointMissingError } from './httpErrors';
import { collectPages, nextToken } from './paging';
import { traceInfoFromJson } from './traceJson';

/** MLflow's default (and, on some versions, largest) page of trace search. */
const TRACES_PAGE = 100;

function traces(json: Record<string, unknown>): TraceInfo[] {
  return (Array.isArray(json.traces) ? json.traces : []).map(traceInfoFromJson);
}

function tracesV3(
  http: HttpClient,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<TraceInfo[]> {
  const locations = ids.map((id) => ({
    type: 'MLFLOW_EXPERIMENT',
    mlflow_experiment: { experiment_id: id },
  }));
  return collectPages('traces', async (pageToken) => {
    const json = await http.json({
      method: 'POST',
      path: '/api/3.0/mlflow/traces/search',
      body: { locations, max_results: TRACES_PAGE, page_token: pageToken },
      endpoint: 'optional',
      signal,
    });
    return { items: traces(json), nextPageToken: nextToken(json) };
  });
}

function tracesV2(
  http: HttpClient,
  ids: readonly string[],
  signal?: AbortSignal,
): Promise<TraceInfo[]> {
  return collectPages('traces', async (pageToken) => {
    const json = await http.json({
      method: 'GET',
      path: '/api/2.0/mlflow/traces',
      query: { experiment_ids: ids, max_results: TRACES_PAGE, page_token: pageToken },
      endpoint: 'optional',
      signal,
    });
    return { items: traces(json), nextPageToken: nextToken(json) };
  });
}

/** `major`: the server's major version, null when unknown (then v3 is tried first). */
export async function listTraces(
  http: HttpClient,
  ids: readonly string[],
  major: number | null,
  signal?: AbortSignal,
): Promise<TraceInfo[]> {
  if (major === null || major >= 3) {
    try {
      return await tracesV3(http, ids, signal);
    } catch (err) {
      if (!(err instanceof EndpointMissingError)) throw err;
    }
  }
  try {
    return await tracesV2(http, ids, signal);
  } catch (err) {
    if (err instanceof EndpointMissingError) return [];
    throw err;
  }
}

/**
 * One trace's info by id — what MLflow's UI asks for a trace page: `GET /api/3.0/mlflow/traces/{id}`
 * (3.x), else `GET /api/2.0/mlflow/traces/{id}/info` (2.14+). Listing every experiment's traces to find
 * one would cost a search per experiment and asks a server more than its own UI does.
 */
export async function getTraceInfo(
  http: HttpClient,
  traceId: string,
  major: number | null,
  signal?: AbortSignal,
): Promise<TraceInfo> {
  const id = encodeURIComponent(traceId);
  if (major === null || major >= 3) {
    try {
      const json = await http.json({
        method: 'GET',
        path: `/api/3.0/mlflow/traces/${id}`,
        endpoint: 'optional',
        signal,
      });
      const trace = json.trace as Record<string, unknown> | undefined;
      return traceInfoFromJson(trace?.trace_info);
    } catch (err) {
      if (!(err instanceof EndpointMissingError)) throw err;
    }
  }
  try {
    const json = await http.json({
      method: 'GET',
      path: `/api/2.0/mlflow/traces/${id}/info`,
      endpoint: 'optional',
      signal,
    });
    return traceInfoFromJson(json.trace_info);
  } catch (err) {
    if (err instanceof EndpointMissingError)
      throw new StoreError(
        'NOT_FOUND',
        'This server has no traces (they need MLflow 2.14 or later).',
      );
    throw err;
  }
}
