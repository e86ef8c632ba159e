/**
 * The same guarantees from both SQLite drivers, each tested where it loads: better-sqlite3 under the Node
 * it was built for (Node 20 here), node:sqlite from Node 22.13 (run the suite with a Node 24 binary to
 * cover it; the other is then skipped). Databases are made in a temp folder by a writable connection.
 */
import { readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../../../test/support/sqlite';
import { betterSqlite3Driver } from './betterSqlite3';
import { nodeSqliteDriver, type NodeSqliteModule } from './nodeSqlite';
import { requireBetterSqlite3, requireNodeSqlite } from './selectDriver';
import { openTestWriter } from '../../../../../test/support/sqliteWriter';
import { sqliteErrorCode, type SqliteDatabase, type SqliteDriver } from './types';
import { walFreeCopy } from './walCopy';

function tryLoad<T>(load: () => T): T | undefined {
  try {
    return load();
  } catch {
    return undefined;
  }
}

const nodeSqlite = tryLoad(requireNodeSqlite);

/** node:sqlite as Node 22.13 has it (24.9 does not): a `file:` URI is taken for a (missing) file name. */
function withoutUris(sqlite: NodeSqliteModule): NodeSqliteModule {
  const Real = sqlite.DatabaseSync;
  return {
    DatabaseSync: class extends Real {
      constructor(path: string, options?: { readOnly?: boolean }) {
        if (path.startsWith('file:')) {
          throw Object.assign(new Error('unable to open database file'), {
            code: 'ERR_SQLITE_ERROR',
            errcode: 14,
          });
        }
        super(path, options);
      }
    },
  };
}

/** Whether this Node's node:sqlite opens `file:` URIs (where it does not, WAL files are read from a copy). */
function takesUris(sqlite: NodeSqliteModule, path: string): boolean {
  try {
    new sqlite.DatabaseSync(`${pathToFileURL(path).href}?mode=ro`, { readOnly: true }).close();
    return true;
  } catch {
    return false;
  }
}

function snapshotDirs(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('runlens-sqlite-snapshot-'));
}

const drivers: [string, SqliteDriver | undefined][] = [
  ['better-sqlite3', tryLoad(() => betterSqlite3Driver(requireBetterSqlite3()))],
  ['node:sqlite', nodeSqlite && nodeSqliteDriver(nodeSqlite)],
  ['node:sqlite without URI filenames', nodeSqlite && nodeSqliteDriver(withoutUris(nodeSqlite))],
];

