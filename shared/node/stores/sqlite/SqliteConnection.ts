/**
 * The one read-only connection of a SqliteStore, with what it knows about the schema.
 *
 * Every read goes through `read(fn)`: `fn` runs inside one read transaction (so the several queries of one
 * answer see the same snapshot even while a training job writes), and is retried with backoff while a
 * writer holds a lock (SQLITE_BUSY), up to `busyTimeoutMs`; then it fails with BUSY. Corruption found
 * while reading becomes STORE_UNREADABLE naming the path.
 *
 * The database comes from either SQLite driver (driver/types.ts); a better-sqlite3 `Database` is still
 * accepted as it is.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from '../../../common/errors';
import { wrapBetterSqlite3 } from './driver/betterSqlite3';
import {
  sqliteErrorCode,
  type Bindable,
  type SqliteDatabase,
  type SqliteDriverName,
  type SqliteStatement,
} from './driver/types';
import { SqliteSchema } from './SqliteSchema';

export const DEFAULT_BUSY_TIMEOUT_MS = 3000;
const FIRST_BACKOFF_MS = 20;
const MAX_BACKOFF_MS = 400;
const MAX_CACHED_STATEMENTS = 200;

export type { Bindable } from './driver/types';

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function isBusy(err: unknown): boolean {
  const code = sqliteErrorCode(err);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

export class SqliteConnection {
  readonly schema: SqliteSchema;
  private readonly statements = new Map<string, SqliteStatement>();
  private readonly db: SqliteDatabase;

  constructor(
    db: SqliteDatabase | BetterSqlite3.Database,
    readonly path: string,
    private readonly busyTimeoutMs: number = DEFAULT_BUSY_TIMEOUT_MS,
  ) {
    this.db = 'driver' in db ? db : wrapBetterSqlite3(db);
    this.schema = new SqliteSchema(this);
  }

  /** Which SQLite driver reads this database. */
  get driver(): SqliteDriverName {
    return this.db.driver;
  }

  /** Runs `fn` in one read transaction, retrying while the database is locked (see the file comment). */
  async read<T>(fn: () => T): Promise<T> {
    const deadline = Date.now() + this.busyTimeoutMs;
    let backoff = FIRST_BACKOFF_MS;
    for (;;) {
      try {
        return this.db.transaction(fn);
      } catch (err) {
        if (!isBusy(err)) throw this.translate(err);
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new StoreError(
            'BUSY',
            `The database is locked by another process (a training job writing?): ${this.path} stayed locked for ` +
              `${Math.round(this.busyTimeoutMs / 1000)} s. Try again when the writer is done.`,
            { cause: err },
          );
        }
        await sleep(Math.min(backoff, left));
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  /** All rows of a query. Only call inside `read`. */
  all<T>(sql: string, params: readonly Bindable[] = []): T[] {
    return this.statement(sql).all(params) as T[];
  }

  /** First row of a query, undefined when none. Only call inside `read`. */
  get<T>(sql: string, params: readonly Bindable[] = []): T | undefined {
    return this.statement(sql).get(params) as T | undefined;
  }

  /** Rows one at a time, for results too big to hold at once. Only call, and finish, inside `read`. */
  iterate<T>(sql: string, params: readonly Bindable[] = []): IterableIterator<T> {
    return this.statement(sql).iterate(params) as IterableIterator<T>;
  }

  close(): void {
    this.statements.clear();
    this.db.close();
  }

  private statement(sql: string): SqliteStatement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      // IN lists of every length make distinct statements: keep the cache bounded.
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private translate(err: unknown): unknown {
    if (err instanceof StoreError) return err;
    const code = sqliteErrorCode(err);
    if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
      return new StoreError(
        'STORE_UNREADABLE',
        `${this.path} is corrupted: ${(err as Error).message}`,
        { cause: err },
      );
    }
    if (code.startsWith('SQLITE_READONLY')) {
      // e.g. a hot -journal left by a crashed writer: only a writable connection may roll it back.
      return new StoreError(
        'STORE_UNREADABLE',
        `${this.path} needs recovery that a read-only reader cannot do (${(err as Error).message}); ` +
          "open it once with MLflow or sqlite3 so the crashed writer's transaction is rolled back",
        { cause: err },
      );
    }
    if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_CANTOPEN')) {
      return new StoreError(
        'STORE_UNREADABLE',
        `Cannot read ${this.path}: ${(err as Error).message}`,
        { cause: err },
      );
    }
    return err;
  }
}
