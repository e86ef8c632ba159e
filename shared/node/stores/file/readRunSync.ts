/**
 * Reads one run folder synchronously into a RunSummary (the shape listing needs; runSummary.ts). This is
 * the one definition of how a run folder is read: worker threads, the in-thread fallback and getRun all
 * call it. Broken parts are recorded in the summary's problems and left out; a folder without a readable
 * meta.yaml gives a failed summary.
 */
import { basename, join } from 'node:path';
import {
  type Metric,
  RUN_STATUSES,
  type RunStatus,
  type StoreProblem,
} from '../../../common/types';
import { describeError, isDirLike, isMissing } from './io';
import { enumField, num, parseMeta, str, type Meta } from './meta';
import { badLinesMessage } from './metricFile';
import { parseMetricColumns } from './metricColumns';
import { scanMetricBytes, summaryOfColumns, type ScannedMetricFile } from './metricScan';
import type { RecentHistories } from './recentHistories';
import { packLatest, type RunSummary } from './runSummary';
import {
  readDatasetInputs,
  readModelOutputs,
  type DatasetCache,
  type ProblemSink,
} from './runInputs';
import type { SyncReader } from './syncIo';
import { setOwn } from '../../../common/records';

/** Proto enum RunStatus: the number is what files hold. */
const STATUS_BY_NUMBER = ['', 'RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

function runStatus(meta: Meta): RunStatus {
  // A meta.yaml without a usable status is read as what its end time says.
  const fallback =
    meta['end_time'] === null || meta['end_time'] === undefined ? 'RUNNING' : 'FINISHED';
  const status = enumField(meta, 'status', STATUS_BY_NUMBER, fallback);
  return (RUN_STATUSES as readonly string[]).includes(status) ? (status as RunStatus) : fallback;
}

/** MLflow 0.1–0.4 (no `run_id`, no `lifecycle_stage`): params carry a trailing newline. */
function isLegacyLayout(meta: Meta): boolean {
  return !('run_id' in meta) && !('lifecycle_stage' in meta);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

interface KeyFile {
  key: string;
  path: string;
}

/** Every file under `dir` as (key, path): a '/' in a key makes subfolders, walked recursively. */
function listKeyFiles(reader: SyncReader, dir: string, prefix = ''): KeyFile[] {
  const out: KeyFile[] = [];
  for (const entry of reader.listDir(dir)) {
    const path = join(dir, entry.name);
    const key = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listKeyFiles(reader, path, key));
    // A file, or anything else — a symlink (never followed: it may point out of the store or be a loop
    // like `up -> ..`), a FIFO, a device: its read is refused and reported once, with its path.
    else out.push({ key, path });
  }
  return out;
}

function listKeyFilesReported(reader: SyncReader, dir: string, report: ProblemSink): KeyFile[] {
  try {
    return listKeyFiles(reader, dir);
  } catch (err) {
    report({ path: dir, message: `Cannot list ${dir}: ${describeError(err)}` });
    return [];
  }
}

/**
 * One-file-per-key values (params/, tags/). Values are the file content as stored. `writeOnce`: MLflow
 * never rewrites these files with another value (params), so their folder's mtime stands for them in
 * the fingerprint.
 */
function readKeyValues(
  reader: SyncReader,
  dir: string,
  report: ProblemSink,
  stripOneNewline: boolean,
  writeOnce: boolean,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, path } of listKeyFilesReported(reader, dir, report)) {
    try {
      let value = reader.readText(path, !writeOnce);
      if (stripOneNewline) value = value.replace(/\r?\n$/, '');
      setOwn(out, key, value);
    } catch (err) {
      report({ path, message: `Cannot read ${path}: ${describeError(err)}` });
    }
  }
  return out;
}

/**
 * The latest point of every metric file; an empty file has no latest value and is left out. With
 * `histories`, a file it wants is parsed into columns and kept there for the chart that may follow.
 */
function readMetrics(
  reader: SyncReader,
  dir: string,
  report: ProblemSink,
  histories: RecentHistories | undefined,
): Metric[] {
  const out: Metric[] = [];
  for (const { key, path } of listKeyFilesReported(reader, dir, report)) {
    let scanned: ScannedMetricFile;
    try {
      scanned = reader.readWith(path, (bytes, stats) => {
        if (!histories?.wants(bytes.length, stats)) return scanMetricBytes(bytes, key);
        const parsed = parseMetricColumns(bytes, key);
        histories.keep(path, stats, parsed);
        return summaryOfColumns(parsed, key);
      });
    } catch (err) {
      report({ path, message: `Cannot read metric file ${path}: ${describeError(err)}` });
      continue;
    }
    const { summary, badLines } = scanned;
    if (badLines.length > 0) report({ path, message: badLinesMessage(path, badLines) });
    if (summary) out.push(summary);
  }
  return out;
}

