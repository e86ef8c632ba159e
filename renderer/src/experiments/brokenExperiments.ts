/**
 * Experiments the store could not read. The service leaves an experiment whose `meta.yaml` is
 * unreadable out of searchExperiments and reports it among the store's problems, with the path of that
 * file; in a FileStore an experiment's folder is named by its id, so the problem at
 * `<store>/<id>/meta.yaml` names the experiment. Nothing else is known about it (no name, no runs):
 * the sidebar lists it by id with the reason, and its runs view explains instead of showing "no runs".
 */
import type { StoreProblem } from '../../../shared/common/types';

export interface BrokenExperiment {
  experimentId: string;
  /** The problem as the service reported it (path and reason). */
  problem: StoreProblem;
}

/** The experiments named by `problems` (paths under `location`, the store's folder). */
export function brokenExperiments(
  location: string,
  problems: readonly StoreProblem[],
): BrokenExperiment[] {
  const root = location.replace(/[/\\]+$/, '');
  const out: BrokenExperiment[] = [];
  const seen = new Set<string>();
  for (const problem of problems) {
    const rest = problem.path.slice(root.length);
    if (!problem.path.startsWith(root) || !/^[/\\]/.test(rest)) continue;
    const parts = rest.split(/[/\\]/).filter((p) => p !== '');
    const [folder, file] = parts;
    // `<id>/meta.yaml` only: `.trash/…` (deleted experiments) and run folders are other problems.
    if (parts.length !== 2 || file !== 'meta.yaml' || !folder || folder.startsWith('.')) continue;
    if (seen.has(folder)) continue;
    seen.add(folder);
    out.push({ experimentId: folder, problem });
  }
  return out;
}
