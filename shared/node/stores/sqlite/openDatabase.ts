/**
 * Opens an `mlflow.db` read-only after checking, cheaply and before SQLite sees it, that the path is a
 * whole SQLite file: so that a missing file, a folder, an empty or truncated file or random bytes each get
 * a message that says what is wrong with which path, instead of SQLite's terse "file is not a database".
 *
 * Never creates a file beside the database: a WAL-mode database whose `-wal`/`-shm` files are absent would
 * make SQLite create them even on a read-only connection, so such a file is read into memory instead.
 */
import Database from 'better-sqlite3';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { StoreError } from '../../../common/errors';

const SQLITE_MAGIC = 'SQLite format 3\u0000';
const HEADER_BYTES = 100;
/** In-memory fallback for WAL files is for small stores only; bigger ones need their -wal/-shm. */
const MAX_IN_MEMORY_BYTES = 512 * 1024 * 1024;

export interface OpenedDatabase {
  db: Database.Database;
  /** Set when the database had to be read into memory (a WAL file without its -wal/-shm companions). */
  note?: string;
}

function unreadable(path: string, why: string, cause?: unknown): StoreError {
  return new StoreError('STORE_UNREADABLE', `Cannot open ${path}: ${why}`, cause === undefined ? undefined : { cause });
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
  return { pageSize, pageCount: countValid ? buf.readUInt32BE(28) : null, wal: buf[18] === 2 || buf[19] === 2 };
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
  if (info.size === 0) throw unreadable(path, 'the file is empty (0 bytes), not an MLflow database');
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

/** Maps an error from better-sqlite3's constructor to a StoreError naming the path. */
function openError(path: string, err: unknown): StoreError {
  const code = (err as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT')) {
    return unreadable(path, 'it is not a SQLite database or it is corrupted', err);
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH')) {
    return unreadable(path, `SQLite cannot open it (${(err as Error).message}); check the file permissions`, err);
  }
  return unreadable(path, (err as Error).message, err);
}

/** Opens `path` read-only (see the file comment); throws STORE_UNREADABLE naming the path. */
export function openDatabase(path: string): OpenedDatabase {
  const header = checkFile(path);
  const companions = existsSync(`${path}-wal`) && existsSync(`${path}-shm`);
  try {
    if (header.wal && !companions) {
      const db = new Database(readInMemory(path), { readonly: true });
      if (!existsSync(`${path}-wal`)) return { db };
      return { db, note: `${path}-wal exists without ${path}-shm: changes still in the WAL are not shown` };
    }
    // timeout 0: a lock held by a writer surfaces at once as SQLITE_BUSY, and the caller retries
    // asynchronously (withRetry) instead of blocking the event loop in sqlite3_busy_timeout.
    return { db: new Database(path, { readonly: true, fileMustExist: true, timeout: 0 }) };
  } catch (err) {
    if (err instanceof StoreError) throw err;
    throw openError(path, err);
  }
}

/** The whole file as a rollback-journal database image (the WAL flag in the copy's header cleared). */
function readInMemory(path: string): Buffer {
  const size = statSync(path).size;
  if (size > MAX_IN_MEMORY_BYTES) {
    throw unreadable(
      path,
      `it is a WAL-mode database without its -wal/-shm files and too big (${size} bytes) to read into memory; ` +
        'open it once with sqlite3 (or MLflow) so the files exist, or run `PRAGMA journal_mode=DELETE` on a copy',
    );
  }
  const bytes = readFileSync(path);
  bytes[18] = 1;
  bytes[19] = 1;
  return bytes;
}
