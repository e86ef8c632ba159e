/**
 * Which SQLite driver opens mlflow.db files: better-sqlite3 when it loads, else node:sqlite (Electron:
 * its Node has another ABI than the one better-sqlite3 was built for, and it has node:sqlite).
 * RUNLENS_SQLITE_DRIVER=node (or better-sqlite3) forces one, with no fallback.
 *
 * Both are loaded on first use and never imported statically: a broken better-sqlite3 must not stop the
 * app, and Node 20 has no node:sqlite. Bundles keep both external: `require` is the bundle's own (the
 * CommonJS Electron main, the ESM CLI's banner in scripts/build.mjs; Vitest provides one to sources),
 * and node:sqlite comes from process.getBuiltinModule, which esbuild leaves alone.
 */
import { StoreError } from '../../../../common/errors';
import { betterSqlite3Driver, type BetterSqlite3Module } from './betterSqlite3';
import { nodeSqliteDriver, type NodeSqliteModule } from './nodeSqlite';
import type { SqliteDriver } from './types';

export const DRIVER_ENV = 'RUNLENS_SQLITE_DRIVER';

export interface DriverLoaders {
  /** Returns the better-sqlite3 driver, or throws why it cannot load. */
  betterSqlite3(): SqliteDriver;
  /** Returns the node:sqlite driver, or throws why it cannot load. */
  nodeSqlite(): SqliteDriver;
}

type Choice = 'auto' | 'better-sqlite3' | 'node';

function parseChoice(setting: string | undefined): Choice {
  const value = (setting ?? '').trim().toLowerCase();
  if (value === '' || value === 'auto') return 'auto';
  if (value === 'node' || value === 'node:sqlite') return 'node';
  if (value === 'better-sqlite3') return 'better-sqlite3';
  throw new StoreError(
    'STORE_UNREADABLE',
    `${DRIVER_ENV}=${setting ?? ''} is not a SQLite driver: use 'node' or 'better-sqlite3', or leave it unset`,
  );
}

/** One line: addon errors (NODE_MODULE_VERSION …) span several, and the CLI reports errors in one. */
function oneLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}

/** The driver for `setting` (the RUNLENS_SQLITE_DRIVER value); STORE_UNREADABLE naming every cause. */
export function chooseDriver(setting: string | undefined, loaders: DriverLoaders): SqliteDriver {
  const choice = parseChoice(setting);
  const candidates: [string, () => SqliteDriver][] = [];
  if (choice !== 'node') candidates.push(['better-sqlite3', () => loaders.betterSqlite3()]);
  if (choice !== 'better-sqlite3') candidates.push(['node:sqlite', () => loaders.nodeSqlite()]);
  const causes: string[] = [];
  const errors: unknown[] = [];
  for (const [name, load] of candidates) {
    try {
      return load();
    } catch (err) {
      causes.push(`${name}: ${oneLine(err)}`);
      errors.push(err);
    }
  }
  const forced = choice === 'auto' ? '' : ` (${DRIVER_ENV}=${setting ?? ''})`;
  throw new StoreError(
    'STORE_UNREADABLE',
    `No SQLite driver available${forced}: ${causes.join('; ')}. SQLite stores need better-sqlite3 built for ` +
      'this runtime (npm rebuild better-sqlite3), or Node >= 22.13 for node:sqlite',
    { cause: errors.length === 1 ? errors[0] : new AggregateError(errors) },
  );
}

function moduleRequire(): NodeJS.Require {
  if (typeof require !== 'function') throw new Error('no require() in this module context');
  return require;
}

/** Runs `load` without node:sqlite's "SQLite is an experimental feature" warning on stderr. */
function withoutSqliteWarning<T>(load: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = function (
    this: unknown,
    warning: string | Error,
    ...rest: unknown[]
  ): void {
    const text = typeof warning === 'string' ? warning : warning.message;
    const type =
      typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: unknown } | undefined)?.type;
    if (type === 'ExperimentalWarning' && text.includes('SQLite')) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    return load();
  } finally {
    process.emitWarning = emitWarning;
  }
}

/**
 * better-sqlite3, once its native addon is proven to load in this runtime: the addon is only required on
 * the first `new Database()`, so an ABI mismatch (NODE_MODULE_VERSION) would otherwise surface on the
 * first store opened instead of here, where node:sqlite can take over.
 */
export function requireBetterSqlite3(): BetterSqlite3Module {
  const Database = moduleRequire()('better-sqlite3') as BetterSqlite3Module;
  new Database(':memory:').close();
  return Database;
}

/** node:sqlite, or throws when this Node has none. */
export function requireNodeSqlite(): NodeSqliteModule {
  const sqlite = withoutSqliteWarning(
    () => process.getBuiltinModule?.('node:sqlite') as NodeSqliteModule | undefined,
  );
  if (!sqlite?.DatabaseSync) {
    throw new Error(`not available in Node ${process.versions.node} (it needs Node >= 22.13)`);
  }
  return sqlite;
}

export const defaultLoaders: DriverLoaders = {
  betterSqlite3: () => betterSqlite3Driver(requireBetterSqlite3()),
  nodeSqlite: () => nodeSqliteDriver(requireNodeSqlite()),
};

let cached: { setting: string | undefined; driver?: SqliteDriver; error?: unknown } | undefined;

/** The driver for this process (chosen once per RUNLENS_SQLITE_DRIVER value; a failure is remembered too). */
export function sqliteDriver(): SqliteDriver {
  const setting = process.env[DRIVER_ENV];
  if (!cached || cached.setting !== setting) {
    try {
      cached = { setting, driver: chooseDriver(setting, defaultLoaders) };
    } catch (error) {
      cached = { setting, error };
    }
  }
  if (cached.driver) return cached.driver;
  throw cached.error;
}
