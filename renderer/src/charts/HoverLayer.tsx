/**
 * Pointer handling of a metric chart, in a layer over the (memoised) recharts SVG: a cursor line and the
 * tooltip at the hovered x, and drag-to-zoom with its selection band. A pointer move costs one binary
 * search per run (nearestIndex) and a small re-render of this layer — never of the lines — and moves
 * are coalesced to one per animation frame. Double-click resets the zoom.
 */
import { useEffect, useRef, useState, type MutableRefObject } from 'react';
import { nearestIndex, type ChartData } from '../../../shared/common/charts/chartData';
import type { PlotScale } from './ChartPlot';
import { RunsTooltip } from './RunsTooltip';
import type { ChartRun } from './types';

/** A drag shorter than this (pixels) is a click, not a zoom. */
const MIN_DRAG_PX = 4;

/** The drawn x nearest to `x` over every run (the tooltip and cursor snap to it). */
export function snapX(data: ChartData, x: number): number | undefined {
  let best: number | undefined;
  for (const line of data.lines) {
    const j = nearestIndex(line.xs, x);
    if (j < 0) continue;
    const candidate = line.xs[j] as number;
    if (best === undefined || Math.abs(candidate - x) < Math.abs(best - x)) best = candidate;
  }
  return best;
}

export function HoverLayer(props: {
  scale: MutableRefObject<PlotScale | undefined>;
  runs: readonly ChartRun[];
  data: ChartData;
  smoothed: boolean;
  formatX: (x: number) => string;
  /** Small multiples: no drag-zoom (a click there enlarges the chart). */
  zoomable: boolean;
  onZoom: (range: [number, number]) => void;
  onReset: () => void;
}) {
  const [hover, setHover] = useState<{ x: number; px: number; width: number } | undefined>();
  const [drag, setDrag] = useState<{ from: number; to: number } | undefined>();
  const layer = useRef<HTMLDivElement>(null);
  const frame = useRef(0);
  const pending = useRef<number | undefined>(undefined);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const pixel = (clientX: number): number | undefined => {
    const s = props.scale.current;
    const box = layer.current?.getBoundingClientRect();
    if (!s || !box) return undefined;
    const px = clientX - box.left;
    return px < s.left || px > s.right ? undefined : px;
  };

  const onMove = (clientX: number) => {
    pending.current = pixel(clientX);
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const px = pending.current;
      const s = props.scale.current;
      const x = px !== undefined && s ? snapX(props.data, s.toX(px)) : undefined;
      setHover(
        x !== undefined && s
          ? { x, px: s.toPx(x), width: layer.current?.clientWidth ?? 0 }
          : undefined,
      );
      if (px !== undefined) setDrag((d) => (d ? { ...d, to: px } : d));
    });
  };
  return (
    <div
      ref={layer}
      className="chart-hover-layer"
      onMouseMove={(e) => onMove(e.clientX)}
      onMouseLeave={() => {
        pending.current = undefined;
        setHover(undefined);
        setDrag(undefined);
      }}
      onMouseDown={(e) => {
        const px = pixel(e.clientX);
        if (props.zoomable && e.button === 0 && px !== undefined) setDrag({ from: px, to: px });
      }}
      onMouseUp={(e) => {
        const end = pixel(e.clientX) ?? drag?.to;
        const s = props.scale.current;
        if (drag && s && end !== undefined && Math.abs(end - drag.from) >= MIN_DRAG_PX) {
          const a = s.toX(drag.from);
          const b = s.toX(end);
          if (Number.isFinite(a) && Number.isFinite(b))
            props.onZoom([Math.min(a, b), Math.max(a, b)]);
        }
        setDrag(undefined);
      }}
      onDoubleClick={props.onReset}
    >
      {drag && Math.abs(drag.to - drag.from) >= MIN_DRAG_PX && (
        <div
          className="chart-drag-band"
          style={{ left: Math.min(drag.from, drag.to), width: Math.abs(drag.to - drag.from) }}
        />
      )}
      {hover && (
        <>
          <div className="chart-cursor" style={{ left: hover.px }} />
          <div
            className="chart-tooltip-anchor"
            style={
              hover.px > hover.width / 2
                ? { right: hover.width - hover.px + 12 }
                : { left: hover.px + 12 }
            }
          >
            <RunsTooltip
              x={hover.x}
              runs={props.runs}
              data={props.data}
              smoothed={props.smoothed}
              formatX={props.formatX}
            />
          </div>
        </>
      )}
    </div>
  );
}
