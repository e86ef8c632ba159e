/**
 * A test-only page that mounts the charts and compare screens with the real host API, query cache and
 * store-event invalidation, under a hash-history TanStack router holding only these routes. It lets the
 * e2e specs (e2e/web/charts.spec.ts) and screenshots exercise the components before the app's route
 * tree includes them; at merge, `/compare` moves into renderer/src/router.tsx with the same search.
 *   #/compare?runs=[…]&metrics=[…]     ComparePage
 *   #/chart?runs=[…]&metric=mape        one MetricChart of several runs
 *   #/run-metrics?run="store:id"        MetricCharts (small multiples) of one run
 *   #/runs-chart?runs=[…]              RunsChartView
 * `?theme=dark` in the hash search sets the dark theme.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import {
  createHashHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  RouterProvider,
} from '@tanstack/react-router';
import { StrictMode, useEffect, useMemo } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider, useHostEvents } from '../src/api/ApiContext';
import { createHostApi, createHostEvents } from '../src/api/client';
import { createQueryClient, invalidateForEvent } from '../src/api/queries';
import { MetricChart } from '../src/charts/MetricChart';
import { MetricCharts } from '../src/charts/MetricCharts';
import { RunsChartView } from '../src/charts/RunsChartView';
import { ComparePage } from '../src/compare/ComparePage';
import { useCompareRuns } from '../src/compare/useCompareRuns';
import '../src/styles.css';
import './harness.css';

const queryClient = createQueryClient();

type Search = Record<string, unknown>;
const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : [];

function Live() {
  const events = useHostEvents();
  useEffect(() => events.subscribe((e) => void invalidateForEvent(queryClient, e)), [events]);
  return null;
}

const root = createRootRoute({
  validateSearch: (s: Search) => s,
  component: function Root() {
    const theme = (root.useSearch() as Search).theme;
    useEffect(() => {
      document.documentElement.dataset.theme = theme === 'dark' ? 'dark' : 'light';
    }, [theme]);
    return (
      <div data-state="ready" style={{ padding: 8 }}>
        <Live />
        <Outlet />
      </div>
    );
  },
});

const compare = createRoute({
  getParentRoute: () => root,
  path: '/compare',
  component: function Compare() {
    const s = compare.useSearch() as Search;
    return (
      <ComparePage runs={strings(s.runs)} metrics={s.metrics ? strings(s.metrics) : undefined} />
    );
  },
});

const chart = createRoute({
  getParentRoute: () => root,
  path: '/chart',
  component: function Chart() {
    const s = chart.useSearch() as Search;
    const { chartRuns } = useCompareRuns(useMemo(() => strings(s.runs), [s.runs]));
    return (
      <MetricChart
        runs={chartRuns}
        metricKey={String(s.metric ?? '')}
        otherKeys={strings(s.other)}
      />
    );
  },
});

const runMetrics = createRoute({
  getParentRoute: () => root,
  path: '/run-metrics',
  component: function RunMetrics() {
    const s = runMetrics.useSearch() as Search;
    const { runs, chartRuns } = useCompareRuns(useMemo(() => strings(s.run), [s.run]));
    const run = chartRuns[0];
    if (!run || !runs[0]) return null;
    return <MetricCharts run={run} metricKeys={Object.keys(runs[0].run.data.metrics)} />;
  },
});

const runsChart = createRoute({
  getParentRoute: () => root,
  path: '/runs-chart',
  component: function RunsChart() {
    const s = runsChart.useSearch() as Search;
    const { runs } = useCompareRuns(useMemo(() => strings(s.runs), [s.runs]));
    return <RunsChartView runs={runs.map((r) => ({ storeId: r.storeId, run: r.run }))} />;
  },
});

const router = createRouter({
  routeTree: root.addChildren([compare, chart, runMetrics, runsChart]),
  history: createHashHistory(),
});

const container = document.getElementById('root');
if (!container) throw new Error('no #root');
createRoot(container).render(
  <StrictMode>
    <ApiProvider api={createHostApi()} events={createHostEvents()}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </ApiProvider>
  </StrictMode>,
);
