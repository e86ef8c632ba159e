/**
 * The route components of the screens built as plain page components (renderer.md): each reads its
 * route's params and search and hands them over as props, so the pages stay testable without a router.
 * Kept apart from router.tsx (the tree) so the tree reads as a map of paths.
 */
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { ComparePage, type CompareSearch } from './compare/ComparePage';
import { GovernanceModelPage } from './governance/GovernanceModelPage';
import { GovernancePage } from './governance/GovernancePage';
import { LoggedModelPage } from './loggedModels/LoggedModelPage';
import { ModelPage } from './registry/ModelPage';
import { ModelsPage } from './registry/ModelsPage';
import { ModelVersionPage } from './registry/ModelVersionPage';
import { RunPage } from './run/RunPage';
import { TracePage } from './traces/TracePage';

const runApi = getRouteApi('/run/$storeId/$runId');
const modelsApi = getRouteApi('/models/$storeId');
const modelApi = getRouteApi('/models/$storeId/$name');
const versionApi = getRouteApi('/models/$storeId/$name/$version');
const loggedModelApi = getRouteApi('/logged-models/$storeId/$modelId');
const traceApi = getRouteApi('/traces/$storeId/$traceId');
const compareApi = getRouteApi('/compare');
const governanceApi = getRouteApi('/governance');
const governanceModelApi = getRouteApi('/governance/$storeId/model/$name');

export function RunRoute() {
  const { storeId, runId } = runApi.useParams();
  const search = runApi.useSearch();
  // Keyed by run: a link from one run to another starts the next page fresh (tabs, scroll, previews).
  return <RunPage key={`${storeId}:${runId}`} storeId={storeId} runId={runId} {...search} />;
}

export function ModelsRoute() {
  const { storeId } = modelsApi.useParams();
  return <ModelsPage storeId={storeId} />;
}

export function ModelRoute() {
  const { storeId, name } = modelApi.useParams();
  return <ModelPage key={`${storeId}:${name}`} storeId={storeId} name={name} />;
}

export function ModelVersionRoute() {
  const { storeId, name, version } = versionApi.useParams();
  return (
    <ModelVersionPage
      key={`${storeId}:${name}:${version}`}
      storeId={storeId}
      name={name}
      version={version}
    />
  );
}

export function LoggedModelRoute() {
  const { storeId, modelId } = loggedModelApi.useParams();
  return <LoggedModelPage key={`${storeId}:${modelId}`} storeId={storeId} modelId={modelId} />;
}

export function TraceRoute() {
  const { storeId, traceId } = traceApi.useParams();
  return <TracePage key={`${storeId}:${traceId}`} storeId={storeId} traceId={traceId} />;
}

export function CompareRoute() {
  const search = compareApi.useSearch();
  const navigate = useNavigate({ from: '/compare' });
  return (
    <ComparePage
      {...search}
      // Metric choices and named sets go into the URL without a history entry per click.
      onNavigate={(next: CompareSearch) => void navigate({ search: next, replace: true })}
    />
  );
}

export function GovernanceRoute() {
  return <GovernancePage search={governanceApi.useSearch()} />;
}

export function GovernanceModelRoute() {
  const { storeId, name } = governanceModelApi.useParams();
  const { asOf } = governanceModelApi.useSearch();
  return (
    <GovernanceModelPage key={`${storeId}:${name}`} storeId={storeId} name={name} asOf={asOf} />
  );
}
