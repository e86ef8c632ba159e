/**
 * One metric of many runs, overlaid (recharts). Each run keeps its colour (runColors of the runs); the
 * legend highlights a run on hover; the tooltip lists every run's value at the hovered x. Points come
 * bucketed from the service (≈ 2 px per bucket, spikes kept); dragging across the plot zooms and, on a
 * step axis, refetches that range at full resolution; double-click resets. NaN/±inf are never drawn as
 * values: they are marked by dashed lines at their x and counted in a note.
 *
 * Speed (50 runs × 10,000 steps): the lines are drawn by the memoised ChartPlot and pointer handling
 * lives in HoverLayer, so hovering never re-renders lines; a chart fetches and draws only once it comes
 * near the viewport (useInView).
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { bucketsForWidth } from '../../../shared/common/charts/buckets';
import { notDrawnNote } from '../../../shared/common/charts/chartData';
import { outlierRange } from '../../../shared/common/charts/percentile';
import { X_STEP } from '../../../shared/common/charts/xAxis';
import { useApi } from '../api/ApiContext';
import { apiQueryKey } from '../api/queries';
import { formatMetric } from '../format/formatMetric';
import { ChartControls, type ChartOptions, type ExportKind } from './ChartControls';
import { ChartLegend } from './ChartLegend';
import { ChartPlot, type Domain, type PlotScale } from './ChartPlot';
import { atOneX, nothingToDraw } from './emptyChart';
import { SingleValues } from './SingleValues';
import { download, fileStem, pngBlob, pointsCsv, svgMarkup } from './exportChart';
import { HoverLayer } from './HoverLayer';
import type { ChartRun } from './types';
import { useChartSeries } from './useChartSeries';
import { useElementWidth } from './useElementWidth';
import { useInView } from './useInView';
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
  const [highlight, setHighlight] = useState<string | undefined>();
  const [box, width] = useElementWidth<HTMLDivElement>();
  const inView = useInView(box);
  const scale = useRef<PlotScale | undefined>(undefined);
  const onScale = useCallback((s: PlotScale | undefined) => {
    scale.current = s;
  }, []);
  const api = useApi();
  const queryClient = useQueryClient();
  const plotWidth = Math.max(0, width - 70);
  const onStep = options.xMode.kind === 'step';
  const { data, loading, provisional, error } = useChartSeries(runs, metricKey, {
    buckets: plotWidth > 0 && inView ? bucketsForWidth(plotWidth) : 0,
    xMode: options.xMode,
    stepRange: onStep ? zoom : undefined,
    smoothing: options.smoothing,
    logScale: options.logScale,
  });
  const smoothed = options.smoothing > 0;

  const yDomain = useMemo((): Domain => {
    if (!options.ignoreOutliers) return ['auto', 'auto'];
    const values: number[] = [];
    for (const l of data.lines) for (const v of l.ys) values.push(v);
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
        points: (data.lines[i]?.points ?? []).map((p) => ({
          key: metricKey,
          step: p.x,
          timestamp: 0,
          value: p.y,
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
  // Stable identities, so that ChartPlot's memo holds while only the pointer moves.
  const xDomain = useMemo((): Domain => (zoom ? zoom : ['dataMin', 'dataMax']), [zoom]);
  const xMode = options.xMode;
  const fmtX = useCallback((x: number) => formatX(xMode, x), [xMode]);
  const state = error
    ? 'error'
    : (loading && data.pointCount === 0) || !inView
      ? 'loading'
      : 'ready';
  // Every value NaN/±inf (or none logged): words in the frame, not an empty plot.
  const empty =
    state === 'ready' ? nothingToDraw(data.pointCount, data.notDrawn, metricKey) : undefined;
  // Every point at one x (emptyChart.ts): one value per run is shown as numbers; different values
  // stacked at one step are spread over time, once and on their own (the user may switch back).
  const oneX = state === 'ready' && !empty && !zoom ? atOneX(data.lines) : undefined;
  const single = oneX && !oneX.varies ? oneX : undefined;
  const spread = useRef(false);
  const stacked = onStep && oneX?.varies === true;
  useEffect(() => {
    if (!stacked || spread.current) return;
    spread.current = true;
    setOptions((o) => ({ ...o, xMode: { kind: 'relative' } }));
  }, [stacked]);

  return (
    <figure
      className={`metric-chart${compact ? ' compact' : ''}`}
      data-state={state}
      data-metric={metricKey}
      data-points={data.pointCount}
      // "provisional" while the drawn lines are an earlier answer (zoom or resize in flight).
      data-resolution={provisional ? 'provisional' : 'current'}
    >
      <figcaption className="metric-chart-title">
        <span>{metricKey}</span>
        {note && !empty && <span className="metric-chart-note">{note}</span>}
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
      <div ref={box} className="metric-chart-plot" style={{ height }}>
        {error && <div className="chart-error">{error}</div>}
        {empty && !error && (
          <p className="chart-empty" role="status">
            {empty}
          </p>
        )}
        {/* Nothing is mounted before the first answers: 50 empty recharts lines cost as much to mount
            as drawn ones (each registers in recharts' store), and delayed the requests behind them. */}
        {single && !error && (
          <SingleValues
            runs={runs}
            values={single.values}
            xLabel={xMode.kind === 'step' ? `step ${fmtX(single.x)}` : fmtX(single.x)}
          />
        )}
        {width > 0 && state !== 'loading' && !empty && !single && (
          <>
            <ChartPlot
              width={width}
              height={height}
              runs={runs}
              data={data}
              xMode={xMode}
              formatX={fmtX}
              xDomain={xDomain}
              yDomain={yDomain}
              logScale={options.logScale}
              smoothed={smoothed}
              highlight={highlight}
              compact={compact ?? false}
              onScale={onScale}
            />
            <HoverLayer
              scale={scale}
              runs={runs}
              data={data}
              smoothed={smoothed}
              formatX={fmtX}
              zoomable={!compact}
              onZoom={setZoom}
              onReset={() => setZoom(undefined)}
            />
          </>
        )}
      </div>
      {!compact && <ChartLegend runs={runs} onHighlight={setHighlight} />}
    </figure>
  );
}
