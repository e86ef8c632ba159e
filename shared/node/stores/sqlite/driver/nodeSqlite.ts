/**
 * The node:sqlite driver (`DatabaseSync`, Node >= 22.13 and Electron's Node): used when better-sqlite3
 * cannot load, or when RUNLENS_SQLITE_DRIVER=node. The module is passed in (see selectDriver), because
 * Node 20 has no `node:sqlite` and a static import would fail there.
 *
 * Where it differs from better-sqlite3, and what is done about it:
 * - Errors carry `errcode` (a number) instead of a SQLITE_* `code`: sqliteErrorCode reads both.
 * - An INTEGER beyond 2^53 throws ERR_OUT_OF_RANGE instead of coming back as an inexact number (18-digit
 *   experiment ids of stores migrated from a FileStore): the statement is re-run reading BigInts, which are
 *   turned into numbers, so rows are what better-sqlite3 returns. Ids are read with CAST(… AS TEXT), exact.
 * - There is no `deserialize`, so a WAL-mode file without -wal/-shm cannot be read from memory. It is
 *   opened with the URI parameter `immutable=1` instead, which creates nothing but also takes no locks
 *   and assumes nobody writes the file. That holds when it is opened (a WAL writer keeps its -wal and
 *   -shm while connected), and before every transaction the file and its companions are looked at again:
 *   once a writer shows up (a -shm appears, or the file changes) the database is reopened, read-only
 *   in the ordinary way when -wal and -shm both exist, else immutable again. Trade-off: a writer that
 *   starts mid-transaction is not noticed until the next one (a transaction is one answer, milliseconds),
 *   and a writer in `locking_mode=EXCLUSIVE` (no -shm ever) is only noticed by the file's size or mtime.
 *   Where node:sqlite does not take URI filenames (Node 22.13 does not, 24.9 does), a snapshot copy in
 *   the temp folder is read instead (walCopy.ts): never torn, never updated, like better-sqlite3's.
 * - BLOBs come back as Uint8Array instead of Buffer; MLflow's schema has no BLOB column Runlens reads.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  OPEN_PRAGMAS,
  sqliteErrorCode,
  type Bindable,
  type SqliteDatabase,
  type SqliteDriver,
  type SqliteStatement,
} from './types';
import { walFreeCopy, type WalFreeCopy } from './walCopy';

/** The parts of node:sqlite used here (@types/node for Node 20 does not declare the module). */
export interface NodeSqliteModule {
  DatabaseSync: new (path: string, options?: { readOnly?: boolean }) => DatabaseSyncLike;
}

interface DatabaseSyncLike {
  prepare(sql: string): StatementSyncLike;
  exec(sql: string): void;
  close(): void;
}

interface StatementSyncLike {
  all(...params: Bindable[]): unknown[];
  get(...params: Bindable[]): unknown;
  iterate(...params: Bindable[]): IterableIterator<unknown>;
  setReadBigInts(enabled: boolean): void;
}

/** What, when it changes, means a writer may have touched an immutably opened file. */
interface FileStamp {
  size: number;
  mtimeMs: number;
  wal: boolean;
  shm: boolean;
}

function stampOf(path: string): FileStamp {
  const { size, mtimeMs } = statSync(path);
  return { size, mtimeMs, wal: existsSync(`${path}-wal`), shm: existsSync(`${path}-shm`) };
}

function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.wal === b.wal && a.shm === b.shm;
}

function isOutOfRange(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === 'ERR_OUT_OF_RANGE';
}

function numbersOnly(row: unknown): unknown {
  if (row === undefined || row === null) return row;
  const values = row as Record<string, unknown>;
  for (const key of Object.keys(values)) {
    const value = values[key];
    // Inexact beyond 2^53, exactly as better-sqlite3 returns such values.
    if (typeof value === 'bigint') values[key] = Number(value);
  }
  return row;
}

class NodeSqliteStatement implements SqliteStatement {
  private stmt: StatementSyncLike;
  private generation: number;
  private bigInts = false;

  constructor(
    private readonly db: NodeSqliteDatabase,
    private readonly sql: string,
  ) {
    this.stmt = db.handle.prepare(sql);
    this.generation = db.generation;
  }

  all(params: readonly Bindable[]): unknown[] {
    return this.read(
      (s) => s.all(...params),
      (rows) => rows.map(numbersOnly),
    );
  }

  get(params: readonly Bindable[]): unknown {
    return this.read((s) => s.get(...params), numbersOnly);
  }

  *iterate(params: readonly Bindable[]): IterableIterator<unknown> {
    let done = 0;
    if (!this.bigInts) {
      try {
        for (const row of this.current().iterate(...params)) {
          yield row;
          done++;
        }
        return;
      } catch (err) {
        if (!isOutOfRange(err)) throw err;
        this.readBigInts();
      }
    }
    // Started over reading BigInts: the same statement in the same transaction returns the same rows in
    // the same order, so the ones already yielded are skipped.
    for (const row of this.current().iterate(...params)) {
      if (done > 0) done--;
      else yield numbersOnly(row);
    }
  }

