/** A bar chart of one metric's latest value across runs, each bar in its run's colour. */
import { useDeferredValue } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunColorOf } from '../../../shared/common/charts/runColor';
import type { Run } from '../../../shared/common/types';
import { formatMetric } from '../format/formatMetric';
import { useElementWidth } from './useElementWidth';
import { ownValue } from '../../../shared/common/records';

export function LatestValueBars(props: {
  storeIds: readonly string[];
  runs: readonly Run[];
  /** The view's run colours (runColors of the runs its charts draw). */
  colorOf: RunColorOf;
  metricKey: string;
}) {
  const [box, width] = useElementWidth<HTMLDivElement>();
  // Drawn one (interruptible) render after the view mounts: recharts' first render of the bars took
  // ~60 ms, and the metric charts' series requests left only after it.
  const drawn = useDeferredValue(true, false);
  const rows = props.runs.flatMap((run, i) => {
    const value = ownValue(run.data.metrics, props.metricKey)?.value;
    if (value === undefined || !Number.isFinite(value)) return [];
    return [
      {
        name: run.info.runName || run.info.runId.slice(0, 8),
        value,
        color: props.colorOf(props.storeIds[i] ?? '', run.info.runId),
      },
    ];
  });
  const missing = props.runs.length - rows.length;
  return (
    <figure className="metric-chart" data-state="ready" data-metric={props.metricKey}>
      <figcaption className="metric-chart-title">
        <span>Latest {props.metricKey}</span>
        {missing > 0 && (
          <span className="metric-chart-note">{missing} run(s) without a finite value</span>
        )}
      </figcaption>
      <div ref={box} style={{ height: 240 }}>
        {width > 0 && drawn && (
          <BarChart
            width={width}
            height={240}
            data={rows}
            margin={{ top: 8, right: 12, bottom: 4, left: 0 }}
          >
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="name"
              stroke="var(--text-muted)"
              fontSize={11}
              interval={0}
              tick={rows.length <= 20}
            />
            <YAxis
              tickFormatter={(v: number) => formatMetric(v)}
              stroke="var(--text-muted)"
              fontSize={11}
              width={60}
            />
            <Tooltip
              isAnimationActive={false}
              formatter={(v) => formatMetric(Number(v))}
              contentStyle={{
                background: 'var(--bg)',
                border: '1px solid var(--border-strong)',
                color: 'var(--text)',
              }}
            />
            <Bar dataKey="value" isAnimationActive={false}>
              {rows.map((r) => (
                <Cell key={r.name + r.color} fill={r.color} />
              ))}
            </Bar>
          </BarChart>
        )}
      </div>
    </figure>
  );
}
