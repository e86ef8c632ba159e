/**
 * Opens an `mlflow.db` read-only after checking, cheaply and before SQLite sees it, that the path is a
 * whole SQLite file: so that a missing file, a folder, an empty or truncated file or random bytes each get
 * a message that says what is wrong with which path, instead of SQLite's terse "file is not a database".
 *
 * Never creates a file beside the database: a WAL-mode database whose `-wal`/`-shm` files are absent would
 * make SQLite create them even on a read-only connection, so such a file is opened the driver's other way
 * (better-sqlite3: read into memory; node:sqlite: immutable, see driver/nodeSqlite.ts).
 *
 * The driver is better-sqlite3, or node:sqlite where better-sqlite3 cannot load (driver/selectDriver.ts).
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { StoreError } from '../../../common/errors';
import { sqliteDriver } from './driver/selectDriver';
import { sqliteErrorCode, type SqliteDatabase, type SqliteDriver } from './driver/types';

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const HEADER_BYTES = 100;

export interface OpenedDatabase {
  db: SqliteDatabase;
  /** Set when changes still in a lone `-wal` file (no `-shm` beside it) cannot be shown. */
  note?: string;
}

function unreadable(path: string, why: string, cause?: unknown): StoreError {
  return new StoreError(
    'STORE_UNREADABLE',
    `Cannot open ${path}: ${why}`,
    cause === undefined ? undefined : { cause },
  );
}

interface Header {
  pageSize: number;
  pageCount: number | null;
  wal: boolean;
}

/** Parses the 100-byte SQLite header (https://sqlite.org/fileformat.html#the_database_header). */
function readHeader(path: string, size: number): Header {
  const buf = Buffer.alloc(HEADER_BYTES);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, buf, 0, HEADER_BYTES, 0);
  } finally {
    closeSync(fd);
  }
  if (size < HEADER_BYTES || buf.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw unreadable(path, 'it is not a SQLite database (corrupted, or another kind of file)');
  }
  const rawPageSize = buf.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    throw unreadable(path, 'its SQLite header is corrupted (invalid page size)');
  }
  // The in-header page count is only valid when the two change counters agree (SQLite >= 3.7.0 writers).
  const countValid = buf.readUInt32BE(24) === buf.readUInt32BE(92) && buf.readUInt32BE(28) > 0;
  return {
    pageSize,
    pageCount: countValid ? buf.readUInt32BE(28) : null,
    wal: buf[18] === 2 || buf[19] === 2,
  };
}

function checkFile(path: string): Header {
  let info;
  try {
    info = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw unreadable(path, 'the file does not exist', err);
    throw unreadable(path, (err as Error).message, err);
  }
  if (info.isDirectory()) throw unreadable(path, 'it is a folder, not an mlflow.db file');
  if (!info.isFile()) throw unreadable(path, 'it is not a regular file');
  if (info.size === 0)
    throw unreadable(path, 'the file is empty (0 bytes), not an MLflow database');
  let header;
  try {
    header = readHeader(path, info.size);
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw unreadable(path, (err as Error).message, err);
  }
  if (header.pageCount !== null && info.size < header.pageCount * header.pageSize) {
    throw unreadable(
      path,
      `the file is truncated (${info.size} bytes, its header says ${header.pageCount * header.pageSize}); copy it again`,
    );
  }
  return header;
}

/** Maps an error from the driver's open to a StoreError naming the path. */
function openError(path: string, err: unknown): StoreError {
  const code = sqliteErrorCode(err);
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return unreadable(path, 'it is not a SQLite database or it is corrupted', err);
  }
  if (
    code.startsWith('SQLITE_CANTOPEN') ||
    code.startsWith('SQLITE_PERM') ||
    code.startsWith('SQLITE_AUTH')
  ) {
    return unreadable(
      path,
      `SQLite cannot open it (${(err as Error).message}); check the file permissions`,
      err,
    );
  }
  return unreadable(path, (err as Error).message, err);
}

/**
 * Opens `path` read-only (see the file comment) with `driver` (default: the one chosen for this process);
 * throws STORE_UNREADABLE naming the path, or naming why no driver could load.
 */
export function openDatabase(path: string, driver?: SqliteDriver): OpenedDatabase {
  const header = checkFile(path);
  const use = driver ?? sqliteDriver();
  const wal = existsSync(`${path}-wal`);
  const companions = wal && existsSync(`${path}-shm`);
  try {
    // SQLite opens a `-wal` it finds beside the file whatever the header's journal mode says (and then
    // creates the `-shm`): a lone `-wal` beside a rollback-mode file is read the same way (found by
    // test/fuzz).
    if ((header.wal || wal) && !companions) {
      const db = use.openWithoutWalFiles(path);
      if (!existsSync(`${path}-wal`)) return { db };
      return {
        db,
        note: `${path}-wal exists without ${path}-shm: changes still in the WAL are not shown`,
      };
    }
    return { db: use.openReadOnly(path) };
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw openError(path, err);
  }
}
