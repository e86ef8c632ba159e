/**
 * The SQLite engine under the index cache: better-sqlite3, else node:sqlite (the Node inside Electron has
 * it, while a better-sqlite3 built for the system Node cannot load there). Loaded on first use, never
 * imported statically: a broken native module costs the cache, never the FileStore. Both engines take
 * the same tiny surface used here.
 */

export type CacheValue = string | number | null;

export interface CacheStatement {
  run(...params: CacheValue[]): unknown;
  get(...params: CacheValue[]): unknown;
  all(...params: CacheValue[]): unknown[];
}

export interface CacheDb {
  exec(sql: string): void;
  prepare(sql: string): CacheStatement;
  close(): void;
}

type Opener = (path: string) => CacheDb;

function moduleRequire(): NodeJS.Require {
  // The bundles' own require (Electron main is CommonJS; the ESM CLI bundle defines one); Vitest gives
  // sources one too.
  if (typeof require !== 'function') throw new Error('no require() in this module context');
  return require;
}

function betterSqlite3(): Opener {
  const Database = moduleRequire()('better-sqlite3') as new (path: string) => CacheDb;
  // The addon loads on the first open: prove it here, where node:sqlite can still take over.
  new Database(':memory:').close();
  return (path) => new Database(path);
}

function nodeSqlite(): Opener {
  const sqlite = process.getBuiltinModule?.('node:sqlite') as
    { DatabaseSync?: new (path: string) => CacheDb } | undefined;
  const DatabaseSync = sqlite?.DatabaseSync;
  if (!DatabaseSync)
    throw new Error(`node:sqlite is not available in Node ${process.versions.node}`);
  return (path) => new DatabaseSync(path);
}

let opener: Opener | Error | undefined;

/** Opens (creating) a database file, or throws why no engine can. */
export function openCacheDb(path: string): CacheDb {
  if (opener === undefined) {
    const causes: string[] = [];
    for (const load of [betterSqlite3, nodeSqlite]) {
      try {
        opener = load();
        break;
      } catch (err) {
        causes.push(err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err));
      }
    }
    opener ??= new Error(`no SQLite engine for the index cache (${causes.join('; ')})`);
  }
  if (opener instanceof Error) throw opener;
  return opener(path);
}
