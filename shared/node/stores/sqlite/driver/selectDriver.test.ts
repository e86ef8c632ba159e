/**
 * Which SQLite driver is chosen, with injected loaders (runs on any Node): better-sqlite3 first, node:sqlite
 * when it cannot load, RUNLENS_SQLITE_DRIVER forcing one, and one clear error naming every cause.
 */
import { describe, expect, it, vi } from 'vitest';
import { StoreError } from '../../../../common/errors';
import { chooseDriver, type DriverLoaders } from './selectDriver';
import { sqliteErrorCode, type SqliteDriver, type SqliteDriverName } from './types';

function fake(name: SqliteDriverName): SqliteDriver {
  const fail = (): never => {
    throw new Error('not for opening');
  };
  return { name, openReadOnly: fail, openWithoutWalFiles: fail };
}

const ABI_MISMATCH = new Error(
  "The module '/x/node_modules/better-sqlite3/build/Release/better_sqlite3.node'\n" +
    'was compiled against a different Node.js version using\nNODE_MODULE_VERSION 115. This version of Node.js requires\n' +
    'NODE_MODULE_VERSION 137. Please try re-compiling or re-installing',
);
const NO_NODE_SQLITE = new Error('not available in Node 20.19.0 (it needs Node >= 22.13)');

function loaders(better: SqliteDriver | Error, node: SqliteDriver | Error): DriverLoaders {
  const load = (result: SqliteDriver | Error) => () => {
    if (result instanceof Error) throw result;
    return result;
  };
  return { betterSqlite3: vi.fn(load(better)), nodeSqlite: vi.fn(load(node)) };
}

function failure(run: () => unknown): StoreError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  }
  throw new Error('expected a StoreError');
}

describe('chooseDriver', () => {
  it('uses better-sqlite3 when it loads, without touching node:sqlite', () => {
    const l = loaders(fake('better-sqlite3'), fake('node:sqlite'));
    expect(chooseDriver(undefined, l).name).toBe('better-sqlite3');
    expect(l.nodeSqlite).not.toHaveBeenCalled();
  });

  it('falls back to node:sqlite when better-sqlite3 cannot load (an ABI mismatch)', () => {
    const l = loaders(ABI_MISMATCH, fake('node:sqlite'));
    expect(chooseDriver(undefined, l).name).toBe('node:sqlite');
    expect(chooseDriver('', l).name).toBe('node:sqlite');
    expect(chooseDriver('auto', l).name).toBe('node:sqlite');
  });

  it('fails with STORE_UNREADABLE naming both causes, in one line, when neither loads', () => {
    const err = failure(() => chooseDriver(undefined, loaders(ABI_MISMATCH, NO_NODE_SQLITE)));
    expect(err.code).toBe('STORE_UNREADABLE');
    expect(err.message).toMatch(
      /^No SQLite driver available: better-sqlite3: The module .*NODE_MODULE_VERSION 115/,
    );
    expect(err.message).toContain(
      'or re-installing; node:sqlite: not available in Node 20.19.0 (it needs Node >= 22.13). ',
    );
    expect(err.message).toContain('npm rebuild better-sqlite3');
    expect(err.message).not.toContain('\n');
    expect((err.cause as AggregateError).errors).toEqual([ABI_MISMATCH, NO_NODE_SQLITE]);
  });

  it('RUNLENS_SQLITE_DRIVER=node uses node:sqlite even where better-sqlite3 loads, with no fallback', () => {
    const l = loaders(fake('better-sqlite3'), fake('node:sqlite'));
    expect(chooseDriver('node', l).name).toBe('node:sqlite');
    expect(chooseDriver('node:sqlite', l).name).toBe('node:sqlite');
    expect(l.betterSqlite3).not.toHaveBeenCalled();
    const err = failure(() =>
      chooseDriver('node', loaders(fake('better-sqlite3'), NO_NODE_SQLITE)),
    );
    expect(err.message).toMatch(
      /^No SQLite driver available \(RUNLENS_SQLITE_DRIVER=node\): node:sqlite: /,
    );
    expect(err.message).not.toContain('better-sqlite3:');
    expect(err.cause).toBe(NO_NODE_SQLITE);
  });

  it('RUNLENS_SQLITE_DRIVER=better-sqlite3 does not fall back', () => {
    const l = loaders(ABI_MISMATCH, fake('node:sqlite'));
    const err = failure(() => chooseDriver('better-sqlite3', l));
    expect(err.message).toMatch(
      /^No SQLite driver available \(RUNLENS_SQLITE_DRIVER=better-sqlite3\): better-sqlite3: /,
    );
    expect(l.nodeSqlite).not.toHaveBeenCalled();
  });

  it('rejects an unknown RUNLENS_SQLITE_DRIVER value, saying which are known', () => {
    const l = loaders(fake('better-sqlite3'), fake('node:sqlite'));
    const err = failure(() => chooseDriver('sqlite3', l));
    expect(err.code).toBe('STORE_UNREADABLE');
    expect(err.message).toBe(
      "RUNLENS_SQLITE_DRIVER=sqlite3 is not a SQLite driver: use 'node' or 'better-sqlite3', or leave it unset",
    );
    expect(l.betterSqlite3).not.toHaveBeenCalled();
  });
});

describe('sqliteErrorCode', () => {
  it("reads better-sqlite3's code names as they are", () => {
    expect(
      sqliteErrorCode(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })),
    ).toBe('SQLITE_BUSY');
    expect(sqliteErrorCode({ code: 'SQLITE_IOERR_SHORT_READ' })).toBe('SQLITE_IOERR_SHORT_READ');
  });

  it("maps node:sqlite's errcode numbers, extended ones to their primary code", () => {
    const nodeError = (errcode: number) =>
      Object.assign(new Error('x'), { code: 'ERR_SQLITE_ERROR', errcode, errstr: 'x' });
    expect(sqliteErrorCode(nodeError(5))).toBe('SQLITE_BUSY');
    expect(sqliteErrorCode(nodeError(5 | (2 << 8)))).toBe('SQLITE_BUSY'); // SQLITE_BUSY_SNAPSHOT
    expect(sqliteErrorCode(nodeError(6))).toBe('SQLITE_LOCKED');
    expect(sqliteErrorCode(nodeError(8))).toBe('SQLITE_READONLY');
    expect(sqliteErrorCode(nodeError(10 | (2 << 8)))).toBe('SQLITE_IOERR'); // SQLITE_IOERR_SHORT_READ
    expect(sqliteErrorCode(nodeError(11))).toBe('SQLITE_CORRUPT');
    expect(sqliteErrorCode(nodeError(14))).toBe('SQLITE_CANTOPEN');
    expect(sqliteErrorCode(nodeError(26))).toBe('SQLITE_NOTADB');
  });

  it('is empty for anything else', () => {
    for (const err of [
      new Error('x'),
      { code: 'ENOENT' },
      { code: 'ERR_OUT_OF_RANGE' },
      { errcode: 99 },
      null,
      'SQLITE_BUSY',
    ]) {
      expect(sqliteErrorCode(err)).toBe('');
    }
  });
});
