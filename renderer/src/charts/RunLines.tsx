/**
 * The runs' lines of a metric chart as plain SVG paths on recharts' scales, inside its surface. Drawn
 * as 50–150 recharts <Line>s, a chart view spent seconds in recharts' store: every <Line> registers its
 * points there (deep-frozen by Immer) and every registration re-ran every other line's selectors, so
 * mounting n lines cost n². Here recharts draws the axes, grid and markers only, and the lines cost
 * one path string each. Clipped to the plot area, as recharts clips lines of an overflowing domain.
 */
import { useId, useMemo } from 'react';
import { usePlotArea, useXAxisScale, useYAxisScale } from 'recharts';
import type { ChartData } from '../../../shared/common/charts/chartData';
import { linePath } from '../../../shared/common/charts/extent';
import { runColors } from './runColors';
import { runKey, type ChartRun } from './types';

export function RunLines(props: {
  runs: readonly ChartRun[];
  data: ChartData;
  smoothed: boolean;
  /** runKey of the run the legend highlights. */
  highlight: string | undefined;
}) {
  const { runs, data, smoothed, highlight } = props;
  const area = usePlotArea();
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  // useId's characters are not all valid in url(#…).
  const clip = `chart-clip-${useId().replace(/[^\w-]/g, '')}`;
  // Rebuilt only when the points or the scales change, not when the highlight does.
  const paths = useMemo(() => {
    if (!xScale || !yScale) return undefined;
    const toPx = (x: number) => Number(xScale(x));
    const toPy = (y: number) => Number(yScale(y));
    return data.lines.map((l) => ({
      raw: linePath(l.xs, l.ys, toPx, toPy),
      smooth: smoothed ? linePath(l.xs, l.smoothed, toPx, toPy) : undefined,
    }));
  }, [data, xScale, yScale, smoothed]);
  if (!area || !paths) return null;
  const colorOf = runColors(runs);
  return (
    <g className="chart-lines" clipPath={`url(#${clip})`}>
      <defs>
        <clipPath id={clip}>
          <rect x={area.x} y={area.y} width={area.width} height={area.height} />
        </clipPath>
      </defs>
      {runs.map((run, i) => {
        const p = paths[i];
        if (!p) return null;
        const stroke = colorOf(run.storeId, run.runId);
        const opacity = highlight === undefined || highlight === runKey(run) ? 1 : 0.12;
        return (
          <g key={runKey(run)} className="chart-line" data-run={run.name}>
            <path
              className="chart-line-curve"
              d={p.raw}
              fill="none"
              stroke={stroke}
              strokeOpacity={(smoothed ? 0.25 : 1) * opacity}
              strokeWidth={1.5}
            />
            {p.smooth !== undefined && (
              <path
                className="chart-line-smoothed"
                d={p.smooth}
                fill="none"
                stroke={stroke}
                strokeOpacity={opacity}
                strokeWidth={2}
              />
            )}
          </g>
        );
      })}
    </g>
  );
}
