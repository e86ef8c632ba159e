/**
 * Where index caches live by default: $RUNLENS_CACHE_DIR, else $XDG_CACHE_HOME/runlens, else
 * ~/.cache/runlens (Electron passes its own userData/cache instead). Resolved only when asked: a
 * FileStore made without a cacheDir option keeps its index in memory and touches no user folder.
 */
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export const CACHE_DIR_ENV = 'RUNLENS_CACHE_DIR';

export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const own = env[CACHE_DIR_ENV];
  if (own) return own;
  // XDG: a relative value is invalid and must be ignored.
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && isAbsolute(xdg)) return join(xdg, 'runlens');
  return join(homedir(), '.cache', 'runlens');
}