/** Reads and parses a run's meta.yaml; throws an Error that names the path. */
export function readMeta(reader: SyncReader, runDir: string): Meta {
  const metaPath = join(runDir, 'meta.yaml');
  let text: string;
  try {
    text = reader.readText(metaPath);
  } catch (err) {
    const why = isMissing(err)
      ? 'the run folder has no meta.yaml (or it vanished while reading)'
      : describeError(err);
    throw new Error(`Run folder ${runDir} skipped: ${why}`, { cause: err });
  }
  try {
    return parseMeta(text);
  } catch (err) {
    throw new Error(`Run folder ${runDir} skipped: ${metaPath}: ${describeError(err)}`, {
      cause: err,
    });
  }
}

/**
 * Reads one run folder of the experiment folder `experimentDir` (datasets live there). `metaOnly`:
 * meta.yaml alone (name, user, status, times, lifecycle), for ordering runs before reading them whole;
 * params, tags, metrics, inputs and outputs are then empty. `histories`: where metric histories worth
 * keeping for a chart go (recentHistories.ts; in-thread reads of a long-lived host only).
 */
export function readRunSummary(
  reader: SyncReader,
  runDir: string,
  experimentDir: string,
  datasets: DatasetCache,
  {
    metaOnly = false,
    histories,
  }: { metaOnly?: boolean; histories?: RecentHistories | undefined } = {},
): RunSummary {
  const problems: StoreProblem[] = [];
  const report: ProblemSink = (p) => problems.push(p);
  let has: Set<string>;
  let meta: Meta;
  try {
    // The listing first: it tells which parts exist, so absent ones cost no failed readdir, and its
    // stat is taken before anything inside is read.
    has = metaOnly
      ? new Set()
      : new Set(
          reader
            .listDir(runDir)
            .filter(isDirLike)
            .map((e) => e.name),
        );
    meta = readMeta(reader, runDir);
  } catch (err) {
    const message =
      err instanceof Error && err.message.includes(runDir)
        ? err.message
        : `Run folder ${runDir} skipped: ${describeError(err)}`;
    return { ok: false, problems: [{ path: runDir, message }] };
  }
  const legacy = isLegacyLayout(meta);
  const params = has.has('params')
    ? readKeyValues(reader, join(runDir, 'params'), report, legacy, true)
    : {};
  const tags = has.has('tags')
    ? readKeyValues(reader, join(runDir, 'tags'), report, legacy, false)
    : {};
  const metrics = packLatest(
    has.has('metrics') ? readMetrics(reader, join(runDir, 'metrics'), report, histories) : [],
  );
  const datasetInputs = has.has('inputs')
    ? readDatasetInputs(reader, runDir, experimentDir, report, datasets)
    : [];
  const modelOutputs = has.has('outputs') ? readModelOutputs(reader, runDir, report) : [];
  const folderName = basename(runDir);
  // MLflow finds a run by its folder name (get_run, metric and artifact paths), so that is the run's id;
  // a meta.yaml naming another id (hand-edited, copied over) is reported rather than followed, which
  // would list the run under an id nothing can open (found by test/fuzz).
  const metaId = nonEmpty(str(meta, 'run_id')) ?? nonEmpty(str(meta, 'run_uuid'));
  if (metaId !== undefined && metaId !== folderName) {
    const metaPath = join(runDir, 'meta.yaml');
    report({
      path: metaPath,
      message: `${metaPath} names run ${metaId}, but its folder is ${folderName}: listed as ${folderName}`,
    });
  }
  return {
    ok: true,
    info: {
      runId: folderName,
      // 2.x: run_name; 1.x: only the mlflow.runName tag (meta has name: ''); 0.x: name.
      runName:
        nonEmpty(str(meta, 'run_name')) ??
        nonEmpty(tags['mlflow.runName']) ??
        nonEmpty(str(meta, 'name')) ??
        '',
      userId: str(meta, 'user_id') ?? '',
      status: runStatus(meta),
      startTime: num(meta, 'start_time'),
      endTime: num(meta, 'end_time'),
      artifactUri: str(meta, 'artifact_uri') ?? '',
    },
    deletedInMeta: str(meta, 'lifecycle_stage') === 'deleted',
    params,
    tags,
    ...metrics,
    datasetInputs,
    modelOutputs,
    problems,
  };
}
