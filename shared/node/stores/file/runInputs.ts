/**
 * A run's links to other entities (MLflow 2.4+):
 * - `inputs/<input_id>/meta.yaml`: `source_type: DATASET`, `source_id` = the folder name of the dataset
 *   under `<exp>/datasets/<source_id>/meta.yaml`, plus input tags (`mlflow.data.context`);
 * - `outputs/<model_id>/meta.yaml` (3.x): `destination_id` = the LoggedModel id, `step`.
 */
import { join } from 'node:path';
import type { Dataset, DatasetInput, ModelOutput } from '../../../common/types';
import { describeError, isDirLike, listDir, readText, type IoLimiter, type ProblemLog } from './io';
import { num, parseMeta, str, stringMap, type Meta } from './meta';

/** Datasets already read during one store call, by dataset folder: many runs share one dataset. */
export type DatasetCache = Map<string, Promise<Dataset | undefined>>;

async function readMetaFile(io: IoLimiter, path: string, what: string, problems: ProblemLog): Promise<Meta | undefined> {
  try {
    return parseMeta(await readText(io, path));
  } catch (err) {
    problems.add(path, `${what} skipped: ${path}: ${describeError(err)}`);
    return undefined;
  }
}

/** JSON-text fields may have been hand-edited into YAML mappings; give them back as JSON text. */
function jsonText(meta: Meta, key: string): string | null {
  const v = meta[key];
  if (v === null || v === undefined) return null;
  if (typeof v === 'object') return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
  return str(meta, key) ?? null;
}

function readDataset(io: IoLimiter, dir: string, problems: ProblemLog, cache: DatasetCache): Promise<Dataset | undefined> {
  let pending = cache.get(dir);
  if (!pending) {
    pending = readMetaFile(io, join(dir, 'meta.yaml'), 'Dataset', problems).then((meta) =>
      meta
        ? {
            name: str(meta, 'name') ?? '',
            digest: str(meta, 'digest') ?? '',
            sourceType: str(meta, 'source_type') ?? '',
            source: jsonText(meta, 'source') ?? '',
            schema: jsonText(meta, 'schema'),
            profile: jsonText(meta, 'profile'),
          }
        : undefined,
    );
    cache.set(dir, pending);
  }
  return pending;
}

async function subfolders(io: IoLimiter, dir: string, problems: ProblemLog): Promise<string[]> {
  try {
    return (await listDir(io, dir)).filter(isDirLike).map((e) => e.name).sort();
  } catch (err) {
    problems.add(dir, `Cannot list ${dir}: ${describeError(err)}`);
    return [];
  }
}

/** The run's dataset inputs; an input whose dataset is missing is recorded and left out. */
export async function readDatasetInputs(
  io: IoLimiter,
  runDir: string,
  experimentDir: string,
  problems: ProblemLog,
  cache: DatasetCache,
): Promise<DatasetInput[]> {
  const inputsDir = join(runDir, 'inputs');
  const ids = await subfolders(io, inputsDir, problems);
  const inputs = await Promise.all(
    ids.map(async (id): Promise<DatasetInput | undefined> => {
      const metaPath = join(inputsDir, id, 'meta.yaml');
      const meta = await readMetaFile(io, metaPath, 'Dataset input', problems);
      if (!meta) return undefined;
      const sourceType = str(meta, 'source_type');
      if (sourceType !== undefined && sourceType.toUpperCase() !== 'DATASET') return undefined;
      const datasetId = str(meta, 'source_id');
      if (!datasetId || /[\\/]|^\.\.?$/.test(datasetId)) {
        problems.add(metaPath, `Dataset input skipped: ${metaPath} names no dataset (source_id)`);
        return undefined;
      }
      const dataset = await readDataset(io, join(experimentDir, 'datasets', datasetId), problems, cache);
      if (!dataset) return undefined;
      return { dataset, tags: stringMap(meta, 'tags') };
    }),
  );
  return inputs.filter((i): i is DatasetInput => i !== undefined);
}

/** The LoggedModels this run produced (3.x). */
export async function readModelOutputs(io: IoLimiter, runDir: string, problems: ProblemLog): Promise<ModelOutput[]> {
  const outputsDir = join(runDir, 'outputs');
  const ids = await subfolders(io, outputsDir, problems);
  const outputs = await Promise.all(
    ids.map(async (id): Promise<ModelOutput | undefined> => {
      const meta = await readMetaFile(io, join(outputsDir, id, 'meta.yaml'), 'Run output', problems);
      if (!meta) return undefined;
      return { modelId: str(meta, 'destination_id') ?? id, step: num(meta, 'step') ?? 0 };
    }),
  );
  return outputs.filter((o): o is ModelOutput => o !== undefined);
}
