/**
 * On a run page, the experiment the run belongs to (`storeId:experimentId`), so the sidebar can mark
 * where the user is. The run comes from the query the run page itself made (same key: no extra call).
 */
import { useRouterState } from '@tanstack/react-router';
import { useApiQuery } from '../api/queries';
import { formatRef } from '../runs/runsSearch';

const RUN_ROUTE_ID = '/run/$storeId/$runId';

export function useRunPageExperiment(): string | undefined {
  const params = useRouterState({
    select: (s) =>
      s.matches.find((m) => m.routeId === RUN_ROUTE_ID)?.params as
        { storeId?: string; runId?: string } | undefined,
  });
  const request =
    params?.storeId && params.runId ? { storeId: params.storeId, runId: params.runId } : null;
  const run = useApiQuery('getRun', request);
  if (!request || !run.data) return undefined;
  return formatRef(request.storeId, run.data.info.experimentId);
}
