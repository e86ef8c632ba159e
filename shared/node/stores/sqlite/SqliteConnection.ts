/**
 * The one read-only connection of a SqliteStore, with what it knows about the schema.
 *
 * Every read goes through `read(fn)`: `fn` runs inside one read transaction (so the several queries of one
 * answer see the same snapshot even while a training job writes), and is retried with backoff while a
 * writer holds a lock (SQLITE_BUSY), up to `busyTimeoutMs`; then it fails with BUSY. Corruption found
 * while reading becomes STORE_UNREADABLE naming the path.
 */
import type Database from 'better-sqlite3';
import { StoreError } from '../../../common/errors';
import { SqliteSchema } from './SqliteSchema';

export const DEFAULT_BUSY_TIMEOUT_MS = 3000;
const FIRST_BACKOFF_MS = 20;
const MAX_BACKOFF_MS = 400;
const MAX_CACHED_STATEMENTS = 200;

type Bindable = string | number | bigint | null;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sqliteCode(err: unknown): string {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : '';
}

function isBusy(err: unknown): boolean {
  const code = sqliteCode(err);
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

export class SqliteConnection {
  readonly schema: SqliteSchema;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly transaction: <T>(fn: () => T) => T;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
    private readonly busyTimeoutMs: number = DEFAULT_BUSY_TIMEOUT_MS,
  ) {
    this.schema = new SqliteSchema(this);
    const txn = db.transaction((fn: () => unknown) => fn());
    // `deferred` takes no lock until the first read, so a read-only connection can always begin.
    this.transaction = <T>(fn: () => T): T => txn.deferred(fn) as T;
  }

  /** Runs `fn` in one read transaction, retrying while the database is locked (see the file comment). */
  async read<T>(fn: () => T): Promise<T> {
    const deadline = Date.now() + this.busyTimeoutMs;
    let backoff = FIRST_BACKOFF_MS;
    for (;;) {
      try {
        return this.transaction(fn);
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
    return this.statement(sql).all(...params) as T[];
  }

  /** First row of a query, undefined when none. Only call inside `read`. */
  get<T>(sql: string, params: readonly Bindable[] = []): T | undefined {
    return this.statement(sql).get(...params) as T | undefined;
  }

  close(): void {
    this.statements.clear();
    if (this.db.open) this.db.close();
  }

  private statement(sql: string): Database.Statement {
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
    const code = sqliteCode(err);
    if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
      return new StoreError('STORE_UNREADABLE', `${this.path} is corrupted: ${(err as Error).message}`, { cause: err });
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
      return new StoreError('STORE_UNREADABLE', `Cannot read ${this.path}: ${(err as Error).message}`, { cause: err });
    }
    return err;
  }
}
