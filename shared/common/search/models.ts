/**
 * Registered-model and model-version search (MLflow's SearchModelUtils / SearchModelVersionUtils).
 *
 * Registered models: filter `name`, `tags.<key>`; order name, creation_timestamp (alias
 * `timestamp`), last_updated_timestamp; name ASC breaks ties (and is the default order).
 * Model versions: filter `name`, `run_id`, `source_path` (the version's source), `version_number`,
 * `tags.<key>`; order name, version_number, creation_timestamp, last_updated_timestamp; default
 * `last_updated_timestamp DESC, name ASC, version_number DESC`; name ASC and version DESC break ties.
 * Versions in stage Deleted_Internal are never returned.
 */
import type { ModelVersion, RegisteredModel } from '../types';
import { searchEntities, type EntityDomain } from './entitySearch';
import { compareIds } from './orderBy';
import type { SearchQuery } from './runs';

const REGISTERED_MODELS: EntityDomain<RegisteredModel> = {
  noun: 'registered models',
  filterAttributes: {
    name: { kind: 'string', get: (m) => m.name },
  },
  orderAttributes: {
    name: { get: (m) => m.name },
    creation_timestamp: { get: (m) => m.creationTimestamp },
    last_updated_timestamp: { get: (m) => m.lastUpdatedTimestamp },
  },
  orderAliases: { timestamp: 'creation_timestamp' },
  tags: (m) => m.tags,
  defaultOrderBy: [],
  tieBreakers: (keys) =>
    keys.some((k) => k.key === 'name') ? keys : [...keys, { key: 'name', ascending: true }],
  limits: { defaultMaxResults: 100, maxMaxResults: 1000 },
};

/** Version numbers are decimal strings; a number value compares with them numerically. */
function versionNumber(v: ModelVersion): number | null {
  const n = Number(v.version);
  return v.version !== '' && Number.isFinite(n) ? n : null;
}

const MODEL_VERSIONS: EntityDomain<ModelVersion> = {
  noun: 'model versions',
  filterAttributes: {
    name: { kind: 'string', get: (v) => v.name },
    run_id: { kind: 'string', get: (v) => v.runId },
    source_path: { kind: 'string', get: (v) => v.source },
    version_number: { kind: 'number', get: versionNumber },
  },
  orderAttributes: {
    name: { get: (v) => v.name },
    version_number: { get: (v) => v.version, compare: (a, b) => compareIds(String(a), String(b)) },
    creation_timestamp: { get: (v) => v.creationTimestamp },
    last_updated_timestamp: { get: (v) => v.lastUpdatedTimestamp },
  },
  tags: (v) => v.tags,
  defaultOrderBy: ['last_updated_timestamp DESC', 'name ASC', 'version_number DESC'],
  tieBreakers: (keys) => {
    const out = keys.some((k) => k.key === 'name')
      ? [...keys]
      : [...keys, { key: 'name', ascending: true }];
    return out.some((k) => k.key === 'version_number')
      ? out
      : [...out, { key: 'version_number', ascending: false }];
  },
  limits: { defaultMaxResults: 10_000, maxMaxResults: 200_000 },
  hidden: (v) => v.currentStage === 'Deleted_Internal',
};

export function searchRegisteredModels(
  models: RegisteredModel[],
  q: SearchQuery,
): { registeredModels: RegisteredModel[]; nextPageToken?: string } {
  const { items, nextPageToken } = searchEntities(REGISTERED_MODELS, models, q);
  return nextPageToken === undefined
    ? { registeredModels: items }
    : { registeredModels: items, nextPageToken };
}

export function searchModelVersions(
  versions: ModelVersion[],
  q: SearchQuery,
): { modelVersions: ModelVersion[]; nextPageToken?: string } {
  const { items, nextPageToken } = searchEntities(MODEL_VERSIONS, versions, q);
  return nextPageToken === undefined
    ? { modelVersions: items }
    : { modelVersions: items, nextPageToken };
}
