/** Test helper: the artifacts folder of a run in a copied store tree (found by its run id). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function findRunArtifactsDir(root: string, runId: string): string {
  for (const exp of readdirSync(root)) {
    const dir = join(root, exp, runId, 'artifacts');
    try {
      readdirSync(dir);
      return dir;
    } catch {
      // not in this experiment
    }
  }
  throw new Error(`no artifacts folder for run ${runId} under ${root}`);
}
