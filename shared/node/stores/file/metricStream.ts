/**
 * A metric file's chart series read as a stream: fixed-size chunks, lines parsed as they complete (a line
 * may straddle chunks), points fed to a SeriesAccumulator that keeps per-bucket state only. Memory is a
 * chunk plus the buckets, whatever the file's length: a 10,000,000-line file parsed whole into columns
 * grew the process by ~700 MB.
 *
 * Up to two passes when the request does not fix both step ends: the bucket edges are the data's step
 * range, and the answer must be the whole-file path's exactly (same edges, same points chosen), which no
 * single pass can give without knowing the range first (merging buckets as the range grows gives other
 * edges). The first pass buckets with edges guessed from the file's first and last 4 KB — right for a
 * file in step order, nearly every file — finds the real range and the totals, and keeps the points
 * while they are few (a short history or a narrow zoom is answered by it alone). Only when the guess
 * proves wrong does a second pass read the same bytes again with the real edges. A request with both
 * ends (a zoom) is always one pass. Lines are parsed by metricColumns' `lineInto`, the whole-file
 * reader's own.
 */
import type { MetricSeries } from '../../../common/contract';
import { StoreError } from '../../../common/errors';
import { seriesOfColumns, type SeriesRequest } from '../../../common/metricSeries';
import { requestEdges, SeriesAccumulator, type StepEdges } from '../../../common/seriesAccumulator';
import {
  BAD,
  inHistoryOrder,
  lineInto,
  parseMetricColumns,
  type ParsedColumns,
  POINT,
  type Target,
} from './metricColumns';

/** Reads up to `length` bytes of the file at `position` into `buffer` at `offset`; resolves to how many. */
export type ByteSource = (
  buffer: Buffer,
  offset: number,
  length: number,
  position: number,
) => Promise<number>;

/** Called per point in file order; `ordinal` is the point's line number. */
export type PointVisitor = (
  step: number,
  timestamp: number,
  value: number,
  ordinal: number,
) => void;

export interface StreamOptions {
  /** Read at most this many bytes (a second pass reads what the first did, though the file grew). */
  maxBytes?: number;
  /** Chunk size; grows for a line longer than a chunk. Small values only in tests. */
  chunkBytes?: number;
  /** Checked between chunks: a cancelled chart request stops reading (CANCELLED). */
  signal?: AbortSignal | undefined;
}

export interface StreamedLines {
  /** Bytes read. */
  bytes: number;
  /** The first few garbage lines' numbers (1-based) and how many there are. */
  firstBadLines: number[];
  badLineCount: number;
}

/** 1 MB: few enough reads for a 250 MB file (250), small against the memory target. */
export const CHUNK_BYTES = 1 << 20;
/** Bad line numbers kept: what badLinesMessage names (a file of garbage must not fill memory with them). */
const KEPT_BAD_LINES = 5;
const LF = 10;
const CR = 13;

/**
 * Every point of the file in file order, with line numbers and line breaks as parseMetricColumns counts
 * them (`\n`, or `\r\n`; the last line has no break). Reading stops at the first short read (end of
 * file: a file still being appended to is read up to where it was, as readBytes does) or at maxBytes.
 */
export async function streamMetricPoints(
  read: ByteSource,
  key: string,
  visit: PointVisitor,
  opts: StreamOptions = {},
): Promise<StreamedLines> {
  const maxBytes = opts.maxBytes ?? Number.MAX_SAFE_INTEGER;
  let buf = Buffer.allocUnsafe(Math.max(1, opts.chunkBytes ?? CHUNK_BYTES));
  const row: Target = {
    step: new Float64Array(1),
    timestamp: new Float64Array(1),
    value: new Float64Array(1),
  };
  const firstBadLines: number[] = [];
  let badLineCount = 0;
  let lineNo = 0;
  const line = (start: number, end: number): void => {
    lineNo++;
    const kind = lineInto(buf, start, end, key, row, 0);
    if (kind === POINT)
      visit(row.step[0] as number, row.timestamp[0] as number, row.value[0] as number, lineNo);
    else if (kind === BAD && badLineCount++ < KEPT_BAD_LINES) firstBadLines.push(lineNo);
  };

  let carry = 0; // buf[0, carry): the start of a line whose break is not read yet
  let position = 0;
  for (;;) {
    if (opts.signal?.aborted) throw new StoreError('CANCELLED', 'The request was cancelled');
    if (carry === buf.length) {
      const bigger = Buffer.allocUnsafe(buf.length * 2);
      buf.copy(bigger, 0, 0, carry);
      buf = bigger;
    }
    const want = Math.min(buf.length - carry, maxBytes - position);
    const got = want > 0 ? await read(buf, carry, want, position) : 0;
    position += got;
    const size = carry + got;
    let start = 0;
    // The carried bytes hold no line break: look from where the new ones start (indexOf is a native
    // scan, several times faster than a byte loop here).
    for (let i = buf.indexOf(LF, carry); i !== -1 && i < size; i = buf.indexOf(LF, i + 1)) {
      line(start, i > start && buf[i - 1] === CR ? i - 1 : i);
      start = i + 1;
    }
    if (got < want || position >= maxBytes) {
      line(start, size);
      return { bytes: position, firstBadLines, badLineCount };
    }
    buf.copy(buf, 0, start, size);
    carry = size - start;
  }
}

/** A ByteSource over bytes in memory. */
export function bufferSource(bytes: Buffer): ByteSource {
  return (buffer, offset, length, position) => {
    const n = Math.max(0, Math.min(length, bytes.length - position));
    bytes.copy(buffer, offset, position, position + n);
    return Promise.resolve(n);
  };
}

