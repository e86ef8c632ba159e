/**
 * Read-only proof: hashes every file under test/fixtures before the whole suite and again after it,
 * and fails the run if any file was added, removed or changed (a -wal/-shm file, a cache, an edit).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, 'fixtures');

export function hashTree(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else
        out.set(
          relative(root, full),
          createHash('sha256').update(readFileSync(full)).digest('hex') +
            ':' +
            statSync(full).mode.toString(8),
        );
    }
  };
  walk(root);
  return out;
}

export function diffTrees(before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = [];
  for (const [path, hash] of before) {
    if (!after.has(path)) changes.push(`removed: ${path}`);
    else if (after.get(path) !== hash) changes.push(`changed: ${path}`);
  }
  for (const path of after.keys()) if (!before.has(path)) changes.push(`added: ${path}`);
  return changes;
}

let before: Map<string, string>;

export function setup(): () => void {
  before = hashTree(ROOT);
  // Stores made by the service (CLI tests) keep their index cache in RUNLENS_CACHE_DIR: a temp folder
  // for the run, never the developer's ~/.cache (test processes inherit this environment).
  const ownCache = process.env['RUNLENS_CACHE_DIR'] === undefined;
  if (ownCache)
    process.env['RUNLENS_CACHE_DIR'] = mkdtempSync(join(tmpdir(), 'runlens-test-cache-'));
  return () => {
    if (ownCache)
      rmSync(process.env['RUNLENS_CACHE_DIR'] as string, { recursive: true, force: true });
    const changes = diffTrees(before, hashTree(ROOT));
    if (changes.length > 0) {
      throw new Error(
        `Read-only violated: the test suite modified test/fixtures:\n  ${changes.slice(0, 20).join('\n  ')}`,
      );
    }
    console.log(`read-only check: ${before.size} fixture files unchanged`);
  };
}
