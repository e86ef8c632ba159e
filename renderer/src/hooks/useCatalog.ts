import type { RunlensApi, StoreInfo } from '../../../shared/common/contract';
import type { Experiment } from '../../../shared/common/types';
import { asApiError, type ApiError } from '../api/ApiError';
import { useApi } from '../api/ApiContext';
import { useQuery, type QueryState } from './useQuery';

export interface CatalogStore {
  info: StoreInfo;
  /** Active and deleted experiments, by name; empty when the store is unreadable. */
  experiments: Experiment[];
  /** Set when the experiments could not be listed (the store itself may still be 'ready'). */
  experimentsError?: ApiError;
}

async function listAllExperiments(
  api: RunlensApi,
  storeId: string,
  signal: AbortSignal,
): Promise<Experiment[]> {
  const all: Experiment[] = [];
  let pageToken: string | undefined;
  do {
    const page = await api.searchExperiments(
      {
        storeId,
        viewType: 'ALL',
        filter: undefined,
        orderBy: undefined,
        maxResults: 1000,
        pageToken,
      },
      { signal },
    );
    all.push(...page.experiments);
    pageToken = page.nextPageToken || undefined;
  } while (pageToken);
  return all.sort((a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
}

async function loadCatalog(api: RunlensApi, signal: AbortSignal): Promise<CatalogStore[]> {
  const stores = await api.listStores({}, { signal });
  return Promise.all(
    stores.map(async (info): Promise<CatalogStore> => {
      if (info.state !== 'ready') return { info, experiments: [] };
      try {
        return { info, experiments: await listAllExperiments(api, info.storeId, signal) };
      } catch (err) {
        return { info, experiments: [], experimentsError: asApiError(err) };
      }
    }),
  );
}

/**
 * Every open store with its experiments; the app is 'ready' once this has loaded. A reload (a store
 * opened, an experiment renamed) cancels the listing it replaces.
 */
export function useCatalog(reloadCount: number): QueryState<CatalogStore[]> {
  const api = useApi();
  return useQuery(`catalog#${reloadCount}`, (signal) => loadCatalog(api, signal));
}
