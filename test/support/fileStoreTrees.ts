/**
 * Test helper: writes small synthetic `mlruns` trees into a temp folder, so legacy layouts and broken
 * stores can be tested without adding fixtures. Only tests import this file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** Relative path → file content. */
export type Tree = Record<string, string>;

export function makeTempDir(): string {
  return mkdtempSync(join(tmpdir(), 'runlens-filestore-'));
}

export function writeTree(root: string, tree: Tree): void {
  for (const [rel, content] of Object.entries(tree)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A modern (2.x) run meta.yaml; a field given as null is left out. */
export function runMeta(
  runId: string,
  experimentId: string,
  fields: Record<string, string | null> = {},
): string {
  const base: Record<string, string | null> = {
    artifact_uri: `file:///elsewhere/mlruns/${experimentId}/${runId}/artifacts`,
    end_time: '1717200005000',
    experiment_id: `'${experimentId}'`,
    lifecycle_stage: 'active',
    run_id: runId,
    run_name: `name-${runId}`,
    start_time: '1717200000000',
    status: '3',
    tags: '[]',
    user_id: 'alice',
    ...fields,
  };
  return Object.entries(base)
    .filter((kv): kv is [string, string] => kv[1] !== null)
    .map(([k, v]) => `${k}: ${v}\n`)
    .join('');
}

/** A modern experiment meta.yaml. */
export function experimentMeta(experimentId: string, name: string, lifecycle = 'active'): string {
  return `artifact_location: file:///elsewhere/mlruns/${experimentId}\nexperiment_id: '${experimentId}'\nlifecycle_stage: ${lifecycle}\nname: ${name}\n`;
}
