/**
 * Many contract calls of one method as cached queries (a chart needs one series per run, and the number
 * of runs changes). Same keys and same query function as `useApiQuery`, so these share its cache and
 * are invalidated by store events exactly like it; `useApiQuery` cannot be called in a loop.
 */
import { keepPreviousData, useQueries, type UseQueryResult } from '@tanstack/react-query';
import type { MethodName, RequestOf, ResponseOf } from '../../../shared/common/contract';
import { useApi } from '../api/ApiContext';
import { asApiError, type ApiError } from '../api/ApiError';
import { apiQueryKey } from '../api/queries';

export function useApiQueries<M extends MethodName>(
  method: M,
  requests: readonly RequestOf<M>[],
  opts: { keepPrevious?: boolean } = {},
): UseQueryResult<ResponseOf<M>, ApiError>[] {
  const api = useApi();
  return useQueries({
    queries: requests.map((request) => ({
      queryKey: apiQueryKey(method, request),
      // While a zoomed range or a live refresh loads, the chart keeps what it drew.
      placeholderData: opts.keepPrevious ? keepPreviousData : undefined,
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
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
    })),
  }) as UseQueryResult<ResponseOf<M>, ApiError>[];
}
