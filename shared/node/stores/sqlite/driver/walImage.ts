/**
 * A WAL-mode database file read into memory as a rollback-journal image, for drivers that can open a
 * database from bytes (better-sqlite3): a read-only connection on the file itself would create the
 * missing -wal/-shm files beside it.
 */
import { readFileSync, statSync } from 'node:fs';
import { StoreError } from '../../../../common/errors';

/** The in-memory fallback is for small stores only; bigger ones need their -wal/-shm. */
export const MAX_IN_MEMORY_BYTES = 512 * 1024 * 1024;

/** The whole file with the WAL flag in the copy's header cleared; throws STORE_UNREADABLE when too big. */
export function walFreeImage(path: string): Buffer {
  const size = statSync(path).size;
  if (size > MAX_IN_MEMORY_BYTES) {
    throw new StoreError(
      'STORE_UNREADABLE',
      `Cannot open ${path}: it is a WAL-mode database without its -wal/-shm files and too big (${size} bytes) to ` +
        'read into memory; open it once with sqlite3 (or MLflow) so the files exist, or run ' +
        '`PRAGMA journal_mode=DELETE` on a copy',
    );
  }
  const bytes = readFileSync(path);
  // Header bytes 18/19 are the file format write/read versions: 2 means WAL, 1 rollback journal.
  bytes[18] = 1;
  bytes[19] = 1;
  return bytes;
}