  private read<T>(query: (stmt: StatementSyncLike) => T, convert: (result: T) => T): T {
    if (!this.bigInts) {
      try {
        return query(this.current());
      } catch (err) {
        if (!isOutOfRange(err)) throw err;
        this.readBigInts();
      }
    }
    return convert(query(this.current()));
  }

  private readBigInts(): void {
    this.bigInts = true;
    this.current().setReadBigInts(true);
  }

  /** The statement on the database's current handle (it changes when an immutable file is reopened). */
  private current(): StatementSyncLike {
    if (this.generation !== this.db.generation) {
      this.stmt = this.db.handle.prepare(this.sql);
      this.stmt.setReadBigInts(this.bigInts);
      this.generation = this.db.generation;
    }
    return this.stmt;
  }
}

class NodeSqliteDatabase implements SqliteDatabase {
  readonly driver = 'node:sqlite';
  handle: DatabaseSyncLike;
  /** Bumped on every reopen, so statements prepare themselves again on the new handle. */
  generation = 0;
  private depth = 0;
  private closed = false;
  /** Set while the file is open immutable: what it looked like then. */
  private stamp: FileStamp | undefined;
  /** Set when reading a snapshot copy (no URI filenames in this Node); removed on close. */
  private snapshot: WalFreeCopy | undefined;

  constructor(
    private readonly sqlite: NodeSqliteModule,
    private readonly path: string,
    immutable: boolean,
  ) {
    this.handle = immutable ? this.openImmutableOrCopy() : this.openPlain();
  }

  prepare(sql: string): SqliteStatement {
    return new NodeSqliteStatement(this, sql);
  }

  transaction<T>(fn: () => T): T {
    if (this.depth > 0) return this.nested(fn);
    this.reopenIfWritten();
    this.handle.exec('BEGIN DEFERRED');
    let result: T;
    try {
      result = this.nested(fn);
    } catch (err) {
      this.rollback();
      throw err;
    }
    try {
      this.handle.exec('COMMIT');
    } catch (err) {
      this.rollback();
      throw err;
    }
    return result;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.handle.close();
    } finally {
      this.snapshot?.remove();
    }
  }

  private nested<T>(fn: () => T): T {
    this.depth++;
    try {
      return fn();
    } finally {
      this.depth--;
    }
  }

  private rollback(): void {
    try {
      this.handle.exec('ROLLBACK');
    } catch {
      // SQLite already ended the transaction (it does on some errors): nothing left to undo.
    }
  }

  /** Every handle gets the read pragmas (types.ts), reopened ones included. */
  private tuned(handle: DatabaseSyncLike): DatabaseSyncLike {
    try {
      for (const pragma of OPEN_PRAGMAS) handle.exec(pragma);
    } catch (err) {
      handle.close();
      throw err;
    }
    return handle;
  }

  private openPlain(): DatabaseSyncLike {
    this.stamp = undefined;
    // Absolute, so that a relative path starting with "file:" is not taken for a URI.
    return this.tuned(new this.sqlite.DatabaseSync(resolve(this.path), { readOnly: true }));
  }

  private openImmutable(): DatabaseSyncLike {
    this.stamp = stampOf(this.path);
    const uri = pathToFileURL(resolve(this.path));
    uri.searchParams.set('immutable', '1');
    return this.tuned(new this.sqlite.DatabaseSync(uri.href, { readOnly: true }));
  }

  private openImmutableOrCopy(): DatabaseSyncLike {
    try {
      return this.openImmutable();
    } catch (err) {
      // The file exists and is readable (openDatabase checked), so CANTOPEN here means the URI was taken
      // for a file name: this Node opens SQLite without URI filenames.
      if (sqliteErrorCode(err) !== 'SQLITE_CANTOPEN') throw err;
    }
    this.stamp = undefined;
    this.snapshot = walFreeCopy(this.path);
    try {
      return this.tuned(new this.sqlite.DatabaseSync(this.snapshot.path, { readOnly: true }));
    } catch (err) {
      this.snapshot.remove();
      throw err;
    }
  }

  /** See the file comment: an immutable handle is replaced once the file may have been written. */
  private reopenIfWritten(): void {
    if (!this.stamp || this.closed) return;
    let now: FileStamp;
    try {
      now = stampOf(this.path);
    } catch {
      return; // gone or unreadable: the open handle keeps answering from what it has
    }
    if (sameStamp(now, this.stamp)) return;
    const next = now.wal && now.shm ? this.openPlain() : this.openImmutable();
    this.handle.close();
    this.handle = next;
    this.generation++;
  }
}

export function nodeSqliteDriver(sqlite: NodeSqliteModule): SqliteDriver {
  // node:sqlite sets no busy timeout unless asked, so a lock surfaces at once as SQLITE_BUSY.
  return {
    name: 'node:sqlite',
    openReadOnly: (path) => new NodeSqliteDatabase(sqlite, path, false),
    openWithoutWalFiles: (path) => new NodeSqliteDatabase(sqlite, path, true),
  };
}
