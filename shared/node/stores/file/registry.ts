/**
 * The model registry of a FileStore: `<root>/models/<name>/` with meta.yaml, tags/, aliases/<alias>
 * (content = version) and `version-<n>/` (meta.yaml, tags/). A deleted version keeps its folder with
 * `current_stage: Deleted_Internal` and is hidden; a deleted model's folder is gone.
 */
import { join } from 'node:path';
import type { ModelVersion, RegisteredModel, RegisteredModelAlias } from '../../../common/types';
import { REGISTRY_DIR } from './experiments';
import { describeError, isDirLike, listDir, readText, type IoLimiter, type ProblemLog } from './io';
import { readKeyValues } from './keyValues';
import { enumField, num, optStr, parseMeta, str, type Meta } from './meta';

const DELETED_STAGE = 'Deleted_Internal';
/** Proto enum ModelVersionStatus, for files that hold the number. */
const VERSION_STATUS_BY_NUMBER = ['', 'PENDING_REGISTRATION', 'FAILED_REGISTRATION', 'READY'];

interface LoadedModel {
  model: RegisteredModel;
  versions: ModelVersion[];
}

async function readMeta(
  io: IoLimiter,
  path: string,
  what: string,
  problems: ProblemLog,
): Promise<Meta | undefined> {
  try {
    return parseMeta(await readText(io, path));
  } catch (err) {
    problems.add(path, `${what} skipped: ${path}: ${describeError(err)}`);
    return undefined;
  }
}

/** The aliases/ files of a model: the truth (the meta.yaml `aliases:` map and version `aliases: []` lag). */
async function readAliases(
  io: IoLimiter,
  modelDir: string,
  problems: ProblemLog,
): Promise<RegisteredModelAlias[]> {
  const files = await readKeyValues(io, join(modelDir, 'aliases'), problems);
  return Object.entries(files)
    .map(([alias, version]) => ({ alias, version: version.trim() }))
    .sort((a, b) => (a.alias < b.alias ? -1 : a.alias > b.alias ? 1 : 0));
}

async function readVersion(
  io: IoLimiter,
  versionDir: string,
  modelName: string,
  aliases: readonly RegisteredModelAlias[],
  problems: ProblemLog,
): Promise<ModelVersion | undefined> {
  const meta = await readMeta(io, join(versionDir, 'meta.yaml'), 'Model version', problems);
  if (!meta) return undefined;
  const currentStage = str(meta, 'current_stage') ?? 'None';
  if (currentStage === DELETED_STAGE) return undefined;
  const version =
    str(meta, 'version') ??
    versionDir.slice(versionDir.lastIndexOf('version-') + 'version-'.length);
  return {
    name: str(meta, 'name') ?? modelName,
    version,
    creationTimestamp: num(meta, 'creation_timestamp'),
    lastUpdatedTimestamp: num(meta, 'last_updated_timestamp'),
    currentStage,
    description: str(meta, 'description') ?? null,
    source: str(meta, 'source') ?? '',
    runId: optStr(meta, 'run_id'),
    status: enumField(meta, 'status', VERSION_STATUS_BY_NUMBER, 'READY'),
    statusMessage: optStr(meta, 'status_message'),
    userId: optStr(meta, 'user_id'),
    runLink: optStr(meta, 'run_link'),
    modelId: optStr(meta, 'model_id'),
    tags: await readKeyValues(io, join(versionDir, 'tags'), problems),
    aliases: aliases.filter((a) => a.version === version).map((a) => a.alias),
  };
}

function versionNumber(v: ModelVersion): number {
  const n = Number(v.version);
  return Number.isFinite(n) ? n : -1;
}

/** MLflow's latest_versions: for each stage, the version with the highest number; listed by version. */
export function latestVersionsByStage(versions: readonly ModelVersion[]): ModelVersion[] {
  const byStage = new Map<string, ModelVersion>();
  for (const v of versions) {
    const best = byStage.get(v.currentStage);
    if (!best || versionNumber(v) > versionNumber(best)) byStage.set(v.currentStage, v);
  }
  return [...byStage.values()].sort((a, b) => versionNumber(a) - versionNumber(b));
}

async function readModel(
  io: IoLimiter,
  modelDir: string,
  folderName: string,
  problems: ProblemLog,
): Promise<LoadedModel | undefined> {
  const meta = await readMeta(io, join(modelDir, 'meta.yaml'), 'Registered model', problems);
  if (!meta) return undefined;
  const name = str(meta, 'name') ?? folderName;
  const [tags, aliases, entries] = await Promise.all([
    readKeyValues(io, join(modelDir, 'tags'), problems),
    readAliases(io, modelDir, problems),
    listDir(io, modelDir),
  ]);
  const versionDirs = entries.filter((e) => isDirLike(e) && /^version-\d+$/.test(e.name));
  const read = await Promise.all(
    versionDirs.map((e) => readVersion(io, join(modelDir, e.name), name, aliases, problems)),
  );
  const versions = read
    .filter((v): v is ModelVersion => v !== undefined)
    .sort((a, b) => versionNumber(a) - versionNumber(b));
  const model: RegisteredModel = {
    name,
    creationTimestamp: num(meta, 'creation_timestamp'),
    lastUpdatedTimestamp: num(meta, 'last_updated_timestamp'),
    description: str(meta, 'description') ?? null,
    tags,
    aliases,
    latestVersions: latestVersionsByStage(versions),
  };
  return { model, versions };
}

/** Every registered model with its visible versions, sorted by name. No registry folder: []. */
export async function loadRegistry(
  io: IoLimiter,
  root: string,
  problems: ProblemLog,
): Promise<LoadedModel[]> {
  const registryDir = join(root, REGISTRY_DIR);
  let entries;
  try {
    entries = await listDir(io, registryDir);
  } catch (err) {
    problems.add(
      registryDir,
      `Cannot list the model registry ${registryDir}: ${describeError(err)}`,
    );
    return [];
  }
  const models = await Promise.all(
    entries
      .filter((e) => isDirLike(e) && !e.name.startsWith('.'))
      .map((e) => readModel(io, join(registryDir, e.name), e.name, problems)),
  );
  return models
    .filter((m): m is LoadedModel => m !== undefined)
    .sort((a, b) => (a.model.name < b.model.name ? -1 : a.model.name > b.model.name ? 1 : 0));
}
