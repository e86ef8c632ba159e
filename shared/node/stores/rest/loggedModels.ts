/**
 * MLflow 3's logged models over REST: searched per group of experiments, or read by id. Servers before
 * 3.0 have neither endpoint: the search answers [] and a read NOT_FOUND.
 */
import { StoreError } from '../../../common/errors';
import { loggedModelFromJson } from '../../../common/mlflowJson';
import type { LoggedModel } from '../../../common/types';
import type { HttpClient } from './HttpClient';
import { EndpointMissingError } from './httpErrors';
import { collectPages, nextToken } from './paging';
import { API, chunks, IDS_PER_SEARCH, list, unclamped } from './wire';

const LOGGED_MODELS_PAGE = 50;

/** The logged models of experiments `ids` (already known to the server); [] before MLflow 3. */
export async function searchLoggedModels(
  http: HttpClient,
  ids: readonly string[],
  major: number | null,
  signal?: AbortSignal,
): Promise<LoggedModel[]> {
  if (major !== null && major < 3) return [];
  if (ids.length === 0) return [];
  try {
    const groups = await Promise.all(
      chunks(ids, IDS_PER_SEARCH).map((group) =>
        collectPages('logged models', async (pageToken) => {
          const json = await http.json({
            method: 'POST',
            path: `${API}/logged-models/search`,
            body: {
              experiment_ids: group,
              max_results: LOGGED_MODELS_PAGE,
              page_token: pageToken,
            },
            endpoint: 'optional',
            signal,
          });
          const items = list(json.models).map((m) => {
            const model = loggedModelFromJson(m);
            return { ...model, metrics: model.metrics.map(unclamped) };
          });
          return { items, nextPageToken: nextToken(json) };
        }),
      ),
    );
    return groups.flat();
  } catch (err) {
    if (err instanceof EndpointMissingError) return [];
    throw err;
  }
}

/** One LoggedModel by id (the request MLflow's own model page sends), not a search of every experiment. */
export async function getLoggedModel(
  http: HttpClient,
  modelId: string,
  signal?: AbortSignal,
): Promise<LoggedModel> {
  try {
    const json = await http.json({
      method: 'GET',
      path: `${API}/logged-models/${encodeURIComponent(modelId)}`,
      endpoint: 'optional',
      signal,
    });
    const model = loggedModelFromJson(json.model);
    return { ...model, metrics: model.metrics.map(unclamped) };
  } catch (err) {
    if (err instanceof EndpointMissingError)
      throw new StoreError('NOT_FOUND', 'This server has no logged models (they need MLflow 3).');
    throw err;
  }
}
