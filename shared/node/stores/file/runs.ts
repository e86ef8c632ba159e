/**
 * Run folders: `<exp>/<run_id>/` with meta.yaml, params/, tags/, metrics/, inputs/, outputs/, artifacts/.
 * Everything else in an experiment folder (tags/, datasets/, models/, traces/, stray files) is not a run.
 */
import { basename, dirname, join } from 'node:path';
import { RUN_STATUSES, type Run, type RunInfo, type RunStatus } from '../../../common/types';
import { localPathOfUri, rebasedCandidates, resolveArtifactRoot } from '../localArtifacts';
import type { LoadedExperiment } from './experiments';
import { describeError, isDirLike, isMissing, listDir, readText, type IoLimiter, type ProblemLog } from './io';
import { readKeyValues } from './keyValues';
import { enumField, num, parseMeta, str, type Meta } from './meta';
import { latestMetrics, readMetricsDir } from './metricsDir';
import { readDatasetInputs, readModelOutputs, type DatasetCache } from './runInputs';

/** Folder names inside an experiment folder that are never runs. */
const NOT_RUNS = new Set(['tags', 'datasets', 'models', 'traces']);

/** Proto enum RunStatus: the number is what files hold. */
const STATUS_BY_NUMBER = ['', 'RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'];

export interface RunContext {
  io: IoLimiter;
  problems: ProblemLog;
  datasets: DatasetCache;
}

/** The run folders of one experiment (names sorted). */
export async function listRunDirs(io: IoLimiter, experimentDir: string): Promise<string[]> {
  const entries = await listDir(io, experimentDir);
  return entries
    .filter((e) => isDirLike(e) && !NOT_RUNS.has(e.name) && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort()
    .map((name) => join(experimentDir, name));
}

/** Reads and parses a run's meta.yaml; throws an Error that names the path. */
export async function readRunMeta(io: IoLimiter, runDir: string): Promise<Meta> {
  const metaPath = join(runDir, 'meta.yaml');
  let text: string;
  try {
    text = await readText(io, metaPath);
  } catch (err) {
    const why = isMissing(err) ? 'the run folder has no meta.yaml (or it vanished while reading)' : describeError(err);
    throw new Error(`Run folder ${runDir} skipped: ${why}`, { cause: err });
  }
  try {
    return parseMeta(text);
  } catch (err) {
    throw new Error(`Run folder ${runDir} skipped: ${metaPath}: ${describeError(err)}`, { cause: err });
  }
}

function runStatus(meta: Meta): RunStatus {
  // A meta.yaml without a usable status is read as what its end time says.
  const fallback = meta['end_time'] === null || meta['end_time'] === undefined ? 'RUNNING' : 'FINISHED';
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

/** Reads one whole run. A run whose meta.yaml cannot be read throws; broken parts are recorded and left out. */
export async function readRun(ctx: RunContext, exp: LoadedExperiment, runDir: string): Promise<Run> {
  const { io, problems } = ctx;
  // One listing of the run folder tells which parts exist, so absent ones cost no failed readdir.
  const [meta, entries] = await Promise.all([readRunMeta(io, runDir), listDir(io, runDir)]);
  const has = new Set(entries.filter(isDirLike).map((e) => e.name));
  const legacy = isLegacyLayout(meta);
  const keyValues = (name: string): Promise<Record<string, string>> =>
    has.has(name) ? readKeyValues(io, join(runDir, name), problems, { stripOneNewline: legacy }) : Promise.resolve({});
  const [params, tags, metricSeries, datasetInputs, modelOutputs] = await Promise.all([
    keyValues('params'),
    keyValues('tags'),
    has.has('metrics') ? readMetricsDir(io, join(runDir, 'metrics'), problems) : [],
    has.has('inputs') ? readDatasetInputs(io, runDir, exp.dir, problems, ctx.datasets) : [],
    has.has('outputs') ? readModelOutputs(io, runDir, problems) : [],
  ]);
  const folderName = basename(runDir);
  const deleted = exp.experiment.lifecycleStage === 'deleted' || str(meta, 'lifecycle_stage') === 'deleted';
  const info: RunInfo = {
    runId: nonEmpty(str(meta, 'run_id')) ?? nonEmpty(str(meta, 'run_uuid')) ?? folderName,
    // 2.x: run_name; 1.x: only the mlflow.runName tag (meta has name: ''); 0.x: name.
    runName: nonEmpty(str(meta, 'run_name')) ?? nonEmpty(tags['mlflow.runName']) ?? nonEmpty(str(meta, 'name')) ?? '',
    experimentId: exp.experiment.experimentId,
    userId: str(meta, 'user_id') ?? '',
    status: runStatus(meta),
    startTime: num(meta, 'start_time'),
    endTime: num(meta, 'end_time'),
    artifactUri: str(meta, 'artifact_uri') ?? '',
    lifecycleStage: deleted ? 'deleted' : 'active',
  };
  return {
    info,
    data: { metrics: latestMetrics(metricSeries), params, tags },
    inputs: { datasetInputs },
    outputs: { modelOutputs },
  };
}

/**
 * The local folder holding a run's (or LoggedModel's) artifacts. The copy under the folder the user
 * opened wins (stored URIs usually name another machine), then the stored location, then the stored
 * location re-based onto the folder that holds the store (`…/mlruns/…`, `…/mlartifacts/…`,
 * `mlflow-artifacts:/…`). Relative stored paths are relative to where MLflow ran: the store's parent.
 */
export function artifactRootOf(rootPath: string, ownArtifactsDir: string, storedUri: string): string | null {
  const base = dirname(rootPath);
  const stored = localPathOfUri(storedUri, base);
  const candidates = [ownArtifactsDir, ...(stored ? [stored] : []), ...rebasedCandidates(storedUri, base)];
  return resolveArtifactRoot('', base, candidates);
}
