/**
 * Parallel coordinates on plain SVG (recharts has none), in the charts' visual language: theme colours,
 * run colours, 11px labels. One vertical axis per chosen column; categorical columns are ordinal axes
 * (their values as ticks). Dragging along an axis brushes it; the runs outside any brush fade out and
 * are reported to the page (`onFilter`); clicking an axis without dragging clears its brush.
 */
import { useMemo, useRef, useState } from 'react';
import {
  axisPosition,
  insideBrushes,
  makeAxis,
  type Brushes,
} from '../../../shared/common/charts/parallelCoords';
import type { RunColorOf } from '../../../shared/common/charts/runColor';
import { formatMetric } from '../format/formatMetric';
import type { Column } from './columns';
import type { CompareRun } from './useCompareRuns';

const HEIGHT = 300;
const short = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const TOP = 28;
const BOTTOM = 16;
const PLOT = HEIGHT - TOP - BOTTOM;

/** Bottom, middle and top of a numeric axis; one tick, in the middle, when every run has one value. */
export function numericTicks([lo, hi]: readonly [number, number]): {
  label: string;
  pos: number;
}[] {
  if (!(hi > lo)) return [{ label: formatMetric(lo), pos: 0.5 }];
  return [0, 0.5, 1].map((t) => ({ label: formatMetric(lo + t * (hi - lo)), pos: t }));
}

export function ParallelCoords(props: {
  runs: readonly CompareRun[];
  /** The page's run colours (runColors of the compared runs). */
  colorOf: RunColorOf;
  columns: readonly Column[];
  width: number;
  onFilter?: (kept: string[]) => void;
}) {
  const [brushes, setBrushes] = useState<Brushes>({});
  const drag = useRef<{ key: string; from: number } | null>(null);
  const axes = useMemo(
    () =>
      props.columns.map((c) =>
        makeAxis(
          c.id,
          props.runs.map((r) => c.value(r)),
        ),
      ),
    [props.columns, props.runs],
  );
  const rows = props.runs.map((r) =>
    Object.fromEntries(props.columns.map((c) => [c.id, c.value(r)])),
  );
  const kept = props.runs.map((_, i) => insideBrushes(axes, rows[i] ?? {}, brushes));
  const n = axes.length;
  const xOf = (i: number) => (n <= 1 ? props.width / 2 : 70 + (i * (props.width - 150)) / (n - 1));
  const yOf = (pos: number) => TOP + (1 - pos) * PLOT;
  const posOf = (e: React.PointerEvent<SVGElement>) => {
    const box = (e.currentTarget.ownerSVGElement ?? e.currentTarget).getBoundingClientRect();
    return Math.min(1, Math.max(0, 1 - (e.clientY - box.top - TOP) / PLOT));
  };
  const setBrush = (key: string, b: [number, number] | undefined) => {
    const next = { ...brushes };
    if (b) next[key] = b;
    else delete next[key];
    setBrushes(next);
    props.onFilter?.(
      props.runs.filter((_, i) => insideBrushes(axes, rows[i] ?? {}, next)).map((r) => r.ref),
    );
  };
  if (n < 2) return <p className="compare-hint">Choose at least two columns.</p>;
  return (
    <svg
      className="parallel-coords"
      width={props.width}
      height={HEIGHT}
      role="img"
      aria-label={`Parallel coordinates of ${props.runs.length} runs`}
    >
      {props.runs.map((run, i) => {
        const pts = axes.flatMap((a, j) => {
          const p = axisPosition(a, rows[i]?.[a.key]);
          return p === undefined ? [] : [`${xOf(j)},${yOf(p)}`];
        });
        return (
          <polyline
            key={run.ref}
            data-run={run.ref}
            data-kept={kept[i] ? 'true' : 'false'}
            points={pts.join(' ')}
            fill="none"
            stroke={kept[i] ? props.colorOf(run.storeId, run.run.info.runId) : 'var(--text-faint)'}
            strokeOpacity={kept[i] ? 0.9 : 0.2}
            strokeWidth={kept[i] ? 1.8 : 1}
          >
            <title>{run.label}</title>
          </polyline>
        );
      })}
      {axes.map((a, j) => {
        const x = xOf(j);
        const b = brushes[a.key];
        const ticks =
          a.kind === 'categorical'
            ? (a.categories ?? []).map((c) => ({ label: c, pos: axisPosition(a, c) ?? 0 }))
            : numericTicks(a.domain ?? [0, 1]);
        return (
          <g key={a.key} className="pc-axis" data-axis={a.key}>
            <line x1={x} x2={x} y1={TOP} y2={TOP + PLOT} stroke="var(--text-muted)" />
            <text x={x} y={TOP - 12} textAnchor="middle" fontSize={11} fill="var(--text)">
              {short(props.columns[j]?.label ?? '', 22)}
              <title>{props.columns[j]?.id}</title>
            </text>
            {ticks.map((t) => (
              <text
                key={t.label}
                x={x + 5}
                y={yOf(t.pos) + 3}
                fontSize={10}
                fill="var(--text-muted)"
              >
                {short(t.label, 14)}
              </text>
            ))}
            {b && (
              <rect
                x={x - 7}
                width={14}
                y={yOf(Math.max(b[0], b[1]))}
                height={Math.abs(b[1] - b[0]) * PLOT}
                fill="var(--accent)"
                fillOpacity={0.25}
                stroke="var(--accent)"
              />
            )}
            <rect
              className="pc-brush-target"
              x={x - 12}
              width={24}
              y={TOP}
              height={PLOT}
              fill="transparent"
              style={{ cursor: 'crosshair' }}
              onPointerDown={(e) => {
                e.currentTarget.setPointerCapture(e.pointerId);
                drag.current = { key: a.key, from: posOf(e) };
              }}
              onPointerMove={(e) => {
                const d = drag.current;
                if (d && d.key === a.key && Math.abs(posOf(e) - d.from) > 0.01)
                  setBrush(a.key, [d.from, posOf(e)]);
              }}
              onPointerUp={(e) => {
                const d = drag.current;
                drag.current = null;
                if (d && Math.abs(posOf(e) - d.from) <= 0.01) setBrush(a.key, undefined);
              }}
            />
          </g>
        );
      })}
    </svg>
  );
}
