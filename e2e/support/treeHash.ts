/** A fingerprint of a folder tree, to prove the app wrote nothing into a store copy. */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Files above this are fingerprinted by size and mtime (a sparse 1 GiB file is not read). */
const READ_LIMIT = 64 * 1024 ** 2;

/** Every file and folder under `root` (paths, sizes, mtimes, contents) as one SHA-256. */
export function treeHash(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const st = statSync(path);
      hash.update(`${relative(root, path)}\0${st.size}\0${st.mtimeMs}\0`);
      if (st.isDirectory()) walk(path);
      else if (st.size <= READ_LIMIT) hash.update(readFileSync(path));
    }
  };
  walk(root);
  return hash.digest('hex');
}
