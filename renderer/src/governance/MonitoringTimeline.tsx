/**
 * A model's monitoring timeline: each monitoring metric over time (one point per monitoring run), the
 * policy's thresholds drawn as reference lines, breaching points marked in red and listed in words
 * (the chart alone is not accessible), and the alert for the newest run.
 */
import { Link } from '@tanstack/react-router';
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import type { DotItemDotProps } from 'recharts/types/util/types';
import type { Threshold } from '../../../shared/common/governance/types';
import { describeThreshold } from '../../../shared/common/governance/thresholds';
import { useElementWidth } from '../charts/useElementWidth';
import { formatMetric } from '../format/formatMetric';
import { runLink } from '../links';
import type { MonitoringAlert, MonitoringPoint, MonitoringSeries } from './monitoringModel';

const day = (t: number) => new Date(t).toISOString().slice(0, 10);

export function MonitoringAlertBanner({
  alert,
  storeId,
  model,
}: {
  alert: MonitoringAlert;
  storeId: string;
  model: string;
}) {
  if (alert.kind === 'healthy')
    return (
      <p className="gov-alert gov-alert-ok" data-alert="healthy">
        Monitoring healthy: the newest run{' '}
        <Link {...runLink(storeId, alert.run.info.runId)}>{alert.run.info.runName}</Link> meets
        every threshold.
      </p>
    );
  const text =
    alert.kind === 'none-found'
      ? `No monitoring run: log one with mlflow.start_run(tags={"monitoring_for": "${model}"}).`
      : alert.kind === 'stale'
        ? `Monitoring is stale: the newest run is ${alert.ageDays.toFixed(1)} days old (the policy allows ${alert.maxAgeDays}).`
        : `Monitoring alert: the newest run breaches ${alert.metrics.join(', ')}.`;
  return (
    <div className="gov-alert gov-alert-bad" role="alert" data-alert={alert.kind}>
      <strong>{text}</strong>
      {alert.kind !== 'none-found' && (
        <>
          {' '}
          Newest run:{' '}
          <Link {...runLink(storeId, alert.run.info.runId)}>
            {alert.run.info.runName || alert.run.info.runId}
          </Link>{' '}
          ({day(alert.run.info.startTime ?? 0)}).
        </>
      )}
    </div>
  );
}

function BreachDot({ cx, cy, point }: { cx?: number; cy?: number; point: MonitoringPoint }) {
  if (cx === undefined || cy === undefined) return null;
  return point.breach ? (
    <g className="gov-breach-dot" data-breach="true">
      <circle cx={cx} cy={cy} r={6} fill="var(--danger)" stroke="var(--bg)" strokeWidth={2} />
    </g>
  ) : (
    <circle cx={cx} cy={cy} r={3.5} fill="var(--accent)" stroke="var(--bg)" strokeWidth={1} />
  );
}

function thresholdLines(t: Threshold | undefined) {
  if (!t) return null;
  const bounds = [
    { kind: 'min', value: t.min, position: 'insideBottomRight' },
    { kind: 'max', value: t.max, position: 'insideTopRight' },
  ] as const;
  return bounds.map((b) =>
    b.value === undefined ? null : (
      <ReferenceLine
        key={b.kind}
        y={b.value}
        stroke="var(--danger)"
        strokeDasharray="5 4"
        label={{
          value: `${b.kind} ${b.value}`,
          position: b.position,
          fill: 'var(--danger)',
          fontSize: 11,
        }}
      />
    ),
  );
}

/** Y range that includes the threshold, so the line is always on the chart. */
function domainOf(s: MonitoringSeries): [number, number] {
  const values = s.points.map((p) => p.value);
  if (s.threshold?.min !== undefined) values.push(s.threshold.min);
  if (s.threshold?.max !== undefined) values.push(s.threshold.max);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  // Round outwards to a step of the span's order of magnitude, so the ticks read 0.70, 0.75, …
  const span = hi - lo || Math.abs(hi) || 1;
  const step = 10 ** Math.floor(Math.log10(span)) / 2;
  return [
    Math.floor((lo - span * 0.05) / step) * step,
    Math.ceil((hi + span * 0.05) / step) * step,
  ];
}

function SeriesChart({ series, width }: { series: MonitoringSeries; width: number }) {
  const breaches = series.points.filter((p) => p.breach);
  return (
    <figure
      className="gov-monitor-chart"
      data-metric={series.metric}
      data-breaches={breaches.length}
    >
      <figcaption>
        <strong>{series.metric}</strong>{' '}
        <span className="pk-muted">
          {series.threshold
            ? `policy: ${describeThreshold(series.metric, series.threshold)}`
            : 'no threshold in the policy'}
        </span>
      </figcaption>
      {width > 0 && (
        <LineChart
          width={width}
          height={190}
          data={series.points}
          margin={{ top: 10, right: 16, bottom: 4, left: 0 }}
        >
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="time"
            domain={['dataMin', 'dataMax']}
            padding={{ left: 14, right: 14 }}
            tickFormatter={(t: number) => day(t).slice(5)}
            stroke="var(--text-muted)"
            fontSize={11}
          />
          <YAxis
            type="number"
            domain={domainOf(series)}
            tickFormatter={(v: number) => formatMetric(v)}
            stroke="var(--text-muted)"
            fontSize={11}
            width={56}
          />
          {thresholdLines(series.threshold)}
          <Tooltip
            isAnimationActive={false}
            content={({ active, payload }) => {
              const p = payload?.[0]?.payload as MonitoringPoint | undefined;
              if (!active || !p) return null;
              return (
                <div className="chart-tooltip">
                  <div>
                    {p.runName} · {day(p.time)}
                  </div>
                  <div>
                    {series.metric}: {formatMetric(p.value)}
                    {p.breach ? ' — breaches the threshold' : ''}
                  </div>
                </div>
              );
            }}
          />
          <Line
            type="linear"
            dataKey="value"
            stroke="var(--accent)"
            strokeWidth={2}
            isAnimationActive={false}
            dot={(props: DotItemDotProps) => (
              <BreachDot
                key={props.index}
                cx={typeof props.cx === 'number' ? props.cx : undefined}
                cy={typeof props.cy === 'number' ? props.cy : undefined}
                point={props.payload as MonitoringPoint}
              />
            )}
            activeDot={{ r: 6 }}
          />
        </LineChart>
      )}
      {breaches.length > 0 && (
        <p className="gov-breach-list">
          Breaches:{' '}
          {breaches.map((b) => `${b.runName} (${day(b.time)}) ${formatMetric(b.value)}`).join('; ')}
        </p>
      )}
    </figure>
  );
}

export function MonitoringTimeline({ series }: { series: readonly MonitoringSeries[] }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const columns = width > 900 ? 2 : 1;
  const chartWidth = Math.max(0, Math.floor((width - (columns - 1) * 16) / columns) - 2);
  return (
    <div
      ref={ref}
      className="gov-monitor-grid"
      style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}
    >
      {series.map((s) => (
        <SeriesChart key={s.metric} series={s} width={chartWidth} />
      ))}
    </div>
  );
}
