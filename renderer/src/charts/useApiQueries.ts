/**
 * Many contract calls of one method as cached queries (a chart needs one series per run, and the number
 * of runs changes). Same keys and same query function as `useApiQuery`, so these share its cache and
 * are invalidated by store events exactly like it; `useApiQuery` cannot be called in a loop.
 */
import {
  useQueries,
  useQueryClient,
  type QueryClient,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { MethodName, RequestOf, ResponseOf } from '../../../shared/common/contract';
import { useApi } from '../api/ApiContext';
import { asApiError, type ApiError } from '../api/ApiError';
import { apiQueryKey } from '../api/queries';

/**
 * The latest cached answer of `method` per the values of `fields`, for placeholders. The cache is read
 * once, on the first call, not once per pending query: a chart view of 150 series searched the whole
 * cache 150 times in every render while its answers were pending (~25 ms a render).
 */
export function latestAnswers<M extends MethodName>(
  client: QueryClient,
  method: M,
  fields: (request: RequestOf<M>) => Partial<RequestOf<M>>,
): (request: RequestOf<M>) => ResponseOf<M> | undefined {
  const idOf = (request: RequestOf<M>): string => {
    const picked = fields(request) as Record<string, unknown>;
    return JSON.stringify(
      Object.keys(picked)
        .sort()
        .map((k) => [k, picked[k]]),
    );
  };
  let latest: Map<string, { data: ResponseOf<M>; at: number }> | undefined;
  return (request) => {
    if (!latest) {
      latest = new Map();
      for (const query of client.getQueryCache().findAll({ queryKey: [method], type: 'all' })) {
        if (query.state.data === undefined) continue;
        const id = idOf(query.queryKey[1] as RequestOf<M>);
        const seen = latest.get(id);
        // Ties keep the first in cache order.
        if (!seen || query.state.dataUpdatedAt > seen.at)
          latest.set(id, {
            data: query.state.data as ResponseOf<M>,
            at: query.state.dataUpdatedAt,
          });
      }
    }
    return latest.get(idOf(request))?.data;
  };
}

export function useApiQueries<M extends MethodName>(
  method: M,
  requests: readonly RequestOf<M>[],
  opts: {
    /**
     * While a request has no answer yet, show the latest cached answer of a request with the same
     * values of these fields (e.g. the same run and metric at another zoom or width), so that a chart
     * keeps what it drew. TanStack's `keepPreviousData` cannot do it here: useQueries matches its
     * observers by key, so a changed key starts from an empty observer.
     */
    keepPreviousOf?: (request: RequestOf<M>) => Partial<RequestOf<M>>;
    /** Fetches one request instead of calling the method directly (e.g. through a batcher). */
    fetch?: (request: RequestOf<M>, o: { signal: AbortSignal }) => Promise<ResponseOf<M>>;
  } = {},
): UseQueryResult<ResponseOf<M>, ApiError>[] {
  const api = useApi();
  const client = useQueryClient();
  const { keepPreviousOf, fetch } = opts;
  const previous = keepPreviousOf ? latestAnswers(client, method, keepPreviousOf) : undefined;
  return useQueries({
    queries: requests.map((request) => ({
      queryKey: apiQueryKey(method, request),
      placeholderData: previous ? () => previous(request) : undefined,
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        try {
          const call =
            fetch ??
            (api[method] as (
              r: RequestOf<M>,
              o: { signal: AbortSignal },
            ) => Promise<ResponseOf<M>>);
          return await call(request, { signal });
        } catch (err) {
          throw asApiError(err);
        }
      },
    })),
  }) as UseQueryResult<ResponseOf<M>, ApiError>[];
}
