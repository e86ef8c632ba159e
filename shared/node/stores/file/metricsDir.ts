/**
 * A `metrics/` folder (of a run or a LoggedModel): one file per key, nested for keys with '/'.
 */
import { open } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MetricSeries as ChartSeries } from '../../../common/contract';
import type { SeriesRequest } from '../../../common/metricSeries';
import { SeriesAccumulator } from '../../../common/seriesAccumulator';
import type { Metric } from '../../../common/types';
import { latestPoint } from '../../../common/metrics';
import {
  assertNoLinkBetween,
  assertRegularFile,
  describeError,
  isMissing,
  readText,
  READ_FLAGS,
  type IoLimiter,
  type ProblemLog,
} from './io';
import { listKeyFiles } from './keyValues';
import { badLinesMessage, parseMetricFile, type ParsedPoint } from './metricFile';
import type { RecentHistories } from './recentHistories';
import {
  seriesOfParsed,
  seriesOfWholeFile,
  streamMetricSeries,
  WHOLE_FILE_BYTES,
} from './metricStream';
import { deadlinedSource, READ_IDLE_MS, ReadDeadlineError, withinDeadline } from './readDeadline';
import { setOwn } from '../../../common/records';

export interface MetricSeries {
  key: string;
  points: ParsedPoint[];
}

/** Reads one metric file; garbage lines are recorded (one problem per file) and skipped. */
export async function readMetricPoints(
  io: IoLimiter,
  path: string,
  key: string,
  problems: ProblemLog,
): Promise<ParsedPoint[]> {
  const { points, badLines } = parseMetricFile(await readText(io, path), key);
  if (badLines.length > 0) problems.add(path, badLinesMessage(path, badLines));
  return points;
}

/** Every metric file of the folder; an unreadable file is recorded and left out. */
export async function readMetricsDir(
  io: IoLimiter,
  dir: string,
  problems: ProblemLog,
): Promise<MetricSeries[]> {
  let files;
  try {
    files = await listKeyFiles(io, dir);
  } catch (err) {
    problems.add(dir, `Cannot list ${dir}: ${describeError(err)}`);
    return [];
  }
  const series = await Promise.all(
    files.map(async ({ key, path }): Promise<MetricSeries | undefined> => {
      try {
        return { key, points: await readMetricPoints(io, path, key, problems) };
      } catch (err) {
        problems.add(path, `Cannot read metric file ${path}: ${describeError(err)}`);
        return undefined;
      }
    }),
  );
  return series.filter((s): s is MetricSeries => s !== undefined);
}

/** Latest value per key (greatest (step, timestamp, value)); an empty file has no latest value. */
export function latestMetrics(series: readonly MetricSeries[]): Record<string, Metric> {
  const out: Record<string, Metric> = {};
  for (const { key, points } of series) {
    const best = latestPoint(points);
    if (best)
      setOwn(out, key, { key, value: best.value, timestamp: best.timestamp, step: best.step });
  }
  return out;
}

/**
 * The file of one metric key, or undefined when the key cannot name a file inside `dir` (MLflow rejects
 * such keys, so no metric has them).
 */
export function metricFilePath(dir: string, key: string): string | undefined {
  const parts = key.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..' || p.includes('\\'))) return undefined;
  return join(dir, ...parts);
}

/** Full history of one key in file order; a missing file (unknown key) gives []. */
export async function readMetricHistory(
  io: IoLimiter,
  dir: string,
  key: string,
  problems: ProblemLog,
): Promise<Metric[]> {
  const path = metricFilePath(dir, key);
  if (!path) return [];
  // The run folder is known to be real; `metrics/` and the folders of a key with '/' must be too.
  await assertNoLinkBetween(io, dirname(dir), path);
  try {
    const points = await readMetricPoints(io, path, key, problems);
    return points.map((p) => ({ key, value: p.value, timestamp: p.timestamp, step: p.step }));
  } catch (err) {
    if (isMissing(err) || (err as NodeJS.ErrnoException).code === 'EISDIR') return [];
    throw err;
  }
}

/**
 * The chart series of one key, streamed (metricStream.ts): the answer `readMetricColumns` then
 * seriesOfColumns give, with the same problems and missing-file answer, in memory bounded by a chunk
 * and the buckets. The file is opened once with readBytes' guards (regular files only, non-blocking,
 * never through a link) and read by position, so both passes see the same bytes.
 */
export async function readMetricSeries(
  io: IoLimiter,
  dir: string,
  key: string,
  problems: ProblemLog,
  req: SeriesRequest,
  {
    signal,
    histories,
    idleMs = READ_IDLE_MS,
  }: {
    signal?: AbortSignal | undefined;
    histories?: RecentHistories | undefined;
    idleMs?: number;
  } = {},
): Promise<ChartSeries> {
  const path = metricFilePath(dir, key);
  const empty = (): ChartSeries => new SeriesAccumulator(key, req).result();
  if (!path) return empty();
  await assertNoLinkBetween(io, dirname(dir), path);
  try {
    const { series, lines } = await io.run(async () => {
      const opening = open(path, READ_FLAGS);
      const handle = await withinDeadline(opening, path, idleMs).catch((err: unknown) => {
        // Opened after all, later: closed then, so no descriptor is left behind.
        opening.then((h) => h.close()).catch(() => undefined);
        throw err;
      });
      let hung = false;
      try {
        const stats = await withinDeadline(handle.stat(), path, idleMs);
        assertRegularFile(stats, path);
        // The history the index parsed, if the file has not changed since (same stat).
        const kept = histories?.find(path, stats);
        if (kept) return seriesOfParsed(kept, key, req, stats.size);
        const read = async (b: Buffer, offset: number, length: number, position: number) =>
          (await handle.read(b, offset, length, position)).bytesRead;
        const source = deadlinedSource(read, path, idleMs);
        if (stats.size <= WHOLE_FILE_BYTES)
          return await seriesOfWholeFile(source, key, req, stats.size, signal);
        // Longer than WHOLE_FILE_BYTES: read in CHUNK_BYTES chunks (the default).
        return await streamMetricSeries(source, key, req, {
          size: stats.size,
          signal,
        });
      } catch (err) {
        hung = err instanceof ReadDeadlineError;
        throw err;
      } finally {
        // A close waits for the handle's pending read: after a missed deadline it is left to finish
        // (or never), so that the request answers now.
        const closing = handle.close();
        if (hung) closing.catch(() => undefined);
        else await closing;
      }
    });
    if (lines.badLineCount > 0)
      problems.add(path, badLinesMessage(path, lines.firstBadLines, lines.badLineCount));
    return series;
  } catch (err) {
    if (isMissing(err) || (err as NodeJS.ErrnoException).code === 'EISDIR') return empty();
    throw err;
  }
}
