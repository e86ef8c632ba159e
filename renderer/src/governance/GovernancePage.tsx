/**
 * The governance dashboard (`/governance`): the store checked against its policy — cards by outcome,
 * the entities × rules matrix (filters by outcome, rule and experiment, all in the URL so a link
 * reproduces the view), an entity's checklist with the fix hints, roll-ups, and the policy in use.
 * `asOf` in the URL evaluates as of that day, like the CLI's `--as-of`.
 */
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import type { GovernanceReport } from '../../../shared/common/governance/types';
import { storeById, useExperimentIndex, useStores } from '../experiments/catalog';
import { ErrorNote, Skeleton } from '../pageKit/PageStates';
import '../pageKit/pages.css';
import { ComplianceMatrix, MatrixLegend } from './ComplianceMatrix';
import { filterEntities, visibleRules } from './dashboardModel';
import { DashboardFilters, StoreAndDate } from './DashboardFilters';
import { EntityChecklist } from './EntityChecklist';
import { governanceLink, type GovernanceSearch } from './links';
import { OutcomeCards } from './OutcomeCards';
import { PolicyPanel } from './PolicyPanel';
import { Rollups } from './Rollups';
import { useGovernance } from './useGovernance';
import './governance.css';

export function GovernancePage({ search }: { search: GovernanceSearch }) {
  const navigate = useNavigate();
  const stores = useStores();
  const readable = (stores.data ?? []).filter((s) => s.state === 'ready');
  const storeId =
    search.store !== undefined && storeById(readable, search.store)
      ? search.store
      : (readable[0]?.storeId ?? null);
  const query = useGovernance(storeId, search.asOf);
  const experiments = useExperimentIndex(storeId ? [storeId] : []);
  const experimentName = (id: string) => experiments.byRef.get(`${storeId}:${id}`)?.name;
  const update = (patch: Partial<GovernanceSearch>) =>
    void navigate(governanceLink({ ...search, ...patch }));

  const state = stores.isPending || query.isPending ? 'loading' : query.isError ? 'error' : 'ready';
  return (
    <section
      className="pk-page gov-page"
      data-state={storeId === null && stores.isSuccess ? 'ready' : state}
      aria-labelledby="gov-title"
    >
      <div className="gov-head">
        <h1 id="gov-title">Governance</h1>
        <StoreAndDate
          stores={readable}
          storeId={storeId}
          asOf={search.asOf}
          onChange={(patch) => update({ ...patch, entity: undefined })}
        />
      </div>
      {storeId === null && stores.isSuccess ? (
        <p className="pk-muted">Open a store to check it against its governance policy.</p>
      ) : query.isError ? (
        <ErrorNote title="The store could not be checked." error={query.error} />
      ) : !query.data ? (
        <Skeleton label="Checking the store against its policy" lines={10} />
      ) : query.data.report === null ? (
        <PolicyPanel evaluation={query.data} />
      ) : (
        <Dashboard
          storeId={storeId ?? ''}
          report={query.data.report}
          search={search}
          experimentName={experimentName}
          update={update}
          policy={<PolicyPanel evaluation={query.data} />}
        />
      )}
    </section>
  );
}

function Dashboard({
  storeId,
  report,
  search,
  experimentName,
  update,
  policy,
}: {
  storeId: string;
  report: GovernanceReport;
  search: GovernanceSearch;
  experimentName: (id: string) => string | undefined;
  update: (patch: Partial<GovernanceSearch>) => void;
  policy: ReactNode;
}) {
  const entities = filterEntities(report, search);
  const rules = visibleRules(report, entities, search.rule);
  const selected = report.entities.find((e) => `${e.kind}:${e.id}` === search.entity);
  const runExperiments = [
    ...new Set(report.entities.flatMap((e) => (e.kind === 'run' && e.parent ? [e.parent] : []))),
  ].sort((a, b) =>
    (experimentName(a) ?? a).localeCompare(experimentName(b) ?? b, undefined, {
      sensitivity: 'base',
    }),
  );
  return (
    <>
      <OutcomeCards
        summary={report.summary}
        active={search.outcome}
        onFilter={(outcome) => update({ outcome })}
      />
      {selected && (
        <EntityChecklist
          storeId={storeId}
          entity={selected}
          experimentName={selected.parent ? experimentName(selected.parent) : undefined}
          asOf={search.asOf}
          onClose={() => update({ entity: undefined })}
        />
      )}
      <h2 id="gov-matrix-title">Entities × rules</h2>
      <DashboardFilters
        search={search}
        rules={report.policy.rules.map((r) => r.id)}
        experiments={runExperiments}
        experimentName={experimentName}
        shown={entities.length}
        total={report.entities.length}
        onChange={update}
      />
      {entities.length === 0 ? (
        <p className="pk-muted gov-none">No entity matches these filters.</p>
      ) : (
        <>
          <ComplianceMatrix
            entities={entities}
            rules={rules}
            selected={search.entity}
            experimentName={experimentName}
            onSelect={(entity) => update({ entity })}
          />
          <MatrixLegend />
        </>
      )}
      <Rollups
        storeId={storeId}
        report={report}
        experimentName={experimentName}
        asOf={search.asOf}
        onExperiment={(experiment) => update({ experiment, entity: undefined })}
      />
      {policy}
    </>
  );
}
