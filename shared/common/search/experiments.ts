/**
 * Experiment search (MLflow's SearchExperimentsUtils). The caller filters by view type first.
 * Filter keys: `name` (string), `creation_time` / `last_update_time` (numbers), `tags.<key>`.
 * Order keys: name, experiment_id, creation_time, last_update_time. Default order
 * `creation_time DESC, experiment_id ASC`; otherwise experiment_id DESC breaks ties.
 */
import type { Experiment } from '../types';
import { searchEntities, type EntityDomain } from './entitySearch';
import { compareIds } from './orderBy';
import type { SearchQuery } from './runs';

export const EXPERIMENTS: EntityDomain<Experiment> = {
  noun: 'experiments',
  filterAttributes: {
    name: { kind: 'string', get: (e) => e.name },
    creation_time: { kind: 'number', get: (e) => e.creationTime },
    last_update_time: { kind: 'number', get: (e) => e.lastUpdateTime },
  },
  orderAttributes: {
    name: { get: (e) => e.name },
    // The SQL store compares ids as integers; FileStore ids are same-length digit strings, where
    // numeric and string order agree.
    experiment_id: {
      get: (e) => e.experimentId,
      compare: (a, b) => compareIds(String(a), String(b)),
    },
    creation_time: { get: (e) => e.creationTime },
    last_update_time: { get: (e) => e.lastUpdateTime },
  },
  tags: (e) => e.tags,
  defaultOrderBy: ['creation_time DESC', 'experiment_id ASC'],
  tieBreakers: (keys) =>
    keys.some((k) => k.key === 'experiment_id')
      ? keys
      : [...keys, { key: 'experiment_id', ascending: false }],
  limits: { defaultMaxResults: 1000, maxMaxResults: 50_000 },
};

export function searchExperiments(
  experiments: Experiment[],
  q: SearchQuery,
): { experiments: Experiment[]; nextPageToken?: string } {
  const { items, nextPageToken } = searchEntities(EXPERIMENTS, experiments, q);
  return nextPageToken === undefined
    ? { experiments: items }
    : { experiments: items, nextPageToken };
}
