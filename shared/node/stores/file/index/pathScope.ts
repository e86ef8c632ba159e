/**
 * Maps changed paths (from a file watcher) to the work a refresh has to do, per experiment folder:
 * - a path inside `<exp>/<run>/` → check that run (by fingerprint; read it only if it changed);
 * - `<exp>/<run>` itself (created, removed, renamed) or `<exp>` → list the experiment folder again;
 * - `<exp>/datasets/…` → check every run of that experiment (inputs name datasets there);
 * - `<exp>/meta.yaml`, `<exp>/tags/…`, the root, `.trash` → experiment-level only: experiments are read
 *   again on every refresh anyway.
 * Paths outside the root, and the model registry (`models/`), concern no run.
 */
import { isAbsolute, relative, sep } from 'node:path';
import { REGISTRY_DIR, TRASH_DIR } from '../experiments';

/** Folder names inside an experiment folder that are not runs (as runs.ts lists them). */
const NOT_RUNS = new Set(['tags', 'models', 'traces']);

export interface ExperimentWork {
  relist: boolean;
  /** Run folders relative to the root ('/'-separated); 'all' = every run of the experiment. */
  check: Set<string> | 'all';
}

/** Work per experiment folder (relative to the root, e.g. `1` or `.trash/1`). */
export type Scope = Map<string, ExperimentWork>;

export function pathScope(root: string, paths: readonly string[]): Scope {
  const scope: Scope = new Map();
  const work = (experimentRel: string): ExperimentWork => {
    let w = scope.get(experimentRel);
    if (!w) scope.set(experimentRel, (w = { relist: false, check: new Set() }));
    return w;
  };
  for (const path of paths) {
    const rel = relative(root, path);
    if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) continue;
    const parts = rel.split(sep);
    const inTrash = parts[0] === TRASH_DIR;
    const [folder, runFolder, ...inside] = inTrash ? parts.slice(1) : parts;
    if (folder === undefined || (!inTrash && folder === REGISTRY_DIR)) continue;
    const experimentRel = inTrash ? `${TRASH_DIR}/${folder}` : folder;
    if (runFolder === undefined) {
      work(experimentRel).relist = true;
      continue;
    }
    if (runFolder === 'meta.yaml' || NOT_RUNS.has(runFolder) || runFolder.startsWith('.')) continue;
    if (runFolder === 'datasets') {
      work(experimentRel).check = 'all';
      continue;
    }
    const w = work(experimentRel);
    if (inside.length === 0) w.relist = true;
    if (w.check !== 'all') w.check.add(`${experimentRel}/${runFolder}`);
  }
  return scope;
}
