/**
 * The governance of one registered model (`/governance/$storeId/model/$name`): the model's own
 * checklist, its versions' compliance and approval trail, the monitoring timeline with the policy's
 * thresholds and the alert, the lifecycle observed over time, and the audit report.
 */
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { useApiQuery } from '../api/queries';
import { useExperimentIndex } from '../experiments/catalog';
import { modelLink } from '../links';
import { EmptyNote, ErrorNote, Skeleton } from '../pageKit/PageStates';
import '../pageKit/pages.css';
import { VersionsTrail } from './ApprovalTrail';
import { AuditReportPanel } from './AuditReportPanel';
import { FindingsTable, Verdict } from './EntityChecklist';
import { LifecycleTimeline } from './LifecycleTimeline';
import { governanceLink } from './links';
import {
  monitoringAlert,
  monitoringFilter,
  monitoringRuns,
  monitoringSeries,
} from './monitoringModel';
import { MonitoringAlertBanner, MonitoringTimeline } from './MonitoringTimeline';
import { PolicyProblems } from './PolicyPanel';
import { useGovernance } from './useGovernance';
import './governance.css';

const MAX_RUNS = 50_000;

export function GovernanceModelPage({
  storeId,
  name,
  asOf,
}: {
  storeId: string;
  name: string;
  asOf?: string | undefined;
}) {
  const governance = useGovernance(storeId, asOf);
  const model = useApiQuery('getRegisteredModel', { storeId, name });
  const versions = useApiQuery('searchModelVersions', {
    storeId,
    filter: `name = '${name.replace(/'/g, "\\'")}'`,
    maxResults: 10_000,
  });
  const tagged = useApiQuery('searchRuns', {
    storeId,
    filter: monitoringFilter(name),
    maxResults: MAX_RUNS,
  });
  const settings = governance.data?.settings ?? null;
  const experiments = useExperimentIndex([storeId]);
  const wanted = settings?.monitoring.experiment ?? null;
  const monitoringExperimentId =
    wanted === null
      ? null
      : ([...experiments.byRef].find(([, e]) => e.name === wanted)?.[0].slice(storeId.length + 1) ??
        null);
  const inExperiment = useApiQuery(
    'searchRuns',
    monitoringExperimentId
      ? { storeId, experimentIds: [monitoringExperimentId], maxResults: MAX_RUNS }
      : null,
  );
  const history = useApiQuery('getObservedHistory', { storeId, model: name });

  const report = governance.data?.report ?? null;
  const results = useMemo(
    () => new Map((report?.entities ?? []).map((e) => [`${e.kind}:${e.id}`, e])),
    [report],
  );
  const first = [governance, model, versions, tagged].find((q) => q.isError);
  const loading = [governance, model, versions, tagged].some((q) => q.isPending);
  const state = first ? 'error' : loading ? 'loading' : 'ready';

  // The host's as-of (now when none was asked), so the page and the engine agree on 'stale'.
  const asOfMs = report ? Date.parse(report.asOf) : 0;
  const runs = monitoringRuns(
    [...(tagged.data?.runs ?? []), ...(inExperiment.data?.runs ?? [])],
    name,
    asOfMs,
    monitoringExperimentId,
  );
  const series = settings ? monitoringSeries(runs, settings.monitoring.thresholds) : [];
  const modelResult = results.get(`registered_model:${name}`);

  return (
    <section className="pk-page gov-page" data-state={state} aria-labelledby="gov-model-title">
      <nav className="pk-crumbs" aria-label="Breadcrumbs">
        <Link {...governanceLink({ store: storeId, asOf })}>Governance</Link>
        <span aria-hidden="true">/</span>
        <span>model</span>
      </nav>
      <div className="gov-head">
        <h1 id="gov-model-title">
          {name} {modelResult && <Verdict result={modelResult} />}
        </h1>
        <p className="pk-muted">
          {report && (
            <>
              As of {report.asOf.slice(0, 10)} · policy {report.policy.name} ·{' '}
            </>
          )}
          <Link {...modelLink(storeId, name)}>registry page</Link>
        </p>
      </div>
      {first?.error ? (
        <ErrorNote title={`The governance of ${name} could not be shown.`} error={first.error} />
      ) : loading || !governance.data || !model.data ? (
        <Skeleton label={`Checking model ${name}`} lines={12} />
      ) : report === null ? (
        <PolicyProblems evaluation={governance.data} />
      ) : (
        <>
          {settings && (
            <MonitoringAlertBanner
              alert={monitoringAlert(runs, settings.monitoring, asOfMs)}
              storeId={storeId}
              model={name}
            />
          )}
          <h2>Model rules</h2>
          {modelResult ? (
            <FindingsTable findings={modelResult.findings} />
          ) : (
            <EmptyNote title="This model is out of the policy's scope." />
          )}
          <h2>Versions and approval trail</h2>
          {settings && (
            <VersionsTrail
              storeId={storeId}
              model={model.data}
              versions={versions.data?.modelVersions ?? []}
              results={results}
              approval={settings.approval}
            />
          )}
          <h2>Monitoring timeline</h2>
          <p className="pk-muted">
            Runs tagged <code>monitoring_for={name}</code>
            {settings?.monitoring.experiment && (
              <> or in experiment {settings.monitoring.experiment}</>
            )}
            : {runs.length} up to the as-of day. Dashed lines are the policy&rsquo;s thresholds; red
            points break them.
          </p>
          {series.length > 0 && <MonitoringTimeline series={series} />}
          <h2>Lifecycle (observed)</h2>
          <p className="pk-muted">
            MLflow keeps no history of alias or stage changes; Runlens records each registry state
            it sees.
          </p>
          {history.error ? (
            <ErrorNote title="The observed history could not be read." error={history.error} />
          ) : history.data ? (
            <LifecycleTimeline history={history.data} />
          ) : (
            <Skeleton label="Reading the observed history" lines={3} />
          )}
          <h2>Audit report</h2>
          <AuditReportPanel
            storeId={storeId}
            model={name}
            versions={versions.data?.modelVersions ?? []}
            asOf={asOf}
          />
        </>
      )}
    </section>
  );
}
