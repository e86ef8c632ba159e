/**
 * Parses metric file bytes without a string or an object per line: one line into a row of columns
 * (`lineInto`, the line reader of the streamed chart series, metricStream.ts), or a whole file into
 * columns (Float64Array step / timestamp / value) with `parseMetricColumns` and `inHistoryOrder`, the
 * whole-file series that the stream must equal (its tests compare the two). A 1M-line file as strings
 * and one object per line costs most of a second, as bytes into typed arrays a few tens of milliseconds.
 *
 * The common lines are parsed by hand from the bytes: `<ms> <value> <step>` with single spaces, the
 * LoggedModel form with up to three printable ASCII columns after the step, and the pre-1.0
 * `<seconds> <value>`. Every other line (tabs, several spaces, signs, 16+ digit numbers, non-ASCII…)
 * is decoded and given to metricFile's `parseLine`, the one definition of what a line means, so this
 * gives exactly the points, in file order, and the bad lines that `parseMetricFile` gives.
 */
import type { SeriesColumns } from '../../../common/downsample';
import { MAX_EXACT_DIGITS, plainDecimal } from './decimal';
import { parseLine, parseMetricValue, SECONDS_LIMIT } from './metricFile';

export interface ParsedColumns {
  cols: SeriesColumns;
  /** 1-based numbers of lines that are not a metric point (empty lines are not counted). */
  badLines: number[];
}

const LF = 10;
const CR = 13;
const SPACE = 32;
/** Columns a LoggedModel line may have after the step: run id, dataset name, dataset digest. */
const MAX_EXTRA_COLUMNS = 3;

/**
 * Where `digits` leaves its number: a typed array, because a double written to a module-level `let`
 * is boxed on the heap, an allocation per line.
 */
const scratch = new Float64Array(1);

/** Digits only, at most 15 of them, from `i`, into scratch[0]; returns the end, or -1 when that is not what is there. */
function digits(b: Buffer, i: number, end: number): number {
  const from = i;
  let v = 0;
  for (; i < end; i++) {
    const d = (b[i] as number) - 48;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
  }
  if (i === from || i - from > MAX_EXACT_DIGITS) return -1;
  scratch[0] = v;
  return i;
}

/** A value token [from, to): a plain decimal (decimal.ts), else parseMetricValue; undefined when not a value. */
function value(b: Buffer, from: number, to: number): number | undefined {
  const v = plainDecimal(b, from, to);
  return Number.isNaN(v) ? parseMetricValue(b.toString('latin1', from, to)) : v;
}

/** The end of a token of printable ASCII (no space) from `i`, or -1 when empty. */
function token(b: Buffer, i: number, end: number): number {
  const from = i;
  while (i < end && (b[i] as number) > SPACE && (b[i] as number) < 127) i++;
  return i === from ? -1 : i;
}

/** Where a line's point goes: row `n` of the columns. */
export interface Target {
  step: Float64Array;
  timestamp: Float64Array;
  value: Float64Array;
}

/**
 * The hand-parsed shapes (see the file comment), written to row `n` of `out`; false for anything else
 * (parseLine then decides).
 */
function fastLine(b: Buffer, start: number, end: number, out: Target, n: number): boolean {
  let i = digits(b, start, end);
  if (i < 0 || i >= end || b[i] !== SPACE) return false;
  const ts = scratch[0] as number;
  const valueStart = i + 1;
  i = token(b, valueStart, end);
  if (i < 0) return false;
  const v = value(b, valueStart, i);
  if (v === undefined) return false;
  if (i === end) {
    // Pre-1.0: seconds, no step (metricFile's rule).
    out.timestamp[n] = ts < SECONDS_LIMIT ? Math.round(ts * 1000) : ts;
    out.value[n] = v;
    out.step[n] = 0;
    return true;
  }
  if (b[i] !== SPACE) return false;
  i = digits(b, i + 1, end);
  if (i < 0) return false;
  const step = scratch[0] as number;
  for (let extra = 0; i < end; extra++) {
    if (extra === MAX_EXTRA_COLUMNS || b[i] !== SPACE) return false;
    i = token(b, i + 1, end);
    if (i < 0) return false;
  }
  out.timestamp[n] = ts;
  out.value[n] = v;
  out.step[n] = step;
  return true;
}

