/**
 * MLflow 3.x LoggedModels: `<exp>/models/m-<hex>/` with meta.yaml, params/, tags/, metrics/ (4-column
 * lines: the 4th is the run id) and artifacts/.
 */
import { basename, join } from 'node:path';
import type { LoggedModel, LoggedModelMetric } from '../../../common/types';
import type { LoadedExperiment } from './experiments';
import { describeError, isDirLike, listDir, readText, type IoLimiter, type ProblemLog } from './io';
import { readKeyValues } from './keyValues';
import { enumField, num, optStr, parseMeta, str } from './meta';
import { readMetricsDir } from './metricsDir';

/** Proto enum LoggedModelStatus: the number is what meta.yaml holds. */
const STATUS_BY_NUMBER = [
  'LOGGED_MODEL_STATUS_UNSPECIFIED',
  'LOGGED_MODEL_PENDING',
  'LOGGED_MODEL_READY',
  'LOGGED_MODEL_UPLOAD_FAILED',
];

export const MODELS_DIR = 'models';

/** The LoggedModel folders of one experiment (names `m-…`). */
export async function listLoggedModelDirs(io: IoLimiter, experimentDir: string): Promise<string[]> {
  const modelsDir = join(experimentDir, MODELS_DIR);
  return (await listDir(io, modelsDir))
    .filter((e) => isDirLike(e) && e.name.startsWith('m-'))
    .map((e) => join(modelsDir, e.name))
    .sort();
}

/** Reads one LoggedModel; undefined (and a recorded problem) when its meta.yaml cannot be read. */
export async function readLoggedModel(
  io: IoLimiter,
  exp: LoadedExperiment,
  modelDir: string,
  problems: ProblemLog,
): Promise<LoggedModel | undefined> {
  const metaPath = join(modelDir, 'meta.yaml');
  let meta;
  try {
    meta = parseMeta(await readText(io, metaPath));
  } catch (err) {
    problems.add(metaPath, `LoggedModel skipped: ${metaPath}: ${describeError(err)}`);
    return undefined;
  }
  const [params, tags, series] = await Promise.all([
    readKeyValues(io, join(modelDir, 'params'), problems),
    readKeyValues(io, join(modelDir, 'tags'), problems),
    readMetricsDir(io, join(modelDir, 'metrics'), problems),
  ]);
  const metrics: LoggedModelMetric[] = series.flatMap(({ key, points }) =>
    points.map((p) => ({
      key,
      value: p.value,
      timestamp: p.timestamp,
      step: p.step,
      runId: p.runId,
      datasetName: p.datasetName,
      datasetDigest: p.datasetDigest,
    })),
  );
  return {
    modelId: str(meta, 'model_id') ?? basename(modelDir),
    experimentId: exp.experiment.experimentId,
    name: str(meta, 'name') ?? '',
    artifactUri: str(meta, 'artifact_location') ?? str(meta, 'artifact_uri') ?? '',
    creationTimestamp: num(meta, 'creation_timestamp'),
    lastUpdatedTimestamp: num(meta, 'last_updated_timestamp'),
    modelType: optStr(meta, 'model_type'),
    sourceRunId: optStr(meta, 'source_run_id'),
    status: enumField(meta, 'status', STATUS_BY_NUMBER, 'LOGGED_MODEL_STATUS_UNSPECIFIED'),
    statusMessage: optStr(meta, 'status_message'),
    tags,
    params,
    metrics,
  };
}
