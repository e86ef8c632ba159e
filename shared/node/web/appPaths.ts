/**
 * Finds files shipped with the app (the built renderer, the demo store) from the running code.
 *
 * The same code runs from source (vitest: shared/node/web/*.ts), bundled into dist/cli.cjs, and maybe
 * bundled elsewhere under dist/, so no single relative path is right: walk up a few folders from this
 * module looking for the wanted path, and take the first that exists.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder of the running module (bundle or source); cwd when the bundle format hides it (CommonJS). */
function moduleDir(): string {
  try {
    const url = import.meta.url as string | undefined;
    if (typeof url === 'string' && url.startsWith('file:')) return dirname(fileURLToPath(url));
  } catch {
    // import.meta is empty in a CommonJS bundle
  }
  return process.cwd();
}

/** `<dir>/<relPath>` for this module's folder and up to four parents, nearest first. */
export function appPathCandidates(relPath: string, from: string = moduleDir()): string[] {
  const out: string[] = [];
  let dir = resolve(from);
  for (let i = 0; i < 5; i++) {
    out.push(join(dir, relPath));
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return out;
}

/** The first existing `relPath` near this module, or undefined. */
export function findAppPath(relPath: string, from?: string): string | undefined {
  return appPathCandidates(relPath, from).find((p) => existsSync(p));
}
