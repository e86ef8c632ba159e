/**
 * Experiment folders: every `<root>/<id>/` with a meta.yaml, plus `<root>/.trash/<id>/` (deleted, whatever
 * its meta.yaml says: MLflow < 2.3 moved the folder without rewriting the file). The registry's
 * `<root>/models/` is not an experiment.
 */
import { lstat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Experiment } from '../../../common/types';
import {
  assertNoLinkBetween,
  describeError,
  isDirLike,
  isMissing,
  listDir,
  readText,
  type IoLimiter,
  type ProblemLog,
} from './io';
import { readKeyValues } from './keyValues';
import { num, parseMeta, str } from './meta';

export const TRASH_DIR = '.trash';
export const REGISTRY_DIR = 'models';

export interface ExperimentDir {
  dir: string;
  folderName: string;
  inTrash: boolean;
}

export interface LoadedExperiment extends ExperimentDir {
  experiment: Experiment;
}

/** Candidate experiment folders: root ones first, then `.trash/` ones. Hidden folders are not experiments. */
export async function listExperimentDirs(io: IoLimiter, root: string): Promise<ExperimentDir[]> {
  const pick = (parent: string, names: string[], inTrash: boolean): ExperimentDir[] =>
    names.map((folderName) => ({ dir: join(parent, folderName), folderName, inTrash }));
  const top = (await listDir(io, root, true)).filter(isDirLike).map((e) => e.name);
  const trashDir = join(root, TRASH_DIR);
  const trash = top.includes(TRASH_DIR)
    ? // A `.trash` that is a symlink is not followed (it holds no experiments of this store).
      (await listDir(io, trashDir).catch(() => [])).filter(isDirLike).map((e) => e.name)
    : [];
  const visible = (name: string): boolean => !name.startsWith('.');
  return [
    ...pick(root, top.filter((n) => visible(n) && n !== REGISTRY_DIR).sort(), false),
    ...pick(trashDir, trash.filter(visible).sort(), true),
  ];
}

/**
 * Reads one experiment folder. Returns undefined for a folder that is not an experiment: one without
 * meta.yaml is silently skipped unless its name is an id (then it is a broken experiment and recorded).
 */
export async function readExperiment(
  io: IoLimiter,
  candidate: ExperimentDir,
  problems: ProblemLog,
): Promise<LoadedExperiment | undefined> {
  const metaPath = join(candidate.dir, 'meta.yaml');
  let text: string;
  try {
    await assertNoLinkBetween(io, dirname(candidate.dir), metaPath);
    text = await readText(io, metaPath);
  } catch (err) {
    if (isMissing(err) && !/^\d+$/.test(candidate.folderName)) return undefined;
    problems.add(
      metaPath,
      `Experiment folder skipped: cannot read ${metaPath}: ${describeError(err)}`,
    );
    return undefined;
  }
  let meta;
  try {
    meta = parseMeta(text);
  } catch (err) {
    problems.add(metaPath, `Experiment folder skipped: ${metaPath}: ${describeError(err)}`);
    return undefined;
  }
  // The tags/ files are the truth; an inline `tags:` map in meta.yaml is a stale copy.
  const tags = await readKeyValues(io, join(candidate.dir, 'tags'), problems);
  const deleted = candidate.inTrash || str(meta, 'lifecycle_stage') === 'deleted';
  const experiment: Experiment = {
    experimentId: str(meta, 'experiment_id') ?? candidate.folderName,
    name: str(meta, 'name') ?? '',
    artifactLocation: str(meta, 'artifact_location') ?? '',
    lifecycleStage: deleted ? 'deleted' : 'active',
    creationTime: num(meta, 'creation_time'),
    lastUpdateTime: num(meta, 'last_update_time'),
    tags,
  };
  return { ...candidate, experiment };
}

/**
 * Every readable experiment. An id seen twice (a copy left in `.trash/` after a restore, say) is kept
 * once — the root folder wins, as it is listed first — and the other folder is recorded.
 */
export async function loadExperiments(
  io: IoLimiter,
  root: string,
  problems: ProblemLog,
): Promise<LoadedExperiment[]> {
  const dirs = await listExperimentDirs(io, root);
  const loaded = await Promise.all(dirs.map((d) => readExperiment(io, d, problems)));
  const byId = new Map<string, LoadedExperiment>();
  for (const exp of loaded) {
    if (!exp) continue;
    const first = byId.get(exp.experiment.experimentId);
    if (first)
      problems.add(
        exp.dir,
        `Experiment id ${exp.experiment.experimentId} is also in ${first.dir}; this copy is ignored`,
      );
    else byId.set(exp.experiment.experimentId, exp);
  }
  return [...byId.values()];
}

/** An id that can only name one folder (no separators, no dot segments). */
export function isSafeId(id: string): boolean {
  return id !== '' && id !== '.' && id !== '..' && !/[\\/]/.test(id);
}

/**
 * The first experiment holding the folder `<exp>/<...subPath>/<id>/`, found with one stat per experiment
 * (no run or model files are read).
 */
export async function findInExperiments(
  io: IoLimiter,
  experiments: readonly LoadedExperiment[],
  subPath: readonly string[],
  id: string,
): Promise<{ exp: LoadedExperiment; dir: string } | undefined> {
  if (!isSafeId(id)) return undefined;
  const hits = await Promise.all(
    experiments.map(async (exp) => {
      const dir = join(exp.dir, ...subPath, id);
      try {
        // lstat: a linked run folder is not a run (it would list a run twice, or one outside the store).
        return (await io.run(() => lstat(dir))).isDirectory() ? { exp, dir } : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  return hits.find((h) => h !== undefined);
}
