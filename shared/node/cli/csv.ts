/**
 * Runs as CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break),
 * one row per run and one column per metric, param and tag key found in any run.
 */
import type { Run } from '../../common/types';
import { isoTime } from './table';
import { neutraliseFormula } from './terminalSafe';
import { ownValue } from '../../common/records';

/** One field: formula-like cells neutralised (terminalSafe.ts), then quoted when RFC 4180 needs it. */
export function csvField(raw: string): string {
  const value = neutraliseFormula(raw);
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function sortedKeys(runs: readonly Run[], pick: (run: Run) => Record<string, unknown>): string[] {
  const keys = new Set<string>();
  for (const run of runs) for (const key of Object.keys(pick(run))) keys.add(key);
  return [...keys].sort();
}

/** Latest metric values in full precision, NaN and infinities as NaN / Infinity / -Infinity (pandas reads them). */
function metricText(value: number | undefined): string {
  return value === undefined ? '' : String(value);
}

export function runsCsv(runs: readonly Run[]): string {
  const metricKeys = sortedKeys(runs, (r) => r.data.metrics);
  const paramKeys = sortedKeys(runs, (r) => r.data.params);
  const tagKeys = sortedKeys(runs, (r) => r.data.tags);
  const header = [
    'run_id',
    'run_name',
    'experiment_id',
    'status',
    'start_time',
    'end_time',
    'lifecycle_stage',
    ...metricKeys.map((k) => `metrics.${k}`),
    ...paramKeys.map((k) => `params.${k}`),
    ...tagKeys.map((k) => `tags.${k}`),
  ];
  const rows = runs.map((run) => [
    run.info.runId,
    run.info.runName,
    run.info.experimentId,
    run.info.status,
    isoTime(run.info.startTime),
    isoTime(run.info.endTime),
    run.info.lifecycleStage,
    ...metricKeys.map((k) => metricText(ownValue(run.data.metrics, k)?.value)),
    ...paramKeys.map((k) => ownValue(run.data.params, k) ?? ''),
    ...tagKeys.map((k) => ownValue(run.data.tags, k) ?? ''),
  ]);
  return [header, ...rows].map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}
