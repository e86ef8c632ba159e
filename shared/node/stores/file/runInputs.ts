/**
 * A run's links to other entities (MLflow 2.4+), read synchronously as part of a run (see syncIo.ts):
 * - `inputs/<input_id>/meta.yaml`: `source_type: DATASET`, `source_id` = the folder name of the dataset
 *   under `<exp>/datasets/<source_id>/meta.yaml`, plus input tags (`mlflow.data.context`);
 * - `outputs/<model_id>/meta.yaml` (3.x): `destination_id` = the LoggedModel id, `step`.
 */
import { join } from 'node:path';
import type { Dataset, DatasetInput, ModelOutput, StoreProblem } from '../../../common/types';
import { describeError, isDirLike } from './io';
import { num, parseMeta, str, stringMap, type Meta } from './meta';
import type { SyncReader } from './syncIo';

/** Collects a run's broken parts. */
export type ProblemSink = (problem: StoreProblem) => void;

/**
 * Datasets already read, by dataset folder: many runs share one dataset. The problem of a broken one
 * is kept with it, so every run that names it reports it (each run's summary stands alone).
 */
export type DatasetCache = Map<
  string,
  { dataset: Dataset | undefined; problem: StoreProblem | undefined }
>;

function readMetaFile(
  reader: SyncReader,
  path: string,
  what: string,
  report: ProblemSink,
): Meta | undefined {
  try {
    return parseMeta(reader.readText(path));
  } catch (err) {
    report({ path, message: `${what} skipped: ${path}: ${describeError(err)}` });
    return undefined;
  }
}

/** JSON-text fields may have been hand-edited into YAML mappings; give them back as JSON text. */
function jsonText(meta: Meta, key: string): string | null {
  const v = meta[key];
  if (v === null || v === undefined) return null;
  if (typeof v === 'object')
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x));
  return str(meta, key) ?? null;
}

function readDataset(
  reader: SyncReader,
  dir: string,
  report: ProblemSink,
  cache: DatasetCache,
): Dataset | undefined {
  const metaPath = join(dir, 'meta.yaml');
  let entry = cache.get(dir);
  if (!entry) {
    let problem: StoreProblem | undefined;
    const meta = readMetaFile(reader, metaPath, 'Dataset', (p) => (problem = p));
    const dataset: Dataset | undefined = meta && {
      name: str(meta, 'name') ?? '',
      digest: str(meta, 'digest') ?? '',
      sourceType: str(meta, 'source_type') ?? '',
      source: jsonText(meta, 'source') ?? '',
      schema: jsonText(meta, 'schema'),
      profile: jsonText(meta, 'profile'),
    };
    entry = { dataset, problem };
    cache.set(dir, entry);
  } else {
    // Read by an earlier run: this run depends on the same file, so its fingerprint names it too.
    reader.recordOnly(metaPath);
  }
  if (entry.problem) report(entry.problem);
  return entry.dataset;
}

function subfolders(reader: SyncReader, dir: string, report: ProblemSink): string[] {
  try {
    return reader
      .listDir(dir)
      .filter(isDirLike)
      .map((e) => e.name)
      .sort();
  } catch (err) {
    report({ path: dir, message: `Cannot list ${dir}: ${describeError(err)}` });
    return [];
  }
}

/** The run's dataset inputs; an input whose dataset is missing is recorded and left out. */
export function readDatasetInputs(
  reader: SyncReader,
  runDir: string,
  experimentDir: string,
  report: ProblemSink,
  cache: DatasetCache,
): DatasetInput[] {
  const inputsDir = join(runDir, 'inputs');
  const inputs: DatasetInput[] = [];
  for (const id of subfolders(reader, inputsDir, report)) {
    const metaPath = join(inputsDir, id, 'meta.yaml');
    const meta = readMetaFile(reader, metaPath, 'Dataset input', report);
    if (!meta) continue;
    const sourceType = str(meta, 'source_type');
    if (sourceType !== undefined && sourceType.toUpperCase() !== 'DATASET') continue;
    const datasetId = str(meta, 'source_id');
    if (!datasetId || /[\\/]|^\.\.?$/.test(datasetId)) {
      report({
        path: metaPath,
        message: `Dataset input skipped: ${metaPath} names no dataset (source_id)`,
      });
      continue;
    }
    const dataset = readDataset(reader, join(experimentDir, 'datasets', datasetId), report, cache);
    if (dataset) inputs.push({ dataset, tags: stringMap(meta, 'tags') });
  }
  return inputs;
}

/** The LoggedModels this run produced (3.x). */
export function readModelOutputs(
  reader: SyncReader,
  runDir: string,
  report: ProblemSink,
): ModelOutput[] {
  const outputsDir = join(runDir, 'outputs');
  const outputs: ModelOutput[] = [];
  for (const id of subfolders(reader, outputsDir, report)) {
    const meta = readMetaFile(reader, join(outputsDir, id, 'meta.yaml'), 'Run output', report);
    if (meta)
      outputs.push({ modelId: str(meta, 'destination_id') ?? id, step: num(meta, 'step') ?? 0 });
  }
  return outputs;
}
