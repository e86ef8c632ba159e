/**
 * The little of SQLite that SqliteConnection needs, so that two engines can serve it: better-sqlite3
 * (a native addon, tied to one Node ABI) and Node's built-in `node:sqlite` (Node >= 22.13, and the Node
 * inside Electron, where a better-sqlite3 built for the system Node cannot load).
 *
 * Both give the same guarantees: read-only, no file ever created beside the database, no busy wait inside
 * SQLite (a lock surfaces at once as SQLITE_BUSY and the caller retries), rows as plain column→value
 * objects with INTEGERs as JS numbers and NULL as null.
 */

/** A value bound to a `?`. Numbers bind as REAL in both drivers; bigints as INTEGER. */
export type Bindable = string | number | bigint | null;

export type SqliteDriverName = 'better-sqlite3' | 'node:sqlite';

export interface SqliteStatement {
  all(params: readonly Bindable[]): unknown[];
  /** The first row, undefined when none. */
  get(params: readonly Bindable[]): unknown;
  /** Rows one at a time; leaving the loop early releases the statement. */
  iterate(params: readonly Bindable[]): IterableIterator<unknown>;
}

export interface SqliteDatabase {
  readonly driver: SqliteDriverName;
  prepare(sql: string): SqliteStatement;
  /**
   * Runs `fn` in one deferred transaction (no lock until the first read, so a read-only connection can
   * always begin); a call inside another joins it. Rolled back when `fn` throws.
   */
  transaction<T>(fn: () => T): T;
  /** Idempotent. */
  close(): void;
}

export interface SqliteDriver {
  readonly name: SqliteDriverName;
  /** Opens an existing file read-only, without waiting on locks. */
  openReadOnly(path: string): SqliteDatabase;
  /**
   * Opens a WAL-mode file whose `-wal`/`-shm` companions are absent without creating them (SQLite would,
   * even read-only). What is still in a lone `-wal` file is not seen. Each driver's way and its trade-off
   * are described where it is implemented.
   */
  openWithoutWalFiles(path: string): SqliteDatabase;
}

/**
 * Set on every connection right after it is opened (and reopened): none of them writes anything, to the
 * file or beside it, and none reads it, so a writer's lock cannot fail the open. mmap reads pages
 * without copying them through the page cache; temp_store keeps sorters and temp b-trees (a metric
 * series' GROUP BY, ORDER BY of a search) out of temp files; query_only makes any write a statement
 * error even if a bug tried one. Connection settings, lost on reopen: hence in the drivers.
 */
export const OPEN_PRAGMAS: readonly string[] = [
  'PRAGMA mmap_size = 268435456',
  'PRAGMA temp_store = MEMORY',
  'PRAGMA query_only = 1',
];

// No larger page cache: measured on the 100k-run bench, a 64 MiB cache made the first search of a
// fresh process ~20 ms slower (page memory allocated rather than reused) and only sped up 1M-point
// SQLite series, which miss their target either way.

/** SQLite's primary result codes, by number (https://sqlite.org/rescode.html), for node:sqlite's `errcode`. */
const PRIMARY_CODES: Record<number, string> = {
  1: 'ERROR',
  2: 'INTERNAL',
  3: 'PERM',
  4: 'ABORT',
  5: 'BUSY',
  6: 'LOCKED',
  7: 'NOMEM',
  8: 'READONLY',
  9: 'INTERRUPT',
  10: 'IOERR',
  11: 'CORRUPT',
  12: 'NOTFOUND',
  13: 'FULL',
  14: 'CANTOPEN',
  15: 'PROTOCOL',
  16: 'EMPTY',
  17: 'SCHEMA',
  18: 'TOOBIG',
  19: 'CONSTRAINT',
  20: 'MISMATCH',
  21: 'MISUSE',
  22: 'NOLFS',
  23: 'AUTH',
  24: 'FORMAT',
  25: 'RANGE',
  26: 'NOTADB',
};

/**
 * The SQLite result code of an error from either driver as better-sqlite3 spells it (`SQLITE_BUSY`,
 * `SQLITE_IOERR_SHORT_READ`…), '' when it is not a SQLite error. better-sqlite3 sets `code` to that name;
 * node:sqlite sets `code: 'ERR_SQLITE_ERROR'` and the number in `errcode` (extended codes keep the primary
 * code in their low byte, so they map to the primary name: callers compare prefixes).
 */
export function sqliteErrorCode(err: unknown): string {
  if (typeof err !== 'object' || err === null) return '';
  const { code, errcode } = err as { code?: unknown; errcode?: unknown };
  if (typeof code === 'string' && code.startsWith('SQLITE_')) return code;
  if (typeof errcode === 'number') {
    const name = PRIMARY_CODES[errcode & 0xff];
    return name ? `SQLITE_${name}` : '';
  }
  return '';
}
