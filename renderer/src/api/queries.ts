/**
 * The renderer's one data cache: a TanStack Query per contract call, keyed `[method, request]`.
 *
 * Every screen reads through `useApiQuery`, so the same call made by two components is fetched once and
 * a store's change event can invalidate exactly the keys it touches (`invalidateForEvent`): a live
 * change to one run refetches that run's queries and the run lists of its experiment, not everything.
 */
import {
  QueryClient,
  useQuery,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import type {
  MethodName,
  RequestOf,
  ResponseOf,
  RunlensApi,
  RunlensEvent,
} from '../../../shared/common/contract';
import type { ApiError } from './ApiError';
import { asApiError } from './ApiError';
import { useApi } from './ApiContext';

export type ApiQueryKey<M extends MethodName> = readonly [M, RequestOf<M>];

export function apiQueryKey<M extends MethodName>(
  method: M,
  request: RequestOf<M>,
): ApiQueryKey<M> {
  return [method, request] as const;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Data changes only when the store says so (events), never because time passed.
        staleTime: Infinity,
        gcTime: 5 * 60_000,
        retry: false,
        refetchOnWindowFocus: false,
      },
    },
  });
}

type ExtraOptions<M extends MethodName> = Omit<
  UseQueryOptions<ResponseOf<M>, ApiError, ResponseOf<M>, ApiQueryKey<M>>,
  'queryKey' | 'queryFn' | 'enabled'
>;

/** The key and fetch of one contract call, for `useQuery`, `useQueries` and prefetching alike. */
export function apiQueryOptions<M extends MethodName>(
  api: RunlensApi,
  method: M,
  request: RequestOf<M>,
) {
  return {
    queryKey: apiQueryKey(method, request),
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<ResponseOf<M>> => {
      try {
        const call = api[method] as (
          r: RequestOf<M>,
          o: { signal: AbortSignal },
        ) => Promise<ResponseOf<M>>;
        return await call(request, { signal });
      } catch (err) {
        throw asApiError(err);
      }
    },
  };
}

/**
 * One contract call as a cached query. `request: null` disables it (nothing selected yet). The query's
 * AbortSignal is passed to the call, so the host stops work nobody will look at.
 */
export function useApiQuery<M extends MethodName>(
  method: M,
  request: RequestOf<M> | null,
  options?: ExtraOptions<M>,
): UseQueryResult<ResponseOf<M>, ApiError> {
  const api = useApi();
  // A disabled query still needs a key; it is never fetched.
  const call = apiQueryOptions(api, method, (request ?? {}) as RequestOf<M>);
  return useQuery<ResponseOf<M>, ApiError, ResponseOf<M>, ApiQueryKey<M>>({
    ...options,
    queryKey: call.queryKey,
    enabled: request !== null,
    queryFn: call.queryFn,
  });
}

function requestOf(key: readonly unknown[]): Record<string, unknown> | undefined {
  const request = key[1];
  return typeof request === 'object' && request !== null
    ? (request as Record<string, unknown>)
    : undefined;
}

/** Methods whose answer depends on the set of open stores or on saved connections, not on a store's data. */
const STORE_LIST_METHODS: ReadonlySet<string> = new Set(['listStores', 'listConnections']);
/** Methods whose answer is about the experiment list of a store. */
const EXPERIMENT_LIST_METHODS: ReadonlySet<string> = new Set([
  'searchExperiments',
  'getExperiment',
]);
/** Methods keyed by one run (`runId` in the request). */
const RUN_METHODS: ReadonlySet<string> = new Set([
  'getRun',
  'getMetricHistory',
  'getMetricSeries',
  'listArtifacts',
  'readArtifact',
]);

/**
 * Whether a cached query may be affected by a host event. Precise on purpose: a `storeChanged` naming
 * runs refetches those runs and the run lists that may contain them (searches over their experiments,
 * or over every experiment), never another store's queries nor other runs' histories.
 */
export function isAffectedBy(key: readonly unknown[], event: RunlensEvent): boolean {
  const method = key[0];
  if (typeof method !== 'string') return false;
  if (event.type === 'loadProgress') return false;
  // Also the Problems dialog's list: the event may say a store's problem count changed.
  if (event.type === 'storesChanged')
    return STORE_LIST_METHODS.has(method) || method === 'getStoreProblems';
  const request = requestOf(key);
  if (method === 'listStores') return true; // problem counts may change
  if (!request || request.storeId !== event.storeId) return false;
  if (EXPERIMENT_LIST_METHODS.has(method)) return event.experimentsChanged;
  if (method === 'getStoreProblems') return true;
  if (RUN_METHODS.has(method)) {
    return event.runIds === null || event.runIds.includes(String(request.runId));
  }
  if (method === 'getMetricRanges') {
    const runIds = request.runIds;
    if (event.runIds === null || !Array.isArray(runIds)) return true;
    return runIds.some((id) => event.runIds?.includes(String(id)));
  }
  const experimentIds = request.experimentIds;
  if (event.experimentIds === null || !Array.isArray(experimentIds)) return true;
  return experimentIds.some((id) => event.experimentIds?.includes(String(id)));
}

/** Invalidates exactly the cached queries an event may have changed; they refetch if on screen. */
export function invalidateForEvent(client: QueryClient, event: RunlensEvent): Promise<void> {
  return client.invalidateQueries({ predicate: (query) => isAffectedBy(query.queryKey, event) });
}
