/**
 * The x value of a metric point for each x-axis mode of the charts: step, wall time (the point's
 * timestamp, ms since epoch), relative time (seconds since the run started — the run's start time, or
 * its first point when the start is unknown), or the value of another metric of the same run logged at
 * the same step (its latest point at that step, as MLflow's charts pair metrics).
 */
import type { Metric } from '../types';

export type XAxisMode =
  { kind: 'step' } | { kind: 'wall' } | { kind: 'relative' } | { kind: 'metric'; key: string };

export const X_STEP: XAxisMode = { kind: 'step' };

export function xAxisLabel(mode: XAxisMode): string {
  switch (mode.kind) {
    case 'step':
      return 'Step';
    case 'wall':
      return 'Time';
    case 'relative':
      return 'Relative time (s)';
    case 'metric':
      return mode.key;
  }
}

/** The value of `other` at each step (the last point logged at the step wins). */
export function valueByStep(other: readonly Metric[]): Map<number, number> {
  const byStep = new Map<number, number>();
  for (const p of other) byStep.set(p.step, p.value);
  return byStep;
}

/**
 * x of each point, in order; undefined where the point has no x (another metric not logged at that
 * step, or not finite there): such points are not drawn.
 */
export function xValues(
  points: readonly Metric[],
  mode: XAxisMode,
  context: { runStartTime?: number; other?: Map<number, number> } = {},
): (number | undefined)[] {
  switch (mode.kind) {
    case 'step':
      return points.map((p) => p.step);
    case 'wall':
      return points.map((p) => p.timestamp);
    case 'relative': {
      const start = context.runStartTime ?? points[0]?.timestamp ?? 0;
      return points.map((p) => (p.timestamp - start) / 1000);
    }
    case 'metric': {
      const other = context.other ?? new Map<number, number>();
      return points.map((p) => {
        const x = other.get(p.step);
        return x !== undefined && Number.isFinite(x) ? x : undefined;
      });
    }
  }
}

/** Parses the URL/selection form of a mode: "step", "wall", "relative" or "metric:<key>". */
export function parseXAxisMode(text: string | undefined): XAxisMode {
  if (text === 'wall' || text === 'relative') return { kind: text };
  if (text?.startsWith('metric:') && text.length > 7) return { kind: 'metric', key: text.slice(7) };
  return X_STEP;
}

export function formatXAxisMode(mode: XAxisMode): string {
  return mode.kind === 'metric' ? `metric:${mode.key}` : mode.kind;
}
