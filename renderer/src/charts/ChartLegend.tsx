/** The legend of a chart: one entry per run in its colour; hovering (or focusing) one highlights its line. */
import { runColors } from './runColors';
import { runKey, type ChartRun } from './types';

export function ChartLegend(props: {
  runs: readonly ChartRun[];
  onHighlight: (key: string | undefined) => void;
}) {
  const colorOf = runColors(props.runs);
  return (
    <ul className="chart-legend" aria-label="Runs">
      {props.runs.map((run) => (
        <li key={runKey(run)}>
          <button
            type="button"
            className="chart-legend-item"
            onMouseEnter={() => props.onHighlight(runKey(run))}
            onMouseLeave={() => props.onHighlight(undefined)}
            onFocus={() => props.onHighlight(runKey(run))}
            onBlur={() => props.onHighlight(undefined)}
          >
            <span
              className="chart-swatch"
              style={{ background: colorOf(run.storeId, run.runId) }}
            />
            {run.name}
          </button>
        </li>
      ))}
    </ul>
  );
}
