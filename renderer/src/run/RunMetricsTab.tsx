/**
 * The run page's metrics tab: the charts (small multiples, or the one named by the URL's `metric`
 * enlarged) above the metrics table. The grid is capped: a run with hundreds of metrics would fire a
 * history query per chart; the table's metric names open any other one.
 */
import { useNavigate } from '@tanstack/react-router';
import type { Run } from '../../../shared/common/types';
import { MetricCharts } from '../charts/MetricCharts';
import { toChartRun } from '../charts/RunsChartView';
import { runLink } from '../links';
import { RunMetrics } from './RunMetrics';

const GRID_LIMIT = 12;

export function RunMetricsTab({
  storeId,
  run,
  metric,
}: {
  storeId: string;
  run: Run;
  metric?: string;
}) {
  const navigate = useNavigate();
  const keys = Object.keys(run.data.metrics).sort((a, b) => a.localeCompare(b));
  const gridKeys = metric && keys.includes(metric) ? keys : keys.slice(0, GRID_LIMIT);
  const runId = run.info.runId;
  return (
    <>
      {keys.length > 0 && (
        <div className="run-metric-charts">
          <MetricCharts
            run={toChartRun({ storeId, run })}
            metricKeys={gridKeys}
            selected={metric}
            onSelect={(key) =>
              void navigate(runLink(storeId, runId, { tab: 'metrics', metric: key }))
            }
          />
          {!metric && keys.length > GRID_LIMIT && (
            <p className="pk-muted">
              Charts of the first {GRID_LIMIT} of {keys.length} metrics; open any other from its
              name below.
            </p>
          )}
        </div>
      )}
      <RunMetrics storeId={storeId} runId={runId} metrics={run.data.metrics} metric={metric} />
    </>
  );
}
