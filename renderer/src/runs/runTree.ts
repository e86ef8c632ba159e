/**
 * The runs table's rows as a tree: each run under its parent (MLflow's `mlflow.parentRunId` tag), in
 * the order given (the store's sort), so a sort orders siblings and never flattens the tree.
 *
 * A run whose parent is not among the loaded runs:
 * - the parent could not be read (a corrupt run folder, listed in the store's problems): the run goes
 *   under a placeholder row for that parent, saying so; it is never re-parented or moved to the top;
 * - otherwise (filtered out, in another experiment, not loaded yet): it is top-level, with `parentId`
 *   kept so the row can say whose child it is.
 */
import type { Run } from '../../../shared/common/types';
import { pushAll } from '../../../shared/common/arrays';

/** MLflow links a child run to its parent with this tag. */
export const PARENT_RUN_TAG = 'mlflow.parentRunId';

export interface LoadedRun {
  storeId: string;
  run: Run;
}

export interface RunRow {
  kind: 'run';
  /** `storeId:runId`: unique across stores. */
  key: string;
  storeId: string;
  run: Run;
  depth: number;
  /** Children present in the loaded runs. */
  childCount: number;
  /** The parent named by the run's tag when that parent is not shown above it. */
  parentId?: string;
}

export interface MissingParentRow {
  kind: 'missing-parent';
  key: string;
  storeId: string;
  runId: string;
  depth: 0;
  childCount: number;
  /** Why the parent is not shown (the store's problem message). */
  reason: string;
}

export type TreeRow = RunRow | MissingParentRow;

export function runKey(storeId: string, runId: string): string {
  return `${storeId}:${runId}`;
}

/** Rows without nesting (a grouped table). */
export function flatRows(runs: readonly LoadedRun[]): RunRow[] {
  return runs.map(({ storeId, run }) => ({
    kind: 'run',
    key: runKey(storeId, run.info.runId),
    storeId,
    run,
    depth: 0,
    childCount: 0,
  }));
}

/**
 * The tree rows. `collapsed` holds row keys whose descendants are hidden; `unreadable` tells why a run
 * id could not be read in a store (null: nothing known against it). Cyclic parent links (corrupt tags)
 * cannot hide runs: unreached runs are appended top-level.
 */
export function nestRuns(
  runs: readonly LoadedRun[],
  collapsed: ReadonlySet<string>,
  unreadable: (storeId: string, runId: string) => string | null = () => null,
): TreeRow[] {
  const byKey = new Map(runs.map((r) => [runKey(r.storeId, r.run.info.runId), r]));
  const children = new Map<string, LoadedRun[]>();
  const roots: (LoadedRun | MissingParentRow)[] = [];
  const placeholders = new Map<string, MissingParentRow>();
  const orphanParent = new Map<string, string>();

  const addChild = (parentKey: string, run: LoadedRun): void => {
    const siblings = children.get(parentKey);
    if (siblings) siblings.push(run);
    else children.set(parentKey, [run]);
  };

  for (const loaded of runs) {
    const { storeId, run } = loaded;
    const parent = run.data.tags[PARENT_RUN_TAG];
    if (parent === undefined || parent === '' || parent === run.info.runId) {
      roots.push(loaded);
      continue;
    }
    const parentKey = runKey(storeId, parent);
    if (byKey.has(parentKey)) {
      addChild(parentKey, loaded);
      continue;
    }
    const reason = unreadable(storeId, parent);
    if (reason === null) {
      orphanParent.set(runKey(storeId, run.info.runId), parent);
      roots.push(loaded);
      continue;
    }
    let placeholder = placeholders.get(parentKey);
    if (!placeholder) {
      placeholder = {
        kind: 'missing-parent',
        key: `${parentKey}#missing`,
        storeId,
        runId: parent,
        depth: 0,
        childCount: 0,
        reason,
      };
      placeholders.set(parentKey, placeholder);
      roots.push(placeholder);
    }
    placeholder.childCount += 1;
    addChild(parentKey, loaded);
  }

  const rows: TreeRow[] = [];
  const seen = new Set<string>();
  const visit = (loaded: LoadedRun, depth: number): void => {
    const key = runKey(loaded.storeId, loaded.run.info.runId);
    if (seen.has(key)) return;
    seen.add(key);
    const kids = children.get(key) ?? [];
    const row: RunRow = {
      kind: 'run',
      key,
      storeId: loaded.storeId,
      run: loaded.run,
      depth,
      childCount: kids.length,
    };
    const parentId = orphanParent.get(key);
    if (parentId !== undefined) row.parentId = parentId;
    rows.push(row);
    if (collapsed.has(key)) {
      markSeen(key, children, seen);
      return;
    }
    for (const kid of kids) visit(kid, depth + 1);
  };
  for (const root of roots) {
    if ('kind' in root) {
      rows.push(root);
      const parentKey = runKey(root.storeId, root.runId);
      if (collapsed.has(root.key)) markSeen(parentKey, children, seen);
      else for (const kid of children.get(parentKey) ?? []) visit(kid, 1);
    } else {
      visit(root, 0);
    }
  }
  for (const loaded of runs) visit(loaded, 0);
  return rows;
}

/** Marks the descendants of a collapsed row as placed, so they are not appended as orphans. */
function markSeen(key: string, children: Map<string, LoadedRun[]>, seen: Set<string>): void {
  const stack = [...(children.get(key) ?? [])];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const nextKey = runKey(next.storeId, next.run.info.runId);
    if (seen.has(nextKey)) continue;
    seen.add(nextKey);
    pushAll(stack, children.get(nextKey) ?? []);
  }
}

/**
 * Why a run id could not be read, from the store's problems: a problem whose path has the id as one
 * of its segments (a FileStore's `<root>/<experiment>/<runId>/…`). Null when no problem names it.
 */
export function problemFor(
  problems: readonly { path: string; message: string }[],
  runId: string,
): string | null {
  for (const problem of problems) {
    if (problem.path.split(/[\\/#]/).includes(runId)) return problem.message;
  }
  return null;
}
