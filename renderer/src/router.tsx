/**
 * The route tree (renderer.md's route map), on hash history: `#/runs?e=…` works unchanged under
 * Electron's app:// scheme and behind the web host's token, a reload lands on the same screen, and
 * Back/Forward walk the screens. Search params are validated per route (a link is untrusted input).
 *
 * Screens of this build: `/` and `/runs`. The others are routed with their params and search already
 * typed, and show a "not available in this build" screen until their page components are wired in:
 * each is one `component:` line in `SCREENS` below (renderer.md lists the owners and props).
 */
import {
  createHashHistory,
  createRootRoute,
  createRoute,
  createRouter,
  type RouterHistory,
} from '@tanstack/react-router';
import { App } from './App';
import { GovernanceModelPage } from './governance/GovernanceModelPage';
import { GovernancePage } from './governance/GovernancePage';
import type { GovernanceSearch } from './governance/links';
import { Home } from './Home';
import { RunsRoute } from './runs/RunsRoute';
import { validateRunsSearch } from './runs/runsSearch';
import { defined, list, oneOf, text } from './searchParams';
import { NotAvailable } from './ui/NotAvailable';
import { NotFound } from './ui/NotFound';

export const RUN_TABS = [
  'overview',
  'metrics',
  'params',
  'artifacts',
  'tags',
  'datasets',
  'models',
] as const;

export interface RunSearch {
  tab?: (typeof RUN_TABS)[number];
  path?: string;
  metric?: string;
}

export interface CompareSearch {
  runs: string[];
  metrics?: string[];
  set?: string;
}

export type { GovernanceSearch } from './governance/links';

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
  component: () => <NotAvailable screen="Run page" />,
});

const modelsRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/models/$storeId',
  component: () => <NotAvailable screen="Model registry" />,
});
const modelRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/models/$storeId/$name',
  component: () => <NotAvailable screen="Registered model" />,
});
const modelVersionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/models/$storeId/$name/$version',
  component: () => <NotAvailable screen="Model version" />,
});
const loggedModelRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/logged-models/$storeId/$modelId',
  component: () => <NotAvailable screen="Logged model" />,
});
const traceRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/traces/$storeId/$traceId',
  component: () => <NotAvailable screen="Trace" />,
});
const compareRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/compare',
  validateSearch: (s: Record<string, unknown>): CompareSearch =>
    defined({ runs: list(s.runs) ?? [], metrics: list(s.metrics), set: text(s.set) }),
  component: () => <NotAvailable screen="Compare runs" />,
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
  component: function Governance() {
    return <GovernancePage search={governanceRoute.useSearch()} />;
  },
});
const governanceModelRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/governance/$storeId/model/$name',
  validateSearch: (s: Record<string, unknown>): { asOf?: string } => defined({ asOf: day(s.asOf) }),
  component: function GovernanceModel() {
    const { storeId, name } = governanceModelRoute.useParams();
    const { asOf } = governanceModelRoute.useSearch();
    return <GovernanceModelPage storeId={storeId} name={name} asOf={asOf} />;
  },
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
