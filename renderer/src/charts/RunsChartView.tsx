/**
 * The chart view of the runs table: the selected (else visible) runs overlaid, one chart per chosen
 * metric, and a bar chart of one metric's latest value across the runs. Runs arrive as the table has
 * them (Run objects with their store), so the chart view needs no query of its own for the run list.
 */
import { useId, useMemo, useState } from 'react';
import type { Run } from '../../../shared/common/types';
import { runColors } from './runColors';
import { LatestValueBars } from './LatestValueBars';
import { OverlaidCharts } from './OverlaidCharts';
import type { ChartRun } from './types';
import './charts.css';

export interface StoreRun {
  storeId: string;
  run: Run;
}

export function toChartRun({ storeId, run }: StoreRun): ChartRun {
  return {
    storeId,
    runId: run.info.runId,
    name: run.info.runName || run.info.runId.slice(0, 8),
    startTime: run.info.startTime ?? undefined,
  };
}

export function RunsChartView(props: {
  runs: readonly StoreRun[];
  /** Chosen metrics (the runs view may keep them in its URL); default: the first three. */
  metrics?: readonly string[];
  onMetricsChange?: (keys: string[]) => void;
}) {
  const id = useId();
  const allKeys = useMemo(
    () =>
      [...new Set(props.runs.flatMap((r) => Object.keys(r.run.data.metrics)))].sort((a, b) =>
        a.localeCompare(b),
      ),
    [props.runs],
  );
  // Undefined until the user picks: the first three metrics of whatever runs have arrived.
  const [localKeys, setLocalKeys] = useState<string[] | undefined>();
  const chosen = [...(props.metrics ?? localKeys ?? allKeys.slice(0, 3))].filter((k) =>
    allKeys.includes(k),
  );
  const setChosen = props.onMetricsChange ?? setLocalKeys;
  const [barKey, setBarKey] = useState<string | undefined>();
  const bar = barKey ?? chosen[0] ?? allKeys[0];
  const chartRuns = useMemo(() => props.runs.map(toChartRun), [props.runs]);

  if (props.runs.length === 0)
    return <p className="runs-chart-empty">Select runs (or show some) to chart them.</p>;
  return (
    <section className="runs-chart-view" data-state="ready">
      <OverlaidCharts
        runs={chartRuns}
        allKeys={allKeys}
        chosen={chosen}
        onChosenChange={setChosen}
      />
      {bar && (
        <>
          <label htmlFor={`${id}-bar`}>Latest value of </label>
          <select id={`${id}-bar`} value={bar} onChange={(e) => setBarKey(e.target.value)}>
            {allKeys.map((k) => (
              <option key={k}>{k}</option>
            ))}
          </select>
          <LatestValueBars
            storeIds={props.runs.map((r) => r.storeId)}
            runs={props.runs.map((r) => r.run)}
            colorOf={runColors(chartRuns)}
            metricKey={bar}
          />
        </>
      )}
    </section>
  );
}
