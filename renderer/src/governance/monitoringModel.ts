/**
 * A model's monitoring runs (tagged `monitoring_for=<model>`, GOVERNANCE.md "Monitoring") as chart
 * series: one point per run and metric, at the run's start, marked when it breaks the policy's
 * threshold; and the alert the model page raises when the newest run breaches or is stale.
 */
import type { PolicySettings, Threshold } from '../../../shared/common/governance/types';
import type { Run } from '../../../shared/common/types';
import { ownValue } from '../../../shared/common/records';

export const MONITORING_TAG = 'monitoring_for';
const DAY_MS = 86_400_000;

export interface MonitoringPoint {
  time: number;
  value: number;
  runId: string;
  runName: string;
  breach: boolean;
}

export interface MonitoringSeries {
  metric: string;
  threshold: Threshold | undefined;
  points: MonitoringPoint[];
}

/** The filter that finds a model's monitoring runs (MLflow search syntax, quotes escaped). */
export function monitoringFilter(model: string): string {
  return `tags.${MONITORING_TAG} = '${model.replace(/'/g, "\\'")}'`;
}

export function breaks(value: number, t: Threshold | undefined): boolean {
  if (t === undefined) return false;
  if (Number.isNaN(value)) return true;
  return (t.min !== undefined && value < t.min) || (t.max !== undefined && value > t.max);
}

/** When a monitoring run happened, as the engine reads it: its start, else its end. */
export function runTime(r: Run): number | null {
  return r.info.startTime ?? r.info.endTime;
}

/**
 * The model's monitoring runs as of `asOf`, oldest first, like the engine picks them: tagged
 * `monitoring_for=<model>` or in the policy's monitoring experiment, active, not after `asOf`.
 */
export function monitoringRuns(
  runs: readonly Run[],
  model: string,
  asOf: number,
  monitoringExperimentId: string | null = null,
): Run[] {
  const seen = new Set<string>();
  return runs
    .filter((r) => {
      const t = runTime(r);
      if (seen.has(r.info.runId) || t === null || t > asOf) return false;
      if (r.info.lifecycleStage !== 'active') return false;
      seen.add(r.info.runId);
      return (
        r.data.tags[MONITORING_TAG] === model || r.info.experimentId === monitoringExperimentId
      );
    })
    .sort((a, b) => (runTime(a) ?? 0) - (runTime(b) ?? 0));
}

/** Thresholded metrics first (in policy order), then the other metrics the runs logged, by name. */
export function monitoringSeries(
  runs: readonly Run[],
  thresholds: Record<string, Threshold>,
): MonitoringSeries[] {
  const logged = new Set(runs.flatMap((r) => Object.keys(r.data.metrics)));
  const names = [
    ...Object.keys(thresholds).filter((m) => logged.has(m)),
    ...[...logged].filter((m) => !(m in thresholds)).sort(),
  ];
  return names.map((metric) => {
    const threshold = thresholds[metric];
    const points: MonitoringPoint[] = [];
    for (const r of runs) {
      const m = ownValue(r.data.metrics, metric);
      const time = runTime(r);
      if (m === undefined || time === null || !Number.isFinite(m.value)) continue;
      points.push({
        time,
        value: m.value,
        runId: r.info.runId,
        runName: r.info.runName || r.info.runId,
        breach: breaks(m.value, threshold),
      });
    }
    return { metric, threshold, points };
  });
}

export type MonitoringAlert =
  | { kind: 'none-found' }
  | { kind: 'stale'; ageDays: number; maxAgeDays: number; run: Run }
  | { kind: 'breach'; metrics: string[]; run: Run }
  | { kind: 'healthy'; run: Run };

/** The newest run decides: stale beyond max_age_days, else breaching a threshold, else healthy. */
export function monitoringAlert(
  runs: readonly Run[],
  settings: PolicySettings['monitoring'],
  asOf: number,
): MonitoringAlert {
  const newest = runs[runs.length - 1];
  if (newest === undefined) return { kind: 'none-found' };
  const ageDays = (asOf - (runTime(newest) ?? 0)) / DAY_MS;
  if (ageDays > settings.maxAgeDays)
    return { kind: 'stale', ageDays, maxAgeDays: settings.maxAgeDays, run: newest };
  const metrics = Object.entries(settings.thresholds)
    .filter(([metric, t]) => {
      const m = ownValue(newest.data.metrics, metric);
      return m === undefined || breaks(m.value, t);
    })
    .map(([metric]) => metric);
  return metrics.length > 0
    ? { kind: 'breach', metrics, run: newest }
    : { kind: 'healthy', run: newest };
}
