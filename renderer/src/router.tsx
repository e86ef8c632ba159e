/**
 * The route tree (renderer.md's route map), on hash history: `#/runs?e=…` works unchanged under
 * Electron's app:// scheme and behind the web host's token, a reload lands on the same screen, and
 * Back/Forward walk the screens. Search params are validated per route (a link is untrusted input).
 *
 * Every screen of the route map is wired here; the route components (params/search → page props) are
 * in routeScreens.tsx. The governance routes show a "not available in this build" screen until their
 * pages are wired in (renderer.md lists the owners and props).
 */
import {
  createHashHistory,
  createRootRoute,
  createRoute,
  createRouter,
  lazyRouteComponent,
  type RouterHistory,
} from '@tanstack/react-router';
import { App } from './App';
import type { CompareSearch } from './compare/ComparePage';
import type { GovernanceSearch } from './governance/links';
import { Home } from './Home';
import { RunsRoute } from './runs/RunsRoute';
import { validateRunsSearch } from './runs/runsSearch';
import { RUN_TABS, type RunSearch } from './links';
import { defined, list, oneOf, text } from './searchParams';
import { NotFound } from './ui/NotFound';

export { RUN_TABS, type CompareSearch, type RunSearch };

export type { GovernanceSearch } from './governance/links';

/**
 * The screens beyond the runs view load on first use (their own chunk, with the charts library), so
 * the runs table's first rows do not wait for code they do not need.
 */
const screens = () => import('./routeScreens');
const screen = (name: keyof Awaited<ReturnType<typeof screens>>) =>
  lazyRouteComponent(screens, name);

const rootRoute = createRootRoute({ component: App, notFoundComponent: NotFound });

const homeRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: Home });

const runsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/runs',
  validateSearch: validateRunsSearch,
  component: RunsRoute,
});

const runRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/run/$storeId/$runId',
  validateSearch: (s: Record<string, unknown>): RunSearch =>
    defined({ tab: oneOf(s.tab, RUN_TABS), path: text(s.path), metric: text(s.metric) }),
  component: screen('RunRoute'),
});

const modelsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/models/$storeId',
  component: screen('ModelsRoute'),
});
const modelRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/models/$storeId/$name',
  component: screen('ModelRoute'),
});
const modelVersionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/models/$storeId/$name/$version',
  component: screen('ModelVersionRoute'),
});
const loggedModelRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/logged-models/$storeId/$modelId',
  component: screen('LoggedModelRoute'),
});
const traceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/traces/$storeId/$traceId',
  component: screen('TraceRoute'),
});
const compareRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/compare',
  validateSearch: (s: Record<string, unknown>): CompareSearch =>
    defined({ runs: list(s.runs) ?? [], metrics: list(s.metrics), set: text(s.set) }),
  component: screen('CompareRoute'),
});
const governanceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/governance',
  validateSearch: (s: Record<string, unknown>): GovernanceSearch =>
    defined({
      store: text(s.store),
      outcome: text(s.outcome),
      rule: text(s.rule),
      experiment: text(s.experiment),
      entity: text(s.entity),
      asOf: day(s.asOf),
    }),
  component: screen('GovernanceRoute'),
});
const governanceModelRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/governance/$storeId/model/$name',
  validateSearch: (s: Record<string, unknown>): { asOf?: string } => defined({ asOf: day(s.asOf) }),
  component: screen('GovernanceModelRoute'),
});

/** A YYYY-MM-DD day (governance's as-of); anything else is dropped. */
function day(value: unknown): string | undefined {
  const t = text(value);
  return t !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(t) ? t : undefined;
}

export const routeTree = rootRoute.addChildren([
  homeRoute,
  runsRoute,
  runRoute,
  modelsRoute,
  modelRoute,
  modelVersionRoute,
  loggedModelRoute,
  traceRoute,
  compareRoute,
  governanceRoute,
  governanceModelRoute,
]);

export function createAppRouter(history: RouterHistory = createHashHistory()) {
  return createRouter({
    routeTree,
    history,
    // Screens fetch through the query cache; the router keeps no data of its own.
    defaultPreloadStaleTime: 0,
    scrollRestoration: false,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
