/**
 * The runs view's chart view, drawn as soon as its code is there (preloadChartView.ts): skeleton
 * lines while the chunk loads, an error with a retry if it cannot be loaded.
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
        error={{ code: 'INTERNAL', message: view.error.message }}
        onRetry={view.retry}
      />
    );
  return <SkeletonLines count={8} lineHeight={ROW_HEIGHT} />;
}
