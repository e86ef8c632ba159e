/**
 * Run folders: `<exp>/<run_id>/` with meta.yaml, params/, tags/, metrics/, inputs/, outputs/, artifacts/.
 * Everything else in an experiment folder (tags/, datasets/, models/, traces/, stray files) is not a run.
 */
import { dirname, join } from 'node:path';
import type { Run } from '../../../common/types';
import { localPathOfUri, rebasedCandidates, resolveArtifactRoot } from '../localArtifacts';
import type { LoadedExperiment } from './experiments';
import { isDirLike, listDir, type IoLimiter, type ProblemLog } from './io';
import { readRunSummary } from './readRunSync';
import type { DatasetCache } from './runInputs';
import { assembleRun } from './runSummary';
import { SyncReader } from './syncIo';

/** Folder names inside an experiment folder that are never runs. */
const NOT_RUNS = new Set(['tags', 'datasets', 'models', 'traces']);

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

/**
 * Reads one whole run (synchronously underneath: readRunSync.ts) and assembles it for its experiment.
 * A run whose meta.yaml cannot be read throws; broken parts are recorded and left out.
 */
export async function readRun(
  ctx: RunContext,
  exp: LoadedExperiment,
  runDir: string,
): Promise<Run> {
  const summary = readRunSummary(new SyncReader(() => {}), runDir, exp.dir, ctx.datasets);
  for (const p of summary.problems) ctx.problems.add(p.path, p.message);
  if (!summary.ok) throw new Error(summary.problems[0]?.message ?? `Run folder ${runDir} skipped`);
  return assembleRun(summary, exp);
}

/**
 * The local folder holding a run's (or LoggedModel's) artifacts. The copy under the folder the user
 * opened wins (stored URIs usually name another machine), then the stored location, then the stored
 * location re-based onto the folder that holds the store (`…/mlruns/…`, `…/mlartifacts/…`,
 * `mlflow-artifacts:/…`). Relative stored paths are relative to where MLflow ran: the store's parent.
 */
export function artifactRootOf(
  rootPath: string,
  ownArtifactsDir: string,
  storedUri: string,
): string | null {
  const base = dirname(rootPath);
  const stored = localPathOfUri(storedUri, base);
  const candidates = [
    ownArtifactsDir,
    ...(stored ? [stored] : []),
    ...rebasedCandidates(storedUri, base),
  ];
  return resolveArtifactRoot('', base, candidates);
}
