/**
 * Many contract calls of one method as cached queries (a chart needs one series per run, and the number
 * of runs changes). Same keys and same query function as `useApiQuery`, so these share its cache and
 * are invalidated by store events exactly like it; `useApiQuery` cannot be called in a loop.
 */
import { useQueries, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import type { MethodName, RequestOf, ResponseOf } from '../../../shared/common/contract';
import { useApi } from '../api/ApiContext';
import { asApiError, type ApiError } from '../api/ApiError';
import { apiQueryKey } from '../api/queries';

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
  return useQueries({
    queries: requests.map((request) => ({
      queryKey: apiQueryKey(method, request),
      placeholderData: keepPreviousOf
        ? () => {
            const same = client
              .getQueryCache()
              .findAll({ queryKey: [method, keepPreviousOf(request)], type: 'all' })
              .filter((q) => q.state.data !== undefined)
              .sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt)[0];
            return same?.state.data as ResponseOf<M> | undefined;
          }
        : undefined,
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
