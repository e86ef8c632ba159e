/**
 * "Runs | Logged models | Traces" above the runs view. The last two are MLflow 3 features: a tab shows
 * only when one of the experiments shown has logged models (or traces), so MLflow 2 stores see no empty
 * tabs. The lists share their query keys with these probes, so opening a tab shows it from the cache.
 */
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useQueries } from '@tanstack/react-query';
import { useApi } from '../api/ApiContext';
import { apiQueryOptions } from '../api/queries';
import { useExperimentIndex } from '../experiments/catalog';
import { LoggedModelsList } from '../loggedModels/LoggedModelsList';
import { TracesList } from '../traces/TracesList';
import { experimentsByStore, type RunsSearch } from './runsSearch';

export type ExperimentTab = NonNullable<RunsSearch['tab']>;

/** One list request per shown experiment, the same requests LoggedModelsList / TracesList make. */
function useMlflow3Presence(refs: readonly string[]): { models: boolean; traces: boolean } {
  const api = useApi();
  const pairs = [...experimentsByStore(refs)].flatMap(([storeId, ids]) =>
    ids.map((experimentId) => ({ storeId, experimentIds: [experimentId] })),
  );
  const models = useQueries({
    queries: pairs.map((req) => apiQueryOptions(api, 'searchLoggedModels', req)),
  });
  const traces = useQueries({
    queries: pairs.map((req) => apiQueryOptions(api, 'searchTraces', req)),
  });
  return {
    models: models.some((q) => (q.data?.length ?? 0) > 0),
    traces: traces.some((q) => (q.data?.length ?? 0) > 0),
  };
}

export function ExperimentTabs({ search, children }: { search: RunsSearch; children: ReactNode }) {
  const present = useMlflow3Presence(search.e);
  const tab = search.tab ?? 'runs';
  const tabs: { id: ExperimentTab | 'runs'; label: string; shown: boolean }[] = [
    { id: 'runs', label: 'Runs', shown: true },
    { id: 'models', label: 'Logged models', shown: present.models || tab === 'models' },
    { id: 'traces', label: 'Traces', shown: present.traces || tab === 'traces' },
  ];
  const visible = tabs.filter((t) => t.shown);
  return (
    <div className="experiment-view">
      {visible.length > 1 && (
        <nav className="experiment-tabs" aria-label="Experiment sections">
          {visible.map((t) => (
            <Link
              key={t.id}
              to="/runs"
              search={(prev) => ({ ...prev, e: search.e, tab: t.id === 'runs' ? undefined : t.id })}
              className={t.id === tab ? 'experiment-tab active' : 'experiment-tab'}
              aria-current={t.id === tab ? 'page' : undefined}
            >
              {t.label}
            </Link>
          ))}
        </nav>
      )}
      {tab === 'runs' ? children : <ExperimentLists refs={search.e} tab={tab} />}
    </div>
  );
}

/** The logged models or traces of every shown experiment, one list per experiment. */
function ExperimentLists({ refs, tab }: { refs: readonly string[]; tab: ExperimentTab }) {
  const groups = [...experimentsByStore(refs)].flatMap(([storeId, ids]) =>
    ids.map((experimentId) => ({ storeId, experimentId })),
  );
  const List = tab === 'models' ? LoggedModelsList : TracesList;
  const experiments = useExperimentIndex([...new Set(groups.map((g) => g.storeId))]);
  return (
    // Each list is a labelled region with its own data-state; this is only their scroll container.
    <div className="screen experiment-lists pk-page">
      {groups.map((g) => (
        <div key={`${g.storeId}:${g.experimentId}`} className="experiment-list-block">
          {groups.length > 1 && (
            <h2 className="experiment-list-title">
              {experiments.byRef.get(`${g.storeId}:${g.experimentId}`)?.name ?? g.experimentId}
            </h2>
          )}
          <List storeId={g.storeId} experimentId={g.experimentId} />
        </div>
      ))}
    </div>
  );
}
