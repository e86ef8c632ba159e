/**
 * Summarises a metric file in one pass without building its points: the latest point (MLflow's
 * greatest (step, timestamp, value)), the min and max value, and the garbage lines. Listing runs needs
 * only this, and a store of 2,000 runs × 10 metrics × 100 steps has two million lines, so the common
 * line (`<ms> <value> <step>`, single spaces) is parsed by hand; any other line goes through
 * `parseLine`, the one definition of what a line means, so both paths agree.
 */
import type { Metric } from '../../../common/types';
import { decimalEnd, MAX_EXACT_DIGITS, plainDecimal } from './decimal';
import { parseLine } from './metricFile';

export interface MetricSummary extends Metric {
  /** Smallest and greatest value, NaN ignored (NaN when every value is NaN). */
  min: number;
  max: number;
}

export interface ScannedMetricFile {
  /** Undefined when the file has no point. */
  summary: MetricSummary | undefined;
  /** 1-based numbers of lines that are not a metric point (empty lines are not counted). */
  badLines: number[];
}

const SPACE = 32;

/** True when `text[from, to)` is non-empty and only digits, '.', 'e', 'E', '+', '-'. */
function decimalChars(text: string, from: number, to: number): boolean {
  if (from >= to) return false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === 45))
      return false;
  }
  return true;
}

/** Result slots of `fastPoint` (no object per line: two million lines make that the main cost). */
let fastTs = 0;
let fastValue = 0;
let fastStep = 0;

/**
 * The fast path, one pass over `<digits> <value> <digits>` with single spaces; false for any other shape
 * (parseLine then decides). Plain decimals are computed by decimal.ts; other values go through
 * Number(), which on decimal characters accepts what metricFile's DECIMAL does.
 */
function fastPoint(text: string, start: number, end: number): boolean {
  let i = start;
  let ts = 0;
  while (i < end) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    ts = ts * 10 + d;
    i++;
  }
  if (i === start || i - start > MAX_EXACT_DIGITS || i >= end || text.charCodeAt(i) !== SPACE)
    return false;
  const valueStart = ++i;
  let value = plainDecimal(text, valueStart, end);
  if (Number.isNaN(value)) {
    while (i < end && text.charCodeAt(i) !== SPACE) i++;
    if (!decimalChars(text, valueStart, i)) return false;
    value = Number(text.slice(valueStart, i));
    if (Number.isNaN(value)) return false;
  } else i = decimalEnd[0] as number;
  if (i === valueStart || i >= end) return false;
  const stepStart = ++i;
  let step = 0;
  for (; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    step = step * 10 + d;
  }
  if (i === stepStart || i - stepStart > MAX_EXACT_DIGITS) return false;
  fastTs = ts;
  fastValue = value;
  fastStep = step;
  return true;
}

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== SPACE && c !== 9 && c !== 13 && c !== 11 && c !== 12)
      return text.slice(start, end).trim() === '';
  }
  return true;
}

/** Orders numbers with NaN below everything, like common/metrics (steps and timestamps are never NaN). */
function greaterValue(a: number, b: number): boolean {
  return Number.isNaN(b) ? !Number.isNaN(a) : a > b;
}

export function scanMetricFile(text: string, key: string): ScannedMetricFile {
  const badLines: number[] = [];
  let found = false;
  let bestStep = 0;
  let bestTs = 0;
  let bestValue = 0;
  let min = NaN;
  let max = NaN;
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let next = text.indexOf('\n', start);
    if (next < 0) next = text.length;
    // split(/\r?\n/) semantics: a '\r' right before '\n' belongs to the line break.
    const end =
      next > start && next < text.length && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
    lineNo++;
    let ok = fastPoint(text, start, end);
    if (!ok && !isBlank(text, start, end)) {
      const parsed = parseLine(text.slice(start, end), key);
      if (parsed) {
        ok = true;
        fastTs = parsed.timestamp;
        fastValue = parsed.value;
        fastStep = parsed.step;
      } else badLines.push(lineNo);
    }
    if (ok) {
      // Latest = greatest (step, timestamp, value): compareMetricPoints, inlined.
      if (
        !found ||
        fastStep > bestStep ||
        (fastStep === bestStep &&
          (fastTs > bestTs || (fastTs === bestTs && greaterValue(fastValue, bestValue))))
      ) {
        found = true;
        bestStep = fastStep;
        bestTs = fastTs;
        bestValue = fastValue;
      }
      if (!Number.isNaN(fastValue)) {
        if (!(fastValue >= min)) min = fastValue;
        if (!(fastValue <= max)) max = fastValue;
      }
    }
    if (next >= text.length) break;
    start = next + 1;
  }
  const summary = found
    ? { key, value: bestValue, timestamp: bestTs, step: bestStep, min, max }
    : undefined;
  return { summary, badLines };
}
