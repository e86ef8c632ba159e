/**
 * SQL LIKE / ILIKE: `%` matches any run of characters (newlines too), `_` exactly one.
 * MLflow's FileStore turns the pattern into a regex without escaping other regex characters (so
 * `a.b` also matches `axb` there); we follow the SQL stores, where only `%` and `_` are special.
 */
const cache = new Map<string, RegExp>();

function toRegExp(pattern: string, ignoreCase: boolean): RegExp {
  const cacheKey = (ignoreCase ? 'i:' : 's:') + pattern;
  let re = cache.get(cacheKey);
  if (re === undefined) {
    let source = '';
    for (const c of pattern) {
      if (c === '%') source += '.*';
      else if (c === '_') source += '.';
      // Only regex syntax characters may be escaped in unicode mode ('-' may not).
      else source += /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
    }
    re = new RegExp(`^${source}$`, ignoreCase ? 'isu' : 'su');
    if (cache.size > 500) cache.clear();
    cache.set(cacheKey, re);
  }
  return re;
}

/** Case-sensitive LIKE. */
export function like(value: string, pattern: string): boolean {
  return toRegExp(pattern, false).test(value);
}

/** Case-insensitive LIKE. */
export function ilike(value: string, pattern: string): boolean {
  return toRegExp(pattern, true).test(value);
}
