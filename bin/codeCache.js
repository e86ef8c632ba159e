// Loads a CommonJS bundle (dist/cli.cjs) the way Node's `require` would, but compiled with V8's code
// cache: a `runlens` command is a short process, and compiling its ~900 kB bundle (the top level, then
// each function on its first call) was ~25 ms of it. Node 20 offers no code cache for ES modules, or a
// compile cache of its own (`module.enableCompileCache`, Node 22), hence a CommonJS bundle and vm.Script.
//
// The cache is a file beside the bundle, named after a hash of the bundle's text (V8 checks only the
// source's length before it trusts cached code, so a rebuilt bundle must never meet an older cache) and
// a variant: one per command, since a cache holds the functions compiled until it was made, and those
// of `runs` are not those of `serve`. It is written once a command has run, and only where the bundle's
// folder is writable; a cache V8 rejects (another Node, other V8 flags) is written anew. Nothing here
// can stop the command: without a cache the bundle is simply compiled. A cache is code: it lives only
// beside the bundle, where whoever could change it could change the bundle itself.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** What Node wraps a CommonJS module's text in. */
const wrap = (source) =>
  `(function (exports, require, module, __filename, __dirname) { ${source}\n});`;

/**
 * Runs `file` as a CommonJS module, with the cache of `variant` (letters and '-'). Returns its exports,
 * whether a cache was used, and `saveCache()`, which writes one once when none was used (true when it
 * did) and removes the caches of other texts of the bundle.
 */
export function loadWithCodeCache(file, variant = 'default') {
  if (!/^[a-z]+(-[a-z]+)*$/.test(variant)) throw new Error(`not a code cache variant: ${variant}`);
  const source = readFileSync(file, 'utf8');
  const dir = dirname(file);
  const prefix = `.${basename(file)}.`;
  const key = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const cacheFile = join(dir, `${prefix}${key}.${variant}.v8cache`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(wrap(source), { filename: file, cachedData });
  const cacheUsed = cachedData !== undefined && script.cachedDataRejected === false;
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dir);
  module.loaded = true;
  let saved = cacheUsed;
  return {
    exports: module.exports,
    cacheUsed,
    saveCache() {
      if (saved) return false;
      saved = true;
      const temp = `${cacheFile}.${process.pid}.tmp`;
      try {
        writeFileSync(temp, script.createCachedData());
        // Renamed into place: another command reading it meanwhile sees all of it or nothing.
        renameSync(temp, cacheFile);
        for (const name of readdirSync(dir)) {
          if (
            name.startsWith(prefix) &&
            name.endsWith('.v8cache') &&
            !name.startsWith(`${prefix}${key}.`)
          )
            rmSync(join(dir, name), { force: true });
        }
        return true;
      } catch {
        rmSync(temp, { force: true });
        return false;
      }
    },
  };
}
