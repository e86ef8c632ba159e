import type { Run } from '../../../shared/common/types';

/** MLflow links a child run to its parent with this tag. */
export const PARENT_RUN_TAG = 'mlflow.parentRunId';

export interface RunRow {
  run: Run;
  /** Nesting depth: 0 for a top-level run. */
  depth: number;
  /** Children present in the loaded runs (0 when the rows are flat). */
  childCount: number;
}

export function flatRows(runs: readonly Run[]): RunRow[] {
  return runs.map((run) => ({ run, depth: 0, childCount: 0 }));
}

/**
 * Puts each run under its parent, keeping the given order among siblings. A run whose parent is not in
 * `runs` (filtered out, or in another experiment) is top-level; the children of a collapsed run are
 * left out. Cyclic parent links (corrupt tags) cannot hide runs: unreached runs are appended top-level.
 */
export function nestRuns(runs: readonly Run[], collapsed: ReadonlySet<string>): RunRow[] {
  const ids = new Set(runs.map((r) => r.info.runId));
  const children = new Map<string, Run[]>();
  const roots: Run[] = [];
  for (const run of runs) {
    const parent = run.data.tags[PARENT_RUN_TAG];
    if (parent !== undefined && parent !== run.info.runId && ids.has(parent)) {
      const siblings = children.get(parent);
      if (siblings) siblings.push(run);
      else children.set(parent, [run]);
    } else {
      roots.push(run);
    }
  }

  const rows: RunRow[] = [];
  const seen = new Set<string>();
  const visit = (run: Run, depth: number): void => {
    if (seen.has(run.info.runId)) return;
    seen.add(run.info.runId);
    const kids = children.get(run.info.runId) ?? [];
    rows.push({ run, depth, childCount: kids.length });
    if (collapsed.has(run.info.runId)) {
      markSeen(run.info.runId, children, seen);
      return;
    }
    for (const kid of kids) visit(kid, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  for (const run of runs) if (!seen.has(run.info.runId)) visit(run, 0);
  return rows;
}

/** Marks the descendants of a collapsed run as placed, so they are not appended as orphans. */
function markSeen(runId: string, children: Map<string, Run[]>, seen: Set<string>): void {
  const stack = [...(children.get(runId) ?? [])];
  for (let run = stack.pop(); run !== undefined; run = stack.pop()) {
    if (seen.has(run.info.runId)) continue;
    seen.add(run.info.runId);
    stack.push(...(children.get(run.info.runId) ?? []));
  }
}