function asciiBlank(b: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = b[i] as number;
    if (c !== SPACE && c !== 9 && c !== CR && c !== 11 && c !== 12) return false;
  }
  return true;
}

/** What `lineInto` found on a line. */
export const POINT = 1;
export const BLANK = 0;
export const BAD = -1;

/**
 * Parses the line `bytes[start, end)` (without its line break) into row `n` of `out`: POINT, BLANK (an
 * empty or white-space line, not reported) or BAD (a garbage line, reported). The one line reader of
 * both the whole-file parse below and the streaming one (metricStream.ts).
 */
export function lineInto(
  bytes: Buffer,
  start: number,
  end: number,
  key: string,
  out: Target,
  n: number,
): typeof POINT | typeof BLANK | typeof BAD {
  if (fastLine(bytes, start, end, out, n)) return POINT;
  if (asciiBlank(bytes, start, end)) return BLANK;
  const line = bytes.toString('utf8', start, end);
  if (line.trim() === '') return BLANK;
  const parsed = parseLine(line, key);
  if (!parsed) return BAD;
  out.step[n] = parsed.step;
  out.timestamp[n] = parsed.timestamp;
  out.value[n] = parsed.value;
  return POINT;
}

function lineCount(b: Buffer): number {
  let n = 1;
  for (let i = b.indexOf(LF); i !== -1; i = b.indexOf(LF, i + 1)) n++;
  return n;
}

/**
 * Calls `visit(start, end, lineNo)` for each line of `bytes` without its line break (`\n`, or `\r\n`;
 * the last line has none), numbered from 1: split(/\r?\n/)'s lines, found by a native scan.
 */
export function forEachLine(
  bytes: Buffer,
  visit: (start: number, end: number, lineNo: number) => void,
): void {
  let lineNo = 0;
  let start = 0;
  const size = bytes.length;
  while (start <= size) {
    let next = bytes.indexOf(LF, start);
    if (next === -1) next = size;
    // split(/\r?\n/) semantics: a '\r' right before '\n' belongs to the line break.
    const end = next > start && next < size && bytes[next - 1] === CR ? next - 1 : next;
    visit(start, end, ++lineNo);
    if (next >= size) break;
    start = next + 1;
  }
}

/** Parses a whole metric file (its bytes) in file order; garbage lines are skipped and reported. */
export function parseMetricColumns(bytes: Buffer, key: string): ParsedColumns {
  const capacity = lineCount(bytes);
  const out: Target = {
    step: new Float64Array(capacity),
    timestamp: new Float64Array(capacity),
    value: new Float64Array(capacity),
  };
  const badLines: number[] = [];
  let n = 0;
  forEachLine(bytes, (start, end, lineNo) => {
    const kind = lineInto(bytes, start, end, key, out, n);
    if (kind === POINT) n++;
    else if (kind === BAD) badLines.push(lineNo);
  });
  return { cols: { length: n, ...out }, badLines };
}

/**
 * The columns in history order: by (step, timestamp), file order kept for ties (sortHistory's order).
 * Nearly every file is logged in step order, so it is checked first and sorted only when needed.
 */
export function inHistoryOrder(cols: SeriesColumns): SeriesColumns {
  const { length, step, timestamp, value } = cols;
  let sorted = true;
  for (let i = 1; i < length && sorted; i++) {
    const s0 = step[i - 1] as number;
    const s1 = step[i] as number;
    if (s1 < s0 || (s1 === s0 && (timestamp[i] as number) < (timestamp[i - 1] as number)))
      sorted = false;
  }
  if (sorted) return cols;
  // Comparisons, not differences: a timestamp like 1e999 parses to Infinity, and Infinity - Infinity is NaN.
  const compare = (x: number, y: number): number => (x < y ? -1 : x > y ? 1 : 0);
  const order = Array.from({ length }, (_v, i) => i);
  order.sort(
    (a, b) =>
      compare(step[a] as number, step[b] as number) ||
      compare(timestamp[a] as number, timestamp[b] as number) ||
      a - b,
  );
  const out = {
    length,
    step: new Float64Array(length),
    timestamp: new Float64Array(length),
    value: new Float64Array(length),
  };
  for (let i = 0; i < length; i++) {
    const from = order[i] as number;
    out.step[i] = step[from] as number;
    out.timestamp[i] = timestamp[from] as number;
    out.value[i] = value[from] as number;
  }
  return out;
}
