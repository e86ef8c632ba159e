/**
 * `path` relative to `base`, '/'-separated ('' for `base` itself). The index joins every path it asks
 * about from its root or a run folder, so a prefix cut is exact; path.relative, which resolves both
 * paths on every call, stays for anything else. It was a visible share of a warm open's main thread
 * (RunIndex, 2,000 runs) and ~7 % of a worker's time on a cold one (FingerprintBuilder, ~60,000 files).
 */
import { relative, sep } from 'node:path';

export function slashRelative(base: string, path: string): string {
  if (path === base) return '';
  const prefix = base.endsWith(sep) ? base : base + sep;
  const inside = path.startsWith(prefix) ? path.slice(prefix.length) : relative(base, path);
  return sep === '/' ? inside : inside.split(sep).join('/');
}
