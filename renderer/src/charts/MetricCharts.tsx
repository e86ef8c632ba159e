/**
 * Every metric of a run as small multiples (the run page's metrics tab); clicking a chart (or Enter on
 * it) enlarges it to full width with its controls, clicking "Back to grid" returns.
 */
import { useState } from 'react';
import { MetricChart } from './MetricChart';
import type { ChartRun } from './types';
import './charts.css';

export function MetricCharts(props: {
  run: ChartRun;
  metricKeys: readonly string[];
  /** Enlarged metric (the run page keeps it in its URL: `metric`). */
  selected?: string;
  onSelect?: (key: string | undefined) => void;
}) {
  const [local, setLocal] = useState<string | undefined>(props.selected);
  const selected = props.onSelect ? props.selected : local;
  const select = props.onSelect ?? setLocal;
  const runs = [props.run];
  const keys = [...props.metricKeys].sort((a, b) => a.localeCompare(b));
  if (keys.length === 0) return <p className="metric-charts-empty">This run has no metrics.</p>;
  if (selected && keys.includes(selected)) {
    return (
      <div className="metric-charts-grid" data-state="ready">
        <div className="metric-chart-enlarged">
          <button type="button" onClick={() => select(undefined)}>
            Back to grid
          </button>
          <MetricChart
            runs={runs}
            metricKey={selected}
            otherKeys={keys.filter((k) => k !== selected)}
            height={420}
          />
        </div>
      </div>
    );
  }
  return (
    <div className="metric-charts-grid" data-state="ready">
      {keys.map((key) => (
        <div
          key={key}
          role="button"
          tabIndex={0}
          aria-label={`Enlarge ${key}`}
          onClick={() => select(key)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              select(key);
            }
          }}
        >
          <MetricChart runs={runs} metricKey={key} compact />
        </div>
      ))}
    </div>
  );
}
