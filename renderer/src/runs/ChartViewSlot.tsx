/**
 * The runs view's chart view, drawn as soon as its code is there (preloadChartView.ts): skeleton
 * lines while the chunk loads; if it cannot be loaded, an alert that offers a reload (the browser keeps
 * a failed module import failed for the page's lifetime, so only a reload fetches it again; the URL
 * brings the same view back).
 */
import type { StoreRun } from '../charts/RunsChartView';
import { SkeletonLines } from '../ui/Skeleton';
import { useChartView } from './preloadChartView';
import { ROW_HEIGHT } from './tableModel';

export function ChartViewSlot({ runs }: { runs: StoreRun[] }) {
  const view = useChartView();
  if (view.state === 'ready') return <view.module.RunsChartView runs={runs} />;
  if (view.state === 'failed')
    return (
      <div className="banner banner-error" role="alert">
        <div className="banner-text">
          <strong>The chart view could not be loaded</strong>
          <p>{view.error.message}</p>
          <p className="banner-advice">
            Reload to try again. In browser mode, check that <code>runlens serve</code> is still
            running.
          </p>
        </div>
        <button type="button" className="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  return <SkeletonLines count={8} lineHeight={ROW_HEIGHT} />;
}
