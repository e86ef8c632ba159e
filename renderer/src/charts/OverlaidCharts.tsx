/** A metric picker and one overlaid MetricChart per chosen metric (runs chart view and compare page). */
import { MetricChart } from './MetricChart';
import type { ChartRun } from './types';

export function OverlaidCharts(props: {
  runs: readonly ChartRun[];
  allKeys: readonly string[];
  chosen: readonly string[];
  onChosenChange: (keys: string[]) => void;
}) {
  const { allKeys, chosen } = props;
  return (
    <>
      <fieldset className="chart-controls">
        <legend>Metrics</legend>
        {allKeys.map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={chosen.includes(k)}
              onChange={(e) =>
                props.onChosenChange(
                  e.target.checked ? [...chosen, k] : chosen.filter((c) => c !== k),
                )
              }
            />{' '}
            {k}
          </label>
        ))}
      </fieldset>
      <div className="metric-charts-grid">
        {chosen.map((k) => (
          <MetricChart
            key={k}
            runs={props.runs}
            metricKey={k}
            otherKeys={allKeys.filter((o) => o !== k)}
          />
        ))}
      </div>
    </>
  );
}
