/**
 * The chart view's code (recharts and the chart components, their own chunk) is fetched and parsed
 * before it is needed: the runs chart view's first content used to wait for the runs, then for this
 * chunk (a waterfall of ~200–300 ms on the fixtures). A deep link to the chart view starts it at once,
 * beside the runs search; the table view starts it once its rows are shown and the browser is idle, so
 * switching to Chart draws from code already there, and the table's first rows never wait for it.
 */
import { useEffect } from 'react';

export const loadChartView = () => import('../charts/RunsChartView');

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
      void loadChartView();
      return;
    }
    if (!rowsShown) return;
    return whenIdle(() => void loadChartView());
  }, [chartView, rowsShown]);
}
