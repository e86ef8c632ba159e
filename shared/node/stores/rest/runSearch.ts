/**
 * RestStore's run search pushed down to the server: one `POST runs/search` per page the UI asks for,
 * instead of listing every run of the experiments and searching them in memory.
 *
 * The request is the one MLflow's Python client sends for the same `search_runs` call (the filter text
 * unchanged, `max_results` always, `run_view_type` left out for ACTIVE_ONLY, the server's default), so
 * the server answers exactly as it answers MLflow. The store declines (undefined: the service searches
 * in memory) whenever the server could answer differently from our in-memory search:
 * - the query uses our grammar's extensions or anything an MLflow release might read otherwise
 *   (shared/common/search/mlflowGrammar.ts);
 * - an experiment is unknown (MLflow's FileStore rejects it, we give no runs) or deleted while the view
 *   is not ALL (servers keep such runs active, we report them deleted: see RestStore's fix-ups);
 * - more experiments than one request carries (one page cannot span several requests);
 * - the server rejects the query (an older server without a feature we thought it had).
 *
 * Page tokens are the server's own and opaque to us: the token of a page is only valid for the next
 * page of the same query on the same store (experiments, filter, order, view and page size). A query
 * that is declined pages with our in-memory tokens, which never reach the server.
 */
import { StoreError } from '../../../common/errors';
import { isMlflowRunQuery } from '../../../common/search/mlflowGrammar';
import type { RunQuery } from '../../../common/search/runs';
import type { Experiment, Run } from '../../../common/types';
import type { RestRequest } from './HttpClient';
import { nextToken } from './paging';

type Json = Record<string, unknown>;

/** What the search needs of RestStore: its requests, its JSON → Run conversion, its experiments. */
export interface RunSearchDeps {
  json(req: RestRequest): Promise<Json>;
  runOf(json: unknown, signal?: AbortSignal): Promise<Run>;
  experiments(signal?: AbortSignal): Promise<Map<string, Experiment>>;
  /** Experiment ids one runs/search request may carry. */
  maxIdsPerRequest: number;
}

export async function searchRunsOnServer(
  deps: RunSearchDeps,
  path: string,
  experimentIds: readonly string[],
  query: RunQuery,
  signal?: AbortSignal,
): Promise<{ runs: Run[]; nextPageToken?: string } | undefined> {
  if (!isMlflowRunQuery(query)) return undefined;
  const ids = [...new Set(experimentIds)];
  if (ids.length === 0 || ids.length > deps.maxIdsPerRequest) return undefined;
  const view = query.viewType;
  const known = await deps.experiments(signal);
  for (const id of ids) {
    const experiment = known.get(id);
    if (experiment === undefined || (view !== 'ALL' && experiment.lifecycleStage === 'deleted'))
      return undefined;
  }
  const body: Json = { experiment_ids: ids, max_results: query.maxResults };
  if (query.filterText.trim() !== '') body.filter = query.filterText;
  if (query.orderByText.length > 0) body.order_by = query.orderByText;
  if (query.pageToken !== undefined && query.pageToken !== '') body.page_token = query.pageToken;
  if (view !== 'ACTIVE_ONLY') body.run_view_type = view;
  let json: Json;
  try {
    json = await deps.json({ method: 'POST', path, body, signal });
  } catch (err) {
    if (err instanceof StoreError && err.code === 'INVALID_ARGUMENT') return undefined;
    throw err;
  }
  const runs = await Promise.all(
    (Array.isArray(json.runs) ? json.runs : []).map((r: unknown) => deps.runOf(r, signal)),
  );
  const token = nextToken(json);
  return token === undefined ? { runs } : { runs, nextPageToken: token };
}
