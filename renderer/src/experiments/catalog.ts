/**
 * The open stores and their experiments, as cached queries every screen shares (the sidebar, the runs
 * view's titles, the experiment column): one `listStores`, one `searchExperiments` per store.
 */
import { useQueries } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { StoreInfo } from '../../../shared/common/contract';
import type { Experiment } from '../../../shared/common/types';
import { useApi } from '../api/ApiContext';
import { apiQueryOptions, useApiQuery } from '../api/queries';
import { experimentsRequest } from '../../../shared/common/firstScreen';

// One definition with the web host, which answers it ahead in the page (firstScreen.ts).
export { experimentsRequest } from '../../../shared/common/firstScreen';

export function useStores() {
  return useApiQuery('listStores', {});
}

export function sortExperiments(experiments: readonly Experiment[]): Experiment[] {
  return [...experiments].sort((a, b) =>
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
  );
}

/** The experiments of several stores, keyed `storeId:experimentId`; `loading` until each has answered. */
export function useExperimentIndex(storeIds: readonly string[]): {
  byRef: ReadonlyMap<string, Experiment>;
  loading: boolean;
} {
  const api = useApi();
  const results = useQueries({
    queries: storeIds.map((storeId) =>
      apiQueryOptions(api, 'searchExperiments', experimentsRequest(storeId)),
    ),
  });
  const stamp = results.map((r) => r.dataUpdatedAt).join(',');
  const storesKey = storeIds.join(',');
  const byRef = useMemo(() => {
    const map = new Map<string, Experiment>();
    results.forEach((r, i) => {
      for (const e of r.data?.experiments ?? []) map.set(`${storeIds[i]}:${e.experimentId}`, e);
    });
    return map;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stamp, storesKey]);
  return { byRef, loading: results.some((r) => r.isPending) };
}

export function storeById(stores: readonly StoreInfo[] | undefined, storeId: string) {
  return stores?.find((s) => s.storeId === storeId);
}
