/**
 * A `metrics/` folder (of a run or a LoggedModel): one file per key, nested for keys with '/'.
 */
import { dirname, join } from 'node:path';
import type { SeriesColumns } from '../../../common/downsample';
import type { Metric } from '../../../common/types';
import { latestPoint } from '../../../common/metrics';
import {
  assertNoLinkBetween,
  describeError,
  isMissing,
  readBytes,
  readText,
  type IoLimiter,
  type ProblemLog,
} from './io';
import { listKeyFiles } from './keyValues';
import { inHistoryOrder, parseMetricColumns } from './metricColumns';
import { badLinesMessage, parseMetricFile, type ParsedPoint } from './metricFile';

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
    if (best) out[key] = { key, value: best.value, timestamp: best.timestamp, step: best.step };
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

const NO_COLUMNS: SeriesColumns = {
  length: 0,
  step: new Float64Array(0),
  timestamp: new Float64Array(0),
  value: new Float64Array(0),
};

/**
 * The same history as `readMetricHistory` after sorting (the same points, problems and missing-file
 * answer), as columns in history order: for charts of long histories (metricColumns.ts).
 */
export async function readMetricColumns(
  io: IoLimiter,
  dir: string,
  key: string,
  problems: ProblemLog,
): Promise<SeriesColumns> {
  const path = metricFilePath(dir, key);
  if (!path) return NO_COLUMNS;
  await assertNoLinkBetween(io, dirname(dir), path);
  let bytes: Buffer;
  try {
    bytes = await readBytes(io, path);
  } catch (err) {
    if (isMissing(err) || (err as NodeJS.ErrnoException).code === 'EISDIR') return NO_COLUMNS;
    throw err;
  }
  const { cols, badLines } = parseMetricColumns(bytes, key);
  if (badLines.length > 0) problems.add(path, badLinesMessage(path, badLines));
  return inHistoryOrder(cols);
}
