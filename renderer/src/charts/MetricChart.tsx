/**
 * One metric of many runs, overlaid (recharts). Each run keeps its colour everywhere (runColor); the
 * legend highlights a run on hover; the tooltip lists every run's value at the hovered x. Points come
 * bucketed from the service (≈ 2 px per bucket, spikes kept); dragging across the plot zooms and, on a
 * step axis, refetches that range at full resolution; double-click resets. NaN/±inf are never drawn as
 * values: they are marked by dashed lines at their x and counted in a note.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { bucketsForWidth } from '../../../shared/common/charts/buckets';
import { notDrawnNote, rawKey, smoothKey } from '../../../shared/common/charts/chartData';
import { outlierRange } from '../../../shared/common/charts/percentile';
import { runColor } from '../../../shared/common/charts/runColor';
import { xAxisLabel, X_STEP } from '../../../shared/common/charts/xAxis';
import { useApi } from '../api/ApiContext';
import { apiQueryKey } from '../api/queries';
import { formatMetric } from '../format/formatMetric';
import { ChartControls, type ChartOptions, type ExportKind } from './ChartControls';
import { ChartLegend } from './ChartLegend';
import { download, fileStem, pngBlob, pointsCsv, svgMarkup } from './exportChart';
import { RunsTooltip } from './RunsTooltip';
import { runKey, type ChartRun } from './types';
import { useChartSeries } from './useChartSeries';
import { useElementWidth } from './useElementWidth';
import './charts.css';

export interface MetricChartProps {
  runs: readonly ChartRun[];
  metricKey: string;
  height?: number;
  /** Metrics offered as x axis. */
  otherKeys?: readonly string[];
  initialOptions?: Partial<ChartOptions>;
  /** Small multiples: no controls or legend (click to enlarge is the caller's). */
  compact?: boolean;
}

const DEFAULTS: ChartOptions = {
  xMode: X_STEP,
  smoothing: 0,
  logScale: false,
  ignoreOutliers: false,
};

function formatX(mode: ChartOptions['xMode'], x: number): string {
  if (mode.kind === 'wall') return new Date(x).toLocaleString();
  if (mode.kind === 'relative') return `${formatMetric(x)} s`;
  return formatMetric(x);
}

