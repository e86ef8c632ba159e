/** A metric with one value per run, shown as numbers rather than as dots on a one-tick axis. */
import { formatMetric } from '../format/formatMetric';
import { runColors } from './runColors';
import type { ChartRun } from './types';

export function SingleValues({
  runs,
  values,
  xLabel,
}: {
  runs: readonly ChartRun[];
  values: readonly (number | undefined)[];
  xLabel: string;
}) {
  const colorOf = runColors(runs);
  const shown = runs.flatMap((run, i) => {
    const value = values[i];
    return value === undefined ? [] : [{ run, value }];
  });
  return (
    <div className="single-values" role="group" aria-label="One value per run">
      {shown.length === 1 && shown[0] ? (
        <p className="single-value">
          <span className="single-value-number">{formatMetric(shown[0].value)}</span>
          <span className="muted">one value, at {xLabel}</span>
        </p>
      ) : (
        <>
          <p className="muted">One value per run, at {xLabel}</p>
          <ul>
            {shown.map(({ run, value }) => (
              <li key={`${run.storeId}:${run.runId}`}>
                <span
                  className="chart-swatch"
                  style={{ background: colorOf(run.storeId, run.runId) }}
                  aria-hidden="true"
                />
                <span className="single-value-run">{run.name}</span>
                <span className="single-value-number small">{formatMetric(value)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
