/**
 * The recharts part of a metric chart: axes, grid, one <Line> per run with its own data array, and the
 * NaN/±inf markers. Memoised on purpose: hovering and dragging live in HoverLayer, beside this SVG, so a
 * pointer move re-renders a tooltip and not 50–150 lines of ~2 points per pixel each (which cost recharts
 * 33–50 ms a frame). No recharts <Tooltip>: its store updates on every pointer move re-ran the lines'
 * selectors. The scale recharts settled on is handed out through `onScale` for the hover layer.
 */
import { memo, useLayoutEffect } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  usePlotArea,
  useXAxisInverseScale,
  useXAxisScale,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartData } from '../../../shared/common/charts/chartData';
import { runColor } from '../../../shared/common/charts/runColor';
import { xAxisLabel, type XAxisMode } from '../../../shared/common/charts/xAxis';
import { formatMetric } from '../format/formatMetric';
import { runKey, type ChartRun } from './types';

/** Pixel ↔ x of the plot, in pixels from the chart's left edge. */
export interface PlotScale {
  left: number;
  right: number;
  toX: (px: number) => number;
  toPx: (x: number) => number;
}

export type Domain = [number | string, number | string];

export interface ChartPlotProps {
  width: number;
  height: number;
  runs: readonly ChartRun[];
  data: ChartData;
  xMode: XAxisMode;
  formatX: (x: number) => string;
  xDomain: Domain;
  yDomain: Domain;
  logScale: boolean;
  smoothed: boolean;
  /** runKey of the run the legend highlights. */
  highlight: string | undefined;
  compact: boolean;
  onScale: (scale: PlotScale | undefined) => void;
}

/** At most this many NaN/±inf markers are drawn (the note still counts them all). */
const MAX_MARKERS = 100;

/** Reads the settled x scale and plot area inside the chart and reports them (renders nothing). */
function ScaleProbe(props: { onScale: (scale: PlotScale | undefined) => void }) {
  const area = usePlotArea();
  const scale = useXAxisScale();
  const inverse = useXAxisInverseScale();
  const { onScale } = props;
  useLayoutEffect(() => {
    if (!area || !scale || !inverse) return onScale(undefined);
    onScale({
      left: area.x,
      right: area.x + area.width,
      toX: (px) => Number(inverse(px)),
      toPx: (x) => Number(scale(x)),
    });
  }, [area, scale, inverse, onScale]);
  return null;
}

export const ChartPlot = memo(function ChartPlot(props: ChartPlotProps) {
  const { runs, data, smoothed, highlight, compact } = props;
  const opacity = (run: ChartRun) =>
    highlight === undefined || highlight === runKey(run) ? 1 : 0.12;
  return (
    <LineChart
      width={props.width}
      height={props.height}
      margin={{ top: 8, right: 12, bottom: 4, left: 0 }}
    >
      <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
      <XAxis
        dataKey="x"
        type="number"
        domain={props.xDomain}
        allowDataOverflow
        tickFormatter={props.formatX}
        stroke="var(--text-muted)"
        fontSize={11}
        label={
          compact
            ? undefined
            : {
                value: xAxisLabel(props.xMode),
                position: 'insideBottomRight',
                offset: -2,
                fontSize: 11,
              }
        }
      />
      <YAxis
        scale={props.logScale ? 'log' : 'auto'}
        domain={props.yDomain}
        allowDataOverflow
        tickFormatter={(y: number) => formatMetric(y)}
        stroke="var(--text-muted)"
        fontSize={11}
        width={60}
      />
      {runs.map((run, i) => (
        <Line
          key={`raw-${runKey(run)}`}
          data={data.lines[i]?.points ?? []}
          dataKey="y"
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
            data={data.lines[i]?.points ?? []}
            dataKey="s"
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
      {data.markers.slice(0, MAX_MARKERS).map((m, i) => (
        <ReferenceLine
          key={`m${i}`}
          x={m.x}
          stroke="var(--danger)"
          strokeDasharray="2 3"
          strokeOpacity={0.7}
          className={`chart-marker chart-marker-${m.kind === 'nan' ? 'nan' : 'inf'}`}
        />
      ))}
      <ScaleProbe onScale={props.onScale} />
    </LineChart>
  );
});