export function MetricChart(props: MetricChartProps) {
  const { runs, metricKey, compact } = props;
  const height = props.height ?? (compact ? 180 : 320);
  const [options, setOptions] = useState<ChartOptions>({ ...DEFAULTS, ...props.initialOptions });
  const [zoom, setZoom] = useState<[number, number] | undefined>();
  const [drag, setDrag] = useState<{ from: number; to: number } | undefined>();
  const [highlight, setHighlight] = useState<string | undefined>();
  const [box, width] = useElementWidth<HTMLDivElement>();
  const api = useApi();
  const queryClient = useQueryClient();
  const plotWidth = Math.max(0, width - 70);
  const onStep = options.xMode.kind === 'step';
  const { data, loading, error } = useChartSeries(runs, metricKey, {
    buckets: plotWidth > 0 ? bucketsForWidth(plotWidth) : 0,
    xMode: options.xMode,
    stepRange: onStep ? zoom : undefined,
    smoothing: options.smoothing,
    logScale: options.logScale,
  });
  const smoothed = options.smoothing > 0;

  const yDomain = useMemo((): [number | string, number | string] => {
    if (!options.ignoreOutliers) return ['auto', 'auto'];
    const values: number[] = [];
    for (const l of data.lookup) for (const v of l.ys) values.push(v);
    const r = outlierRange(values);
    return r ? r : ['auto', 'auto'];
  }, [data, options.ignoreOutliers]);

  const setOpts = (o: ChartOptions) => {
    if (o.xMode !== options.xMode) setZoom(undefined);
    setOptions(o);
  };

  async function onExport(kind: ExportKind) {
    const stem = fileStem(metricKey);
    const svg = box.current?.querySelector<SVGSVGElement>('svg.recharts-surface');
    const bg = getComputedStyle(document.documentElement).getPropertyValue('--bg').trim() || '#fff';
    if ((kind === 'svg' || kind === 'png') && svg) {
      const markup = svgMarkup(svg, bg);
      if (kind === 'svg') download(new Blob([markup], { type: 'image/svg+xml' }), `${stem}.svg`);
      else {
        const { width: w, height: h } = svg.getBoundingClientRect();
        download(await pngBlob(markup, w, h), `${stem}.png`);
      }
      return;
    }
    if (kind === 'csv') {
      const series = runs.map((run, i) => ({
        run: run.name,
        points: (data.lookup[i] ? Array.from(data.lookup[i].xs) : []).map((x, j) => ({
          key: metricKey,
          step: x,
          timestamp: 0,
          value: data.lookup[i]?.ys[j] as number,
        })),
      }));
      download(new Blob([pointsCsv(series).replace('run,step,', 'run,x,')]), `${stem}.plotted.csv`);
      return;
    }
    // Raw: every logged point of every run, through the cache (fetched once).
    const histories = await Promise.all(
      runs.map((run) => {
        const request = { storeId: run.storeId, runId: run.runId, key: metricKey };
        return queryClient.fetchQuery({
          queryKey: apiQueryKey('getMetricHistory', request),
          queryFn: ({ signal }) => api.getMetricHistory(request, { signal }),
        });
      }),
    );
    const series = runs.map((run, i) => ({ run: run.name, points: histories[i] ?? [] }));
    download(new Blob([pointsCsv(series)]), `${stem}.csv`);
  }

  const note = notDrawnNote(data.notDrawn);
  const markers = data.markers.slice(0, 100);
  const xDomain: [number | string, number | string] = zoom ? zoom : ['dataMin', 'dataMax'];
  const state = error ? 'error' : loading && data.rows.length === 0 ? 'loading' : 'ready';
  const opacity = (run: ChartRun) =>
    highlight === undefined || highlight === runKey(run) ? 1 : 0.12;

  return (
    <figure
      className={`metric-chart${compact ? ' compact' : ''}`}
      data-state={state}
      data-metric={metricKey}
      data-points={data.rows.length}
    >
      <figcaption className="metric-chart-title">
        <span>{metricKey}</span>
        {note && <span className="metric-chart-note">{note}</span>}
        {zoom && <span className="metric-chart-zoom">zoomed</span>}
      </figcaption>
      {!compact && (
        <ChartControls
          options={options}
          onChange={setOpts}
          otherKeys={props.otherKeys ?? []}
          onExport={(k) => void onExport(k)}
          zoomed={zoom !== undefined}
          onResetZoom={() => setZoom(undefined)}
        />
      )}
      <div
        ref={box}
        className="metric-chart-plot"
        style={{ height }}
        onDoubleClick={() => setZoom(undefined)}
      >
        {error && <div className="chart-error">{error}</div>}
        {width > 0 && (
          <LineChart
            width={width}
            height={height}
            data={data.rows}
            margin={{ top: 8, right: 12, bottom: 4, left: 0 }}
            onMouseDown={(s) => {
              const x = Number(s?.activeLabel);
              if (!compact && Number.isFinite(x)) setDrag({ from: x, to: x });
            }}
            onMouseMove={(s) => {
              const x = Number(s?.activeLabel);
              if (drag && Number.isFinite(x)) setDrag({ ...drag, to: x });
            }}
            onMouseUp={() => {
              if (drag && drag.from !== drag.to)
                setZoom([Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)]);
              setDrag(undefined);
            }}
          >
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis
              dataKey="x"
              type="number"
              domain={xDomain}
              allowDataOverflow
              tickFormatter={(x: number) => formatX(options.xMode, x)}
              stroke="var(--text-muted)"
              fontSize={11}
              label={
                compact
                  ? undefined
                  : {
                      value: xAxisLabel(options.xMode),
                      position: 'insideBottomRight',
                      offset: -2,
                      fontSize: 11,
                    }
              }
            />
            <YAxis
              scale={options.logScale ? 'log' : 'auto'}
              domain={yDomain}
              allowDataOverflow
              tickFormatter={(y: number) => formatMetric(y)}
              stroke="var(--text-muted)"
              fontSize={11}
              width={60}
            />
            <Tooltip
              isAnimationActive={false}
              content={(p) => (
                <RunsTooltip
                  active={p.active}
                  label={p.label}
                  runs={runs}
                  data={data}
                  smoothed={smoothed}
                  formatX={(x) => formatX(options.xMode, x)}
                />
              )}
            />
            {runs.map((run, i) => (
              <Line
                key={`raw-${runKey(run)}`}
                dataKey={rawKey(i)}
                name={run.name}
                type="linear"
                stroke={runColor(run.storeId, run.runId)}
                strokeOpacity={(smoothed ? 0.25 : 1) * opacity(run)}
                strokeWidth={1.5}
                dot={false}
                activeDot={false}
                connectNulls
                isAnimationActive={false}
              />
            ))}
            {smoothed &&
              runs.map((run, i) => (
                <Line
                  key={`smooth-${runKey(run)}`}
                  dataKey={smoothKey(i)}
                  name={`${run.name} (smoothed)`}
                  type="linear"
                  stroke={runColor(run.storeId, run.runId)}
                  strokeOpacity={opacity(run)}
                  strokeWidth={2}
                  dot={false}
                  activeDot={false}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            {markers.map((m, i) => (
              <ReferenceLine
                key={`m${i}`}
                x={m.x}
                stroke="var(--danger)"
                strokeDasharray="2 3"
                strokeOpacity={0.7}
                className={`chart-marker chart-marker-${m.kind === 'nan' ? 'nan' : 'inf'}`}
              />
            ))}
            {drag && drag.from !== drag.to && (
              <ReferenceArea x1={drag.from} x2={drag.to} fill="var(--accent)" fillOpacity={0.12} />
            )}
          </LineChart>
        )}
      </div>
      {!compact && <ChartLegend runs={runs} onHighlight={setHighlight} />}
    </figure>
  );
}
