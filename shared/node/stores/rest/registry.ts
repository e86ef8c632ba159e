/**
 * The model registry over REST: registered models and model versions, every page, with each version's
 * aliases completed from its model's alias list (SQLite-backed servers leave them out of searches).
 */
import { modelVersionFromJson, registeredModelFromJson } from '../../../common/mlflowJson';
import type { ModelVersion, RegisteredModel } from '../../../common/types';
import type { HttpClient } from './HttpClient';
import { collectPages, nextToken } from './paging';
import { API, list, SEARCH_PAGE } from './wire';

export async function listRegisteredModels(
  http: HttpClient,
  signal?: AbortSignal,
): Promise<RegisteredModel[]> {
  const models = await collectPages('registered models', async (pageToken) => {
    const json = await http.json({
      method: 'GET',
      path: `${API}/registered-models/search`,
      query: { max_results: SEARCH_PAGE, page_token: pageToken },
      signal,
    });
    return {
      items: list(json.registered_models).map(registeredModelFromJson),
      nextPageToken: nextToken(json),
    };
  });
  for (const m of models) m.latestVersions = m.latestVersions.map((v) => withModelAliases(v, m));
  return models;
}

export async function listModelVersions(
  http: HttpClient,
  signal?: AbortSignal,
): Promise<ModelVersion[]> {
  const [versions, models] = await Promise.all([
    collectPages('model versions', async (pageToken) => {
      const json = await http.json({
        method: 'GET',
        path: `${API}/model-versions/search`,
        query: { max_results: SEARCH_PAGE, page_token: pageToken },
        signal,
      });
      return {
        items: list(json.model_versions).map(modelVersionFromJson),
        nextPageToken: nextToken(json),
      };
    }),
    listRegisteredModels(http, signal),
  ]);
  const byName = new Map(models.map((m) => [m.name, m]));
  return versions
    .filter((v) => v.currentStage !== 'Deleted_Internal')
    .map((v) => {
      const model = byName.get(v.name);
      return model ? withModelAliases(v, model) : v;
    });
}

/** A version's aliases, completed from its model's alias list (SQLite-backed servers leave them out). */
function withModelAliases(v: ModelVersion, model: RegisteredModel): ModelVersion {
  const aliases = new Set(v.aliases);
  for (const a of model.aliases) if (a.version === v.version) aliases.add(a.alias);
  return { ...v, aliases: [...aliases].sort() };
}
