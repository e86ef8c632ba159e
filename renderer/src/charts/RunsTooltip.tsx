/**
 * The chart tooltip: every run's value at the hovered x (its drawn point nearest to x), not only runs
 * that happen to have a point at exactly that x. Colour swatch, run name, smoothed value (raw beside it).
 */
import { nearestIndex, type ChartData } from '../../../shared/common/charts/chartData';
import { formatMetric } from '../format/formatMetric';
import { runColors } from './runColors';
import type { ChartRun } from './types';

export function RunsTooltip(props: {
  x: number;
  runs: readonly ChartRun[];
  data: ChartData;
  smoothed: boolean;
  formatX: (x: number) => string;
}) {
  const x = props.x;
  const lines: { run: ChartRun; value: number; raw: number }[] = [];
  const colorOf = runColors(props.runs);
  props.runs.forEach((run, i) => {
    const l = props.data.lines[i];
    if (!l) return;
    const j = nearestIndex(l.xs, x);
    if (j < 0) return;
    lines.push({ run, value: l.smoothed[j] as number, raw: l.ys[j] as number });
  });
  return (
    <div className="chart-tooltip" role="status">
      <div className="chart-tooltip-x">{props.formatX(x)}</div>
      {lines.slice(0, 30).map(({ run, value, raw }) => (
        <div key={`${run.storeId}:${run.runId}`} className="chart-tooltip-row">
          <span className="chart-swatch" style={{ background: colorOf(run.storeId, run.runId) }} />
          <span className="chart-tooltip-name">{run.name}</span>
          <span className="chart-tooltip-value">
            {formatMetric(props.smoothed ? value : raw)}
            {props.smoothed && <span className="chart-tooltip-raw"> ({formatMetric(raw)})</span>}
          </span>
        </div>
      ))}
      {lines.length > 30 && <div className="chart-tooltip-more">+{lines.length - 30} more</div>}
    </div>
  );
}
