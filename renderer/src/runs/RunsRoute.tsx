/** `/runs`: the runs view, with its state read from and written to the URL. */
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useCallback } from 'react';
import { ExperimentTabs } from './ExperimentTabs';
import { RunsView } from './RunsView';
import type { RunsSearch } from './runsSearch';

const route = getRouteApi('/runs');

export function RunsRoute() {
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/runs' });
  const update = useCallback(
    (patch: Partial<RunsSearch>, replace = false) =>
      void navigate({ search: (prev) => ({ ...prev, ...patch }), replace }),
    [navigate],
  );
  return (
    <ExperimentTabs search={search}>
      <RunsView
        search={search}
        update={update}
        openRun={(storeId, runId) =>
          void navigate({ to: '/run/$storeId/$runId', params: { storeId, runId }, search: {} })
        }
        compare={(runs) => void navigate({ to: '/compare', search: { runs } })}
      />
    </ExperimentTabs>
  );
}
