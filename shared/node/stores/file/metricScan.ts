/**
 * Summarises a metric file in one pass without building its points: the latest point (MLflow's
 * greatest (step, timestamp, value)) and the garbage lines. Listing runs needs
 * only this, and a store of 2,000 runs × 10 metrics × 100 steps has two million lines, so the file's
 * bytes are scanned as they are read (no UTF-8 decoding of the whole file) by metricColumns'
 * `lineInto`, the line reader of the chart series too: the common lines are parsed by hand, any other
 * goes through `parseLine`, the one definition of what a line means.
 */
import type { Metric } from '../../../common/types';
import { BAD, forEachLine, lineInto, POINT, type Target } from './metricColumns';

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
    // Latest = greatest (step, timestamp, value): compareMetricPoints, inlined.
    if (
      !found ||
      step > bestStep ||
      (step === bestStep && (ts > bestTs || (ts === bestTs && greaterValue(value, bestValue))))
    ) {
      found = true;
      bestStep = step;
      bestTs = ts;
      bestValue = value;
    }
  });
  const summary = found ? { key, value: bestValue, timestamp: bestTs, step: bestStep } : undefined;
  return { summary, badLines };
}
