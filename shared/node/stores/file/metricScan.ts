/**
 * Summarises a metric file in one pass without building its points: the latest point (MLflow's
 * greatest (step, timestamp, value)) and the garbage lines. Listing runs needs
 * only this, and a store of 2,000 runs × 10 metrics × 100 steps has two million lines, so the file's
 * bytes are scanned as they are read (no UTF-8 decoding of the whole file) by metricColumns'
 * `lineInto`, the line reader of the chart series too: the common lines are parsed by hand, any other
 * goes through `parseLine`, the one definition of what a line means.
 */
import type { Metric } from '../../../common/types';
import {
  BAD,
  forEachLine,
  lineInto,
  POINT,
  type ParsedColumns,
  type Target,
} from './metricColumns';

export interface ScannedMetricFile {
  /** The latest point; undefined when the file has no point. */
  summary: Metric | undefined;
  /** 1-based numbers of lines that are not a metric point (empty lines are not counted). */
  badLines: number[];
}

/** Orders numbers with NaN below everything, like common/metrics (steps and timestamps are never NaN). */
function greaterValue(a: number, b: number): boolean {
  return Number.isNaN(b) ? !Number.isNaN(a) : a > b;
}

/** Whether (step, ts, value) comes after the best so far: compareMetricPoints, inlined. */
function later(
  step: number,
  ts: number,
  value: number,
  bestStep: number,
  bestTs: number,
  bestValue: number,
): boolean {
  return (
    step > bestStep ||
    (step === bestStep && (ts > bestTs || (ts === bestTs && greaterValue(value, bestValue))))
  );
}

/** The point `lineInto` parsed last (typed arrays: no object per line). */
const row: Target = {
  step: new Float64Array(1),
  timestamp: new Float64Array(1),
  value: new Float64Array(1),
};

/** The summary of a metric file's bytes (as read from disk). */
export function scanMetricBytes(bytes: Buffer, key: string): ScannedMetricFile {
  const badLines: number[] = [];
  let found = false;
  let bestStep = 0;
  let bestTs = 0;
  let bestValue = 0;
  forEachLine(bytes, (start, end, lineNo) => {
    const kind = lineInto(bytes, start, end, key, row, 0);
    if (kind === BAD) badLines.push(lineNo);
    if (kind !== POINT) return;
    const step = row.step[0] as number;
    const ts = row.timestamp[0] as number;
    const value = row.value[0] as number;
    // Latest = greatest (step, timestamp, value).
    if (!found || later(step, ts, value, bestStep, bestTs, bestValue)) {
      found = true;
      bestStep = step;
      bestTs = ts;
      bestValue = value;
    }
  });
  const summary = found ? { key, value: bestValue, timestamp: bestTs, step: bestStep } : undefined;
  return { summary, badLines };
}

/** The same summary from a file parsed into columns (a history the index keeps, recentHistories.ts). */
export function summaryOfColumns(
  { cols, badLines }: ParsedColumns,
  key: string,
): ScannedMetricFile {
  const { length, step, timestamp, value } = cols;
  if (length === 0) return { summary: undefined, badLines };
  let best = 0;
  for (let i = 1; i < length; i++) {
    const b = best;
    if (
      later(
        step[i] as number,
        timestamp[i] as number,
        value[i] as number,
        step[b] as number,
        timestamp[b] as number,
        value[b] as number,
      )
    )
      best = i;
  }
  const summary = {
    key,
    value: value[best] as number,
    timestamp: timestamp[best] as number,
    step: step[best] as number,
  };
  return { summary, badLines };
}
