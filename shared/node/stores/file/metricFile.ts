/**
 * Metric files: one point per line, in logging order (not sorted), by MLflow version:
 * - 1.0+ runs:            `<timestamp_ms> <value> <step>`
 * - 3.x LoggedModels:     `<timestamp_ms> <value> <step> <run_id> [<dataset_name> <dataset_digest>]`
 * - before 1.0:           `<timestamp_seconds> <value>` (no step)
 * Values are decimal numbers or nan / inf / -inf in any spelling Python or Java may have written.
 */
import type { Metric } from '../../../common/types';

/** A point as read; the extra columns exist only in LoggedModel files (null elsewhere). */
export interface ParsedPoint extends Metric {
  runId: string | null;
  datasetName: string | null;
  datasetDigest: string | null;
}

export interface ParsedMetricFile {
  points: ParsedPoint[];
  /** 1-based numbers of lines that are not a metric point (empty lines are not counted). */
  badLines: number[];
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** Parses a metric value; undefined when it is not one. */
export function parseMetricValue(text: string): number | undefined {
  switch (text.toLowerCase()) {
    case 'nan':
    case '+nan':
    case '-nan':
      return NaN;
    case 'inf':
    case '+inf':
    case 'infinity':
    case '+infinity':
      return Infinity;
    case '-inf':
    case '-infinity':
      return -Infinity;
  }
  return DECIMAL.test(text) ? Number(text) : undefined;
}

/**
 * Pre-1.0 MLflow logged `int(time.time())`, i.e. seconds, while every later version logs milliseconds.
 * The 2-column layout identifies those files; the magnitude check keeps a hand-written 2-column file in
 * milliseconds (anything above 1e11 s would be after the year 5000) from being multiplied again.
 */
export const SECONDS_LIMIT = 1e11;

/** Parses one line of a metric file; undefined when it is not a point. */
export function parseLine(line: string, key: string): ParsedPoint | undefined {
  const cols = line.trim().split(/\s+/);
  if (cols.length < 2 || cols.length > 6) return undefined;
  const [tsText = '', valueText = '', stepText, runId, datasetName, datasetDigest] = cols;
  const value = parseMetricValue(valueText);
  const rawTs = DECIMAL.test(tsText) ? Number(tsText) : undefined;
  if (value === undefined || rawTs === undefined) return undefined;
  if (stepText === undefined) {
    const timestamp = rawTs < SECONDS_LIMIT ? Math.round(rawTs * 1000) : rawTs;
    return { key, timestamp, value, step: 0, runId: null, datasetName: null, datasetDigest: null };
  }
  if (!INTEGER.test(stepText) || !isInt64(stepText)) return undefined;
  return {
    key,
    timestamp: rawTs,
    value,
    step: Number(stepText),
    runId: runId ?? null,
    datasetName: datasetName ?? null,
    datasetDigest: datasetDigest ?? null,
  };
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * MLflow's step is an int64 (proto and SQL column), so MLflow never wrote a step outside that range:
 * such a line is damage, reported, rather than a silently rounded step (found by test/fuzz).
 */
function isInt64(integerText: string): boolean {
  if (integerText.replace(/^[+-]?0*/, '').length < 19) return true;
  const n = BigInt(integerText);
  return n >= INT64_MIN && n <= INT64_MAX;
}

/** Parses a whole metric file; garbage lines are skipped and reported by line number. */
export function parseMetricFile(text: string, key: string): ParsedMetricFile {
  const points: ParsedPoint[] = [];
  const badLines: number[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const point = parseLine(line, key);
    if (point) points.push(point);
    else badLines.push(i + 1);
  }
  return { points, badLines };
}

/**
 * The problem message for a file with garbage lines: names the first few line numbers. `total` when
 * `badLines` holds only the first few (a streamed file keeps no more).
 */
export function badLinesMessage(
  path: string,
  badLines: readonly number[],
  total = badLines.length,
): string {
  const shown = badLines.slice(0, 5).join(', ');
  const more = total > 5 ? ` and ${total - 5} more` : '';
  const noun = total === 1 ? 'line' : 'lines';
  return `Skipped unreadable ${noun} ${shown}${more} of metric file ${path} (expected "<timestamp> <value> <step>")`;
}