const BIG = 656436255107610868n; // an 18-digit experiment id of a store migrated from a FileStore

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe.each(drivers)('SQLite driver %s', (name, driver) => {
  let dir: string;
  let cleanup: () => void;
  let path: string;
  const open: SqliteDatabase[] = [];
  const use = (db: SqliteDatabase): SqliteDatabase => (open.push(db), db);

  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    path = join(dir, 'mlflow.db');
    const w = openTestWriter(path);
    w.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, big INTEGER, r REAL, s TEXT, n TEXT);
      INSERT INTO t VALUES (1, 2, 0.5, 'a', NULL), (2, ${BIG}, -1.25, 'b', NULL), (3, 3, 1e300, 'c', 'x');`);
    w.close();
  });
  afterEach(() => {
    open.splice(0).forEach((db) => db.close());
    cleanup();
  });

  it.skipIf(!driver)('is the one it says', () => {
    expect(name).toContain(use(driver!.openReadOnly(path)).driver);
  });

  it.skipIf(!driver)('returns rows as column → value, INTEGER as numbers, NULL as null', () => {
    const db = use(driver!.openReadOnly(path));
    const row = db.prepare('SELECT id, big, r, s, n FROM t WHERE id = ?').get([1]);
    expect({ ...(row as object) }).toEqual({ id: 1, big: 2, r: 0.5, s: 'a', n: null });
    expect(db.prepare('SELECT id FROM t WHERE id = ?').get([99])).toBeUndefined();
    expect(db.prepare('SELECT count(*) AS c, max(r) AS m FROM t').get([])).toMatchObject({
      c: 3,
      m: 1e300,
    });
  });

  it.skipIf(!driver)(
    'returns INTEGERs beyond 2^53 as inexact numbers (exact with CAST AS TEXT), in all, get and iterate',
    () => {
      const db = use(driver!.openReadOnly(path));
      const all = db.prepare('SELECT id, big FROM t ORDER BY id');
      expect(all.all([]).map((r) => (r as { big: number }).big)).toEqual([2, Number(BIG), 3]);
      expect(all.all([])).toHaveLength(3); // again, once it knows
      expect(db.prepare('SELECT big FROM t WHERE id = 2').get([])).toEqual(
        expect.objectContaining({ big: Number(BIG) }),
      );
      // The big value comes second: rows already yielded are not repeated when reading starts over.
      const seen = [...db.prepare('SELECT id, big FROM t ORDER BY id').iterate([])].map((r) => ({
        ...(r as object),
      }));
      expect(seen).toEqual([
        { id: 1, big: 2 },
        { id: 2, big: Number(BIG) },
        { id: 3, big: 3 },
      ]);
      expect(db.prepare('SELECT CAST(big AS TEXT) AS b FROM t WHERE id = 2').get([])).toMatchObject(
        { b: String(BIG) },
      );
    },
  );

  it.skipIf(!driver)(
    'caches nothing wrong: a statement runs again with other parameters, after an early break too',
    () => {
      const db = use(driver!.openReadOnly(path));
      const stmt = db.prepare('SELECT s FROM t WHERE id >= ? ORDER BY id');
      for (const row of stmt.iterate([1])) {
        expect(row).toMatchObject({ s: 'a' });
        break;
      }
      expect(stmt.all([2]).map((r) => (r as { s: string }).s)).toEqual(['b', 'c']);
      expect(stmt.get([3])).toMatchObject({ s: 'c' });
    },
  );

  it.skipIf(!driver)(
    'runs a transaction, joins a nested one, and rolls back when it throws',
    () => {
      const db = use(driver!.openReadOnly(path));
      const count = db.prepare('SELECT count(*) AS c FROM t');
      expect(db.transaction(() => db.transaction(() => count.get([])))).toMatchObject({ c: 3 });
      expect(() =>
        db.transaction(() => {
          count.get([]);
          throw new Error('boom');
        }),
      ).toThrow('boom');
      expect(db.transaction(() => count.get([]))).toMatchObject({ c: 3 });
    },
  );

  it.skipIf(!driver)('is read-only and creates no file', () => {
    const db = use(driver!.openReadOnly(path));
    const err = thrown(() =>
      db.transaction(() => db.prepare("INSERT INTO t (s) VALUES ('z') RETURNING id").all([])),
    );
    expect(sqliteErrorCode(err)).toBe('SQLITE_READONLY');
    expect(readdirSync(dir)).toEqual(['mlflow.db']);
  });

  it.skipIf(!driver)(
    'fails at once with SQLITE_BUSY while a writer holds the lock, and reads once it is gone',
    () => {
      const db = use(driver!.openReadOnly(path));
      const writer = openTestWriter(path);
      try {
        writer.exec('BEGIN EXCLUSIVE');
        const started = Date.now();
        const err = thrown(() =>
          db.transaction(() => db.prepare('SELECT count(*) AS c FROM t').get([])),
        );
        expect(sqliteErrorCode(err)).toBe('SQLITE_BUSY');
        expect(Date.now() - started).toBeLessThan(500);
        writer.exec('ROLLBACK');
        expect(
          db.transaction(() => db.prepare('SELECT count(*) AS c FROM t').get([])),
        ).toMatchObject({ c: 3 });
      } finally {
        writer.close();
      }
    },
  );

  it.skipIf(!driver)('names a file that is not a database SQLITE_NOTADB', () => {
    writeFileSync(join(dir, 'text.db'), 'x'.repeat(4096));
    const err = thrown(() =>
      use(driver!.openReadOnly(join(dir, 'text.db')))
        .prepare('SELECT 1 FROM sqlite_master')
        .all([]),
    );
    expect(sqliteErrorCode(err)).toBe('SQLITE_NOTADB');
  });

  describe('a WAL-mode file without -wal/-shm', () => {
    // immutable=1 where node:sqlite takes URIs, else a snapshot copy (see nodeSqlite.ts)
    const live = (): boolean => name === 'node:sqlite' && takesUris(nodeSqlite!, path);
    beforeEach(() => {
      const w = openTestWriter(path);
      w.pragma('journal_mode = WAL');
      w.close();
      expect(readdirSync(dir)).toEqual(['mlflow.db']);
    });

    it.skipIf(!driver)('is read without creating them', () => {
      const db = use(driver!.openWithoutWalFiles(path));
      expect(db.transaction(() => db.prepare('SELECT count(*) AS c FROM t').get([]))).toMatchObject(
        { c: 3 },
      );
      db.close();
      expect(readdirSync(dir)).toEqual(['mlflow.db']);
    });

    it.skipIf(driver?.name !== 'node:sqlite')(
      'node:sqlite: is reopened once a writer shows up, and sees its writes',
      (t) => {
        if (!live()) t.skip();
        const db = use(driver!.openWithoutWalFiles(path));
        const count = db.prepare('SELECT count(*) AS c FROM t');
        expect(db.transaction(() => count.get([]))).toMatchObject({ c: 3 });
        const writer = openTestWriter(path);
        try {
          writer.exec("PRAGMA wal_autocheckpoint = 0; INSERT INTO t (s) VALUES ('new')");
          expect(readdirSync(dir).sort()).toEqual(['mlflow.db', 'mlflow.db-shm', 'mlflow.db-wal']);
          expect(db.transaction(() => count.get([]))).toMatchObject({ c: 4 });
        } finally {
          writer.close();
        }
      },
    );

    it.skipIf(driver?.name !== 'node:sqlite')(
      'node:sqlite: is reopened, still immutable, when the file is replaced',
      (t) => {
        if (!live()) t.skip();
        const db = use(driver!.openWithoutWalFiles(path));
        const count = db.prepare('SELECT count(*) AS c FROM t');
        expect(db.transaction(() => count.get([]))).toMatchObject({ c: 3 });
        const writer = openTestWriter(path);
        writer.exec("INSERT INTO t (s) VALUES ('new'); PRAGMA wal_checkpoint(TRUNCATE)");
        writer.close(); // the last connection removes -wal and -shm
        const { mtime } = statSync(path);
        utimesSync(path, mtime, new Date(mtime.getTime() + 2000)); // in case the clock is coarse
        expect(readdirSync(dir)).toEqual(['mlflow.db']);
        expect(db.transaction(() => count.get([]))).toMatchObject({ c: 4 });
        expect(readdirSync(dir)).toEqual(['mlflow.db']);
      },
    );

    it.skipIf(!driver)(
      'else is a snapshot (in memory, or a temp copy removed on close), blind to later writes',
      (t) => {
        if (live()) t.skip();
        const before = snapshotDirs();
        const db = use(driver!.openWithoutWalFiles(path));
        const writer = openTestWriter(path);
        writer.exec("INSERT INTO t (s) VALUES ('new')");
        writer.close();
        expect(
          db.transaction(() => db.prepare('SELECT count(*) AS c FROM t').get([])),
        ).toMatchObject({ c: 3 });
        db.close();
        expect(snapshotDirs()).toEqual(before);
        expect(readdirSync(dir)).toEqual(['mlflow.db']);
      },
    );
  });
});

describe('walFreeCopy', () => {
  it('copies the file with the WAL flag cleared into a private temp folder, and removes it', () => {
    const { dir, cleanup } = tempDir();
    try {
      const path = join(dir, 'mlflow.db');
      writeFileSync(
        path,
        Buffer.concat([Buffer.from('SQLite format 3\0\x10\x00\x02\x02'), Buffer.alloc(80, 7)]),
      );
      const copy = walFreeCopy(path);
      const bytes = readFileSync(copy.path);
      expect([bytes[18], bytes[19]]).toEqual([1, 1]);
      expect(bytes.subarray(20).equals(readFileSync(path).subarray(20))).toBe(true);
      expect(statSync(join(copy.path, '..')).mode & 0o777).toBe(0o700);
      copy.remove();
      expect(snapshotDirs().some((d) => copy.path.includes(d))).toBe(false);
      expect(readdirSync(dir)).toEqual(['mlflow.db']);
    } finally {
      cleanup();
    }
  });
});
