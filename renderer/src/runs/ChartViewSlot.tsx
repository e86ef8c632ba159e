/**
 * The runs view's chart view, drawn as soon as its code is there (preloadChartView.ts): skeleton
 * lines while the chunk loads; if it cannot be loaded, an alert that offers a reload (the browser keeps
 * a failed module import failed for the page's lifetime, so only a reload fetches it again; the URL
 * brings the same view back).
 */
import type { StoreRun } from '../charts/RunsChartView';
import { ErrorBanner } from '../ui/ErrorBanner';
import { SkeletonLines } from '../ui/Skeleton';
import { useChartView } from './preloadChartView';
import { ROW_HEIGHT } from './tableModel';

export function ChartViewSlot({ runs }: { runs: StoreRun[] }) {
  const view = useChartView();
  if (view.state === 'ready') return <view.module.RunsChartView runs={runs} />;
  if (view.state === 'failed')
    return (
      <ErrorBanner
        title="The chart view could not be loaded"
        error={view.error}
        advice={
          <>
            Reload to try again. In browser mode, check that <code>runlens serve</code> is still
            running.
          </>
        }
        retryLabel="Reload"
        onRetry={() => window.location.reload()}
      />
    );
  return <SkeletonLines count={8} lineHeight={ROW_HEIGHT} />;
}