/** Bytes read at each end of the file to guess its step range. */
const PEEK_BYTES = 4096;

export interface GuessOptions {
  /** The file's size: when given, the first pass buckets with edges guessed from the file's ends. */
  size?: number;
  /** How much of each end is read for the guess (PEEK_BYTES); small values only in tests. */
  peekBytes?: number;
}

/**
 * A guess of the data's step range within the request's: the smallest and greatest step among the
 * complete lines of the file's first and last 4 KB. Exact for a file logged in step order (nearly all:
 * MLflow appends as training goes), and checked after the pass either way.
 */
async function guessEdges(
  read: ByteSource,
  key: string,
  req: SeriesRequest,
  size: number,
  peekBytes: number,
): Promise<StepEdges | undefined> {
  const lo = req.minStep ?? -Infinity;
  const hi = req.maxStep ?? Infinity;
  let minStep = Infinity;
  let maxStep = -Infinity;
  const visit: PointVisitor = (s) => {
    if (s < lo || s > hi) return;
    if (s < minStep) minStep = s;
    if (s > maxStep) maxStep = s;
  };
  const n = Math.min(size, peekBytes);
  const head = Buffer.allocUnsafe(n);
  const headBytes = head.subarray(0, await read(head, 0, n, 0));
  const tail = Buffer.allocUnsafe(n);
  const tailBytes = tail.subarray(0, await read(tail, 0, n, size - n));
  // A line cut by either window could read as another point: only whole lines count.
  const parts = [
    headBytes.subarray(0, headBytes.lastIndexOf(LF) + 1),
    size - n === 0 ? tailBytes : tailBytes.subarray(tailBytes.indexOf(LF) + 1),
  ];
  for (const part of parts)
    await streamMetricPoints(bufferSource(part), key, visit, { chunkBytes: part.length + 1 });
  return minStep <= maxStep ? { minStep, maxStep } : undefined;
}

/**
 * The series of `req` from the file `read` gives: seriesOfColumns' answer for the file's points in
 * history order. The garbage lines come from the first pass (the whole file as it was then).
 *
 * The first pass buckets with the request's edges, or with edges guessed from the file's ends when its
 * size is given; a guess that proves wrong (the data's range differs) costs the second pass, nothing else.
 */
export async function streamMetricSeries(
  read: ByteSource,
  key: string,
  req: SeriesRequest,
  opts: StreamOptions & GuessOptions = {},
): Promise<{ series: MetricSeries; lines: StreamedLines }> {
  const fixed = requestEdges(req);
  const edges =
    fixed ??
    (opts.size !== undefined
      ? await guessEdges(read, key, req, opts.size, opts.peekBytes ?? PEEK_BYTES)
      : undefined);
  const first = new SeriesAccumulator(key, req, edges);
  const lines = await streamMetricPoints(read, key, (s, t, v, o) => first.add(s, t, v, o), opts);
  const data = first.dataEdges();
  if (
    first.whole ||
    fixed ||
    (edges && edges.minStep === data.minStep && edges.maxStep === data.maxStep)
  )
    return { series: first.result(), lines };
  const second = new SeriesAccumulator(key, req, data);
  await streamMetricPoints(read, key, (s, t, v, o) => second.add(s, t, v, o), {
    ...opts,
    maxBytes: lines.bytes,
  });
  return { series: second.result(), lines };
}

/**
 * Files up to this size are read whole and bucketed from columns (`seriesOfWholeFile`): on a chart view of
 * 150 files of 10,000 lines that took ~215 ms against ~255–360 ms streamed, whose per-point accumulator
 * and edge guess cost more than they save on a short file. Bounded so that the memory stays small while
 * the stores' 48 reads run at once: ~1 MB of bytes and ~0.9 MB of columns each.
 */
export const WHOLE_FILE_BYTES = 1 << 20;

/**
 * The series of `req` from a file of about `size` bytes read whole: the reference answer that
 * streamMetricSeries must equal (parseMetricColumns, inHistoryOrder, seriesOfColumns), with the same
 * StreamedLines. Reads up to the first short read, as the stream does (a growing file is read up to
 * where it was).
 */
export async function seriesOfWholeFile(
  read: ByteSource,
  key: string,
  req: SeriesRequest,
  size: number,
  signal?: AbortSignal,
): Promise<{ series: MetricSeries; lines: StreamedLines }> {
  let buf = Buffer.allocUnsafe(Math.max(1, size + 1));
  let total = 0;
  for (;;) {
    if (signal?.aborted) throw new StoreError('CANCELLED', 'The request was cancelled');
    const want = buf.length - total;
    const got = await read(buf, total, want, total);
    total += got;
    if (got < want) break;
    const bigger = Buffer.allocUnsafe(buf.length * 2);
    buf.copy(bigger, 0, 0, total);
    buf = bigger;
  }
  return seriesOfParsed(parseMetricColumns(buf.subarray(0, total), key), key, req, total);
}

/** The series of `req` from a file of `bytes` bytes parsed into columns (file order, its bad lines). */
export function seriesOfParsed(
  { cols, badLines }: ParsedColumns,
  key: string,
  req: SeriesRequest,
  bytes: number,
): { series: MetricSeries; lines: StreamedLines } {
  return {
    series: seriesOfColumns(key, inHistoryOrder(cols), req),
    lines: {
      bytes,
      firstBadLines: badLines.slice(0, KEPT_BAD_LINES),
      badLineCount: badLines.length,
    },
  };
}
