/**
 * The recharts part of a metric chart: axes, grid, one <Line> per run with its own data array, and the
 * NaN/±inf markers. Memoised on purpose: hovering and dragging live in HoverLayer, beside this SVG, so a
 * pointer move re-renders a tooltip and not 50–150 lines of ~2 points per pixel each (which cost recharts
 * 33–50 ms a frame). No recharts <Tooltip>: its store updates on every pointer move re-ran the lines'
 * selectors. The scale recharts settled on is handed out through `onScale` for the hover layer.
 */
import { memo, useLayoutEffect, useMemo } from 'react';
import {
  CartesianGrid,
  LineChart,
  ReferenceLine,
  usePlotArea,
  useXAxisInverseScale,
  useXAxisScale,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartData } from '../../../shared/common/charts/chartData';
import {
  chartExtent,
  niceTicks,
  roundTicksWithin,
  ticksFit,
} from '../../../shared/common/charts/extent';
import { xAxisLabel, type XAxisMode } from '../../../shared/common/charts/xAxis';
import { formatMetric } from '../format/formatMetric';
import { RunLines } from './RunLines';
import type { ChartRun } from './types';

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

/**
 * A domain with recharts' keywords ('dataMin', 'auto', …) replaced by the data's extent: the keywords
 * would look for data on registered items, and the lines are not registered. [0, 1] when nothing is drawn.
 */
function resolveDomain(domain: Domain, extent: [number, number] | undefined): [number, number] {
  const lo = typeof domain[0] === 'number' ? domain[0] : (extent?.[0] ?? 0);
  const hi = typeof domain[1] === 'number' ? domain[1] : (extent?.[1] ?? 1);
  return [lo, hi];
}

/** The plot's margins and axis sizes: laid out below, and what the tick labels must fit in. */
const MARGIN = { top: 8, right: 12, bottom: 4, left: 0 };
const Y_AXIS_WIDTH = 60;
/** recharts' default XAxis height (its ticks and, when not compact, its label). */
const X_AXIS_HEIGHT = 30;

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
  // recharts sees no line data (RunLines draws them), so 'dataMin'/'auto' domains are resolved here.
  const extent = useMemo(() => chartExtent(data, smoothed), [data, smoothed]);
  const xDomain = resolveDomain(props.xDomain, extent?.x);
  const [xLo, xHi] = xDomain;
  const xTicks = useMemo(() => roundTicksWithin([xLo, xHi]), [xLo, xHi]);
  // Round ends on a linear scale (recharts' 'auto' would do it, but it needs registered data).
  const yTicks = useMemo(
    () =>
      extent && !props.logScale && typeof props.yDomain[0] !== 'number'
        ? niceTicks(extent.y)
        : undefined,
    [extent, props.logScale, props.yDomain],
  );
  const yData: [number, number] | undefined = yTicks
    ? [yTicks[0] as number, yTicks[yTicks.length - 1] as number]
    : extent?.y;
  const yDomain = resolveDomain(props.yDomain, yData);
  const shownXTicks = props.xMode.kind === 'wall' ? undefined : xTicks;
  const xSpan = props.width - MARGIN.left - Y_AXIS_WIDTH - MARGIN.right;
  const ySpan = props.height - MARGIN.top - MARGIN.bottom - X_AXIS_HEIGHT;
  return (
    <LineChart width={props.width} height={props.height} margin={MARGIN}>
      <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
      <XAxis
        dataKey="x"
        type="number"
        domain={xDomain}
        height={X_AXIS_HEIGHT}
        ticks={shownXTicks}
        {...(ticksFit(shownXTicks, props.formatX, xSpan, 'x') ? { interval: 0 } : {})}
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
        domain={yDomain}
        ticks={yTicks}
        {...(ticksFit(yTicks, formatMetric, ySpan, 'y') ? { interval: 0 } : {})}
        allowDataOverflow
        tickFormatter={(y: number) => formatMetric(y)}
        stroke="var(--text-muted)"
        fontSize={11}
        width={Y_AXIS_WIDTH}
      />
      <RunLines runs={runs} data={data} smoothed={smoothed} highlight={highlight} />
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
