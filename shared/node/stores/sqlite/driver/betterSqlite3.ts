/**
 * The better-sqlite3 driver: the default, and what Runlens always used. Its module is passed in (see
 * selectDriver), never imported here, so that a missing or wrongly built addon fails only this driver.
 */
import type BetterSqlite3 from 'better-sqlite3';
import {
  OPEN_PRAGMAS,
  type Bindable,
  type SqliteDatabase,
  type SqliteDriver,
  type SqliteStatement,
} from './types';
import { walFreeImage } from './walImage';

export type BetterSqlite3Module = typeof BetterSqlite3;

class BetterSqlite3Database implements SqliteDatabase {
  readonly driver = 'better-sqlite3';
  private readonly deferred: <T>(fn: () => T) => T;

  constructor(private readonly db: BetterSqlite3.Database) {
    const txn = db.transaction((fn: () => unknown) => fn());
    this.deferred = <T>(fn: () => T): T => txn.deferred(fn) as T;
  }

  prepare(sql: string): SqliteStatement {
    const stmt = this.db.prepare<Bindable[]>(sql);
    return {
      all: (params) => stmt.all(...params),
      get: (params) => stmt.get(...params),
      iterate: (params) => stmt.iterate(...params),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.deferred(fn);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

/** Wraps a database opened by better-sqlite3 (SqliteConnection still accepts those). */
export function wrapBetterSqlite3(db: BetterSqlite3.Database): SqliteDatabase {
  return new BetterSqlite3Database(db);
}

function tuned(db: BetterSqlite3.Database): SqliteDatabase {
  for (const pragma of OPEN_PRAGMAS) db.exec(pragma);
  return new BetterSqlite3Database(db);
}

export function betterSqlite3Driver(Database: BetterSqlite3Module): SqliteDriver {
  return {
    name: 'better-sqlite3',
    // timeout 0: a lock held by a writer surfaces at once as SQLITE_BUSY, and SqliteConnection retries
    // asynchronously instead of blocking the event loop in sqlite3_busy_timeout.
    openReadOnly: (path) =>
      tuned(new Database(path, { readonly: true, fileMustExist: true, timeout: 0 })),
    // A snapshot in memory: never sees later writes, never sees a torn file either.
    openWithoutWalFiles: (path) => tuned(new Database(walFreeImage(path), { readonly: true })),
  };
}
