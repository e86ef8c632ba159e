/**
 * The run page (`/run/$storeId/$runId`): one getRun, then a tab per aspect. The tab, the artifact path
 * and the selected metric live in the URL (props from the route's search), so reload and Back restore it.
 */
import { Link } from '@tanstack/react-router';
import { useApiQuery } from '../api/queries';
import { ArtifactsTab } from '../artifacts/ArtifactsTab';
import { StatusPill } from '../ui/StatusPill';
import { RUN_TABS, runLink, type RunTab } from '../links';
import { ErrorNote, Skeleton } from '../pageKit/PageStates';
import { KeyValueTable } from './KeyValueTable';
import { RunDatasets } from './RunDatasets';
import { RunMetricsTab } from './RunMetricsTab';
import { RunModels } from './RunModels';
import { RunOverview } from './RunOverview';
import { splitTags } from './runFacts';
import './run.css';

export interface RunPageProps {
  storeId: string;
  runId: string;
  tab?: RunTab;
  /** Artifacts tab: the selected file or folder. */
  path?: string;
  /** Metrics tab: the metric whose chart is open. */
  metric?: string;
}

const TAB_LABELS: Record<RunTab, string> = {
  overview: 'Overview',
  metrics: 'Metrics',
  params: 'Params',
  artifacts: 'Artifacts',
  tags: 'Tags',
  datasets: 'Datasets',
  models: 'Models',
};

export function RunPage({ storeId, runId, tab = 'overview', path, metric }: RunPageProps) {
  const run = useApiQuery('getRun', { storeId, runId });
  const state = run.isError ? 'error' : run.data ? 'ready' : 'loading';
  return (
    <section className="pk-page run-page" data-state={state} aria-label="Run">
      {run.isError ? (
        <ErrorNote title="This run cannot be shown" error={run.error} />
      ) : !run.data ? (
        <Skeleton label="Loading run" lines={8} />
      ) : (
        (() => {
          const r = run.data;
          const counts: Partial<Record<RunTab, number>> = {
            metrics: Object.keys(r.data.metrics).length,
            params: Object.keys(r.data.params).length,
            tags: Object.keys(r.data.tags).length,
            datasets: r.inputs.datasetInputs.length,
          };
          const tags = splitTags(r.data.tags);
          return (
            <>
              <header className="run-head">
                <h1>
                  {r.info.runName || r.info.runId} <StatusPill status={r.info.status} />
                  {r.info.lifecycleStage === 'deleted' ? (
                    <span className="pk-tag">deleted</span>
                  ) : null}
                </h1>
              </header>
              <nav className="run-tabs" aria-label="Run sections">
                {RUN_TABS.map((t) => (
                  <Link
                    key={t}
                    {...runLink(storeId, runId, { tab: t === 'overview' ? undefined : t })}
                    // Active is "this tab", not the router's partial search match (every tab would be).
                    activeOptions={{ exact: true }}
                    className={t === tab ? 'run-tab active' : 'run-tab'}
                    aria-current={t === tab ? 'page' : undefined}
                  >
                    {TAB_LABELS[t]}
                    {counts[t] !== undefined ? (
                      <span className="run-tab-count">{counts[t]}</span>
                    ) : null}
                  </Link>
                ))}
              </nav>
              <div className="run-tab-body" data-tab={tab}>
                {tab === 'overview' ? <RunOverview storeId={storeId} run={r} /> : null}
                {tab === 'metrics' ? (
                  <RunMetricsTab storeId={storeId} run={r} metric={metric} />
                ) : null}
                {tab === 'params' ? (
                  <KeyValueTable
                    entries={Object.entries(r.data.params).sort((a, b) => a[0].localeCompare(b[0]))}
                    noun="params"
                    emptyHint="Params appear here once the run calls mlflow.log_param."
                    searchable
                  />
                ) : null}
                {tab === 'tags' ? (
                  <>
                    <KeyValueTable
                      entries={tags.user}
                      noun="tags"
                      emptyHint="User tags appear here once the run calls mlflow.set_tag."
                      searchable
                    />
                    {tags.system.length > 0 ? (
                      <details className="run-system-tags">
                        <summary>MLflow system tags ({tags.system.length})</summary>
                        <KeyValueTable entries={tags.system} noun="system tags" emptyHint="" />
                      </details>
                    ) : null}
                  </>
                ) : null}
                {tab === 'datasets' ? <RunDatasets inputs={r.inputs.datasetInputs} /> : null}
                {tab === 'models' ? <RunModels storeId={storeId} run={r} /> : null}
                {tab === 'artifacts' ? (
                  <ArtifactsTab storeId={storeId} runId={runId} path={path ?? ''} />
                ) : null}
              </div>
            </>
          );
        })()
      )}
    </section>
  );
}
