/** Metric thresholds (fairness-measured, monitoring-healthy): which hold, which are broken or missing. */
import type { Run } from '../types';
import type { Threshold } from './types';
import { ownValue } from '../records';

export interface ThresholdCheck {
  metric: string;
  value: number | null;
  threshold: Threshold;
  ok: boolean;
}

export function describeThreshold(metric: string, t: Threshold): string {
  const parts: string[] = [];
  if (t.min !== undefined) parts.push(`${metric} >= ${t.min}`);
  if (t.max !== undefined) parts.push(`${metric} <= ${t.max}`);
  return parts.length === 0 ? `${metric} logged` : parts.join(' and ');
}

export function checkThresholds(run: Run, thresholds: Record<string, Threshold>): ThresholdCheck[] {
  return Object.entries(thresholds)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([metric, threshold]) => {
      const value = ownValue(run.data.metrics, metric)?.value ?? null;
      const ok =
        value !== null &&
        !Number.isNaN(value) &&
        (threshold.min === undefined || value >= threshold.min) &&
        (threshold.max === undefined || value <= threshold.max);
      return { metric, value, threshold, ok };
    });
}

export function observedOf(checks: ThresholdCheck[]): string {
  return checks
    .map((c) => `${c.metric}=${c.value === null ? 'missing' : String(c.value)}`)
    .join(', ');
}

export function expectedOf(checks: ThresholdCheck[]): string {
  return checks.map((c) => describeThreshold(c.metric, c.threshold)).join(', ');
}
