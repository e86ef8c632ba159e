/**
 * A route tree holding only the screens of issue 10 (run, artifacts, registry, logged models, traces),
 * with the paths and search params of the shared route map (renderer.md). It backs the screens harness
 * (screens.html) and is superseded when `ui`'s router.tsx wires these pages into the app.
 */
import {
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  type RouterHistory,
} from '@tanstack/react-router';
import { isRunTab } from '../links';
import { LoggedModelPage } from '../loggedModels/LoggedModelPage';
import { ModelPage } from '../registry/ModelPage';
import { ModelsPage } from '../registry/ModelsPage';
import { ModelVersionPage } from '../registry/ModelVersionPage';
import { RunPage } from '../run/RunPage';
import { TracePage } from '../traces/TracePage';
import { HarnessHome } from './HarnessHome';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

const root = createRootRoute({ component: () => <Outlet /> });

const home = createRoute({ getParentRoute: () => root, path: '/', component: HarnessHome });

const run = createRoute({
  getParentRoute: () => root,
  path: '/run/$storeId/$runId',
  validateSearch: (s: Record<string, unknown>) => ({
    tab: isRunTab(s.tab) ? s.tab : undefined,
    path: str(s.path),
    metric: str(s.metric),
  }),
  component: function RunRoute() {
    const { storeId, runId } = run.useParams();
    const search = run.useSearch();
    return <RunPage storeId={storeId} runId={runId} {...search} />;
  },
});

const models = createRoute({
  getParentRoute: () => root,
  path: '/models/$storeId',
  component: function ModelsRoute() {
    return <ModelsPage storeId={models.useParams().storeId} />;
  },
});

const model = createRoute({
  getParentRoute: () => root,
  path: '/models/$storeId/$name',
  component: function ModelRoute() {
    const p = model.useParams();
    return <ModelPage storeId={p.storeId} name={p.name} />;
  },
});

const version = createRoute({
  getParentRoute: () => root,
  path: '/models/$storeId/$name/$version',
  component: function VersionRoute() {
    const p = version.useParams();
    return <ModelVersionPage storeId={p.storeId} name={p.name} version={p.version} />;
  },
});

const loggedModel = createRoute({
  getParentRoute: () => root,
  path: '/logged-models/$storeId/$modelId',
  component: function LoggedModelRoute() {
    const p = loggedModel.useParams();
    return <LoggedModelPage storeId={p.storeId} modelId={p.modelId} />;
  },
});

const trace = createRoute({
  getParentRoute: () => root,
  path: '/traces/$storeId/$traceId',
  component: function TraceRoute() {
    const p = trace.useParams();
    return <TracePage storeId={p.storeId} traceId={p.traceId} />;
  },
});

export function createScreensRouter(history: RouterHistory) {
  return createRouter({
    routeTree: root.addChildren([home, run, models, model, version, loggedModel, trace]),
    history,
  });
}
