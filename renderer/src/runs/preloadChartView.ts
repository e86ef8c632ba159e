/**
 * The chart view's code (recharts and the chart components, their own chunk) is fetched and parsed
 * before it is needed: the runs chart view's first content used to wait for the runs, then for this
 * chunk (a waterfall of ~200–300 ms on the fixtures). A deep link to the chart view starts it at once,
 * beside the runs search; the table view starts it once its rows are shown and the browser is idle, so
 * switching to Chart draws from code already there, and the table's first rows never wait for it.
 *
 * The view is handed out by `useChartView`, not through `React.lazy` and `<Suspense>`: React delays
 * the reveal of a suspended boundary until 300 ms after its fallback was shown (its fallback
 * throttle), so with lazy the charts' first content waited ~300 ms for code that was already there.
 */
import { useEffect, useState } from 'react';

type ChartViewModule = typeof import('../charts/RunsChartView');

let loaded: ChartViewModule | undefined;
let loading: Promise<ChartViewModule> | undefined;

/** Starts (once) loading the chart view's chunk; a failed load is asked again by the next caller. */
export function loadChartView(): Promise<ChartViewModule> {
  loading ??= import('../charts/RunsChartView').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Schedules `work` when the browser is idle (a short timeout where there is no idle callback). */
function whenIdle(work: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(work, { timeout: 2000 });
    return () => window.cancelIdleCallback(handle);
  }
  const timer = window.setTimeout(work, 200);
  return () => window.clearTimeout(timer);
}

export function usePreloadChartView(chartView: boolean, rowsShown: boolean): void {
  useEffect(() => {
    if (chartView) {
      loadChartView().catch(() => undefined); // useChartView reports a failure
      return;
    }
    if (!rowsShown) return;
    return whenIdle(() => void loadChartView().catch(() => undefined));
  }, [chartView, rowsShown]);
}

export type ChartViewState =
  | { state: 'loading' }
  | { state: 'ready'; module: ChartViewModule }
  | { state: 'failed'; error: Error };

/**
 * The chart view's module for a component that shows it: 'ready' in the same render when the chunk
 * is already there, else 'loading' until it arrives (or 'failed').
 */
export function useChartView(): ChartViewState {
  const [module, setModule] = useState(loaded);
  const [error, setError] = useState<Error | undefined>();
  useEffect(() => {
    if (module) return;
    let live = true;
    loadChartView().then(
      (m) => live && setModule(m),
      (err: unknown) => live && setError(err instanceof Error ? err : new Error(String(err))),
    );
    return () => {
      live = false;
    };
  }, [module]);
  if (module) return { state: 'ready', module };
  if (error) return { state: 'failed', error };
  return { state: 'loading' };
}
