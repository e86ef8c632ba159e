/**
 * A private copy, in the OS temp folder, of a WAL-mode database with the WAL flag cleared in the copy's
 * header: for node:sqlite where it cannot open `file:…?immutable=1` URIs (Node 22.13 opens SQLite without
 * URI filenames; 24.9 with) and has no `deserialize` either. It is a snapshot, like better-sqlite3's
 * in-memory image, but costs disk instead of memory, so it has no size limit.
 *
 * The copy is removed on close, and at the latest when the process exits normally; a crash leaves it
 * in the temp folder (private to the user: mkdtemp makes the folder 0700).
 */
import { closeSync, copyFileSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WalFreeCopy {
  readonly path: string;
  remove(): void;
}

const live = new Set<string>();
let exitHookInstalled = false;

function removeAll(): void {
  for (const dir of live) rmSync(dir, { recursive: true, force: true });
  live.clear();
}

export function walFreeCopy(path: string): WalFreeCopy {
  const dir = mkdtempSync(join(tmpdir(), 'runlens-sqlite-snapshot-'));
  live.add(dir);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', removeAll);
  }
  const remove = (): void => {
    live.delete(dir);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const copy = join(dir, 'snapshot.db');
    copyFileSync(path, copy);
    const fd = openSync(copy, 'r+');
    try {
      // Header bytes 18/19 are the file format write/read versions: 2 means WAL, 1 rollback journal.
      writeSync(fd, Buffer.from([1, 1]), 0, 2, 18);
    } finally {
      closeSync(fd);
    }
    return { path: copy, remove };
  } catch (err) {
    remove();
    throw err;
  }
}
