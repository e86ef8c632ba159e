/**
 * A launch straight into the runs view (`#/runs?e=…`, the link a user keeps or the host opens): the
 * first page's cached preview is asked for before the first render, from the URL and the answers the
 * page carried (bootData.ts), under the key the runs view asks for (previewQueryOptions). The app
 * shell renders the screen one render after the sidebar (App.tsx), so without this the request would
 * leave only once the screen mounted; with it, the rows are often there for the screen's first render.
 *
 * Only the preview: the exact first page validates the store on disk (every run's stats), which would
 * compete with the first render for the CPU; it is asked by the view as before.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { RunlensApi, ResponseOf } from '../../../shared/common/contract';
import type { Experiment } from '../../../shared/common/types';
import { apiQueryKey } from '../api/queries';
import { experimentsRequest, storeById } from '../experiments/catalog';
import { experimentsByStore, onlyDeletedShown, parseRef, validateRunsSearch } from './runsSearch';
import { runsQueryOf } from './useRunRows';
import { previewQueryOptions, previewWanted } from './useRunPages';

export function prefetchRunsPreview(
  client: QueryClient,
  api: RunlensApi,
  location: { pathname: string; search: unknown },
): void {
  if (location.pathname !== '/runs') return;
  const search = validateRunsSearch(location.search as Record<string, unknown>);
  const byStore = experimentsByStore(search.e);
  const experimentOf = (value: string): Experiment | undefined => {
    const ref = parseRef(value);
    if (!ref) return undefined;
    const answer = client.getQueryData<ResponseOf<'searchExperiments'>>(
      apiQueryKey('searchExperiments', experimentsRequest(ref.storeId)),
    );
    return answer?.experiments.find((e) => e.experimentId === ref.id);
  };
  const query = runsQueryOf(search, onlyDeletedShown(search.e, experimentOf));
  const stores = client.getQueryData<ResponseOf<'listStores'>>(apiQueryKey('listStores', {}));
  for (const [storeId, experimentIds] of byStore) {
    if (!previewWanted(storeById(stores, storeId)?.kind)) continue;
    const options = previewQueryOptions(api, storeId, experimentIds, { ...query, byStore });
    // A failed preview costs nothing: the view shows the exact page when it comes.
    void client.prefetchQuery(options);
  }
}
