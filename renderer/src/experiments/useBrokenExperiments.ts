/**
 * The unreadable experiments of the open stores (brokenExperiments.ts), keyed `storeId:experimentId`
 * as the runs view's refs are. Only folder stores with problems are asked: the problems query is the
 * Problems panel's, cached and refreshed by the same store events.
 */
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { StoreInfo } from '../../../shared/common/contract';
import { useApi } from '../api/ApiContext';
import { apiQueryOptions } from '../api/queries';
import { brokenExperiments, type BrokenExperiment } from './brokenExperiments';

export interface BrokenRef extends BrokenExperiment {
  store: StoreInfo;
}

/** Stores whose problems may name an experiment (a FileStore's experiment folders). */
export function mayHaveBrokenExperiments(store: StoreInfo): boolean {
  return store.kind === 'file' && store.state === 'ready' && store.problemCount > 0;
}

export function useBrokenExperiments(stores: readonly StoreInfo[]): ReadonlyMap<string, BrokenRef> {
  const api = useApi();
  const asked = stores.filter(mayHaveBrokenExperiments);
  const results = useQueries({
    queries: asked.map((s) => apiQueryOptions(api, 'getStoreProblems', { storeId: s.storeId })),
  });
  const stamp = results.map((r) => r.dataUpdatedAt).join(',');
  const storesKey = asked.map((s) => `${s.storeId}@${s.location}`).join(',');
  return useMemo(() => {
    const map = new Map<string, BrokenRef>();
    results.forEach((r, i) => {
      const store = asked[i];
      if (!store || !r.data) return;
      for (const b of brokenExperiments(store.location, r.data))
        map.set(`${store.storeId}:${b.experimentId}`, { ...b, store });
    });
    return map;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `stamp` and `storesKey` stand for them.
  }, [stamp, storesKey]);
}
