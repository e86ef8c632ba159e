/**
 * Test support: a writable connection (the training job beside Runlens) through whichever SQLite engine
 * loads in this runtime, so that the SQLite tests also run where better-sqlite3 cannot (Node 22/24 with
 * a better-sqlite3 built for Node 20 — the node:sqlite fallback). Never used by Runlens itself.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import type { SqliteDriverName, Bindable } from '../../shared/node/stores/sqlite/driver/types';
import {
  requireBetterSqlite3,
  requireNodeSqlite,
} from '../../shared/node/stores/sqlite/driver/selectDriver';

/** The part of better-sqlite3's `Database` the tests write with, so they read the same with either engine. */
export interface TestWriter {
  readonly driver: SqliteDriverName;
  exec(sql: string): void;
  /** `PRAGMA <text>`, its result ignored. */
  pragma(text: string): void;
  prepare(sql: string): { run(...params: Bindable[]): void };
  /** Wraps `fn` to run between BEGIN and COMMIT (ROLLBACK when it throws), like better-sqlite3. */
  transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void;
  readonly inTransaction: boolean;
  close(): void;
}

interface RawWriter {
  exec(sql: string): void;
  prepare(sql: string): { run(...params: Bindable[]): unknown };
  close(): void;
}

function writer(driver: SqliteDriverName, db: RawWriter, inTransaction: () => boolean): TestWriter {
  return {
    driver,
    exec: (sql) => db.exec(sql),
    pragma: (text) => db.exec(`PRAGMA ${text}`),
    prepare(sql) {
      const stmt = db.prepare(sql);
      return { run: (...params) => void stmt.run(...params) };
    },
    transaction:
      (fn) =>
      (...args) => {
        db.exec('BEGIN');
        try {
          fn(...args);
          db.exec('COMMIT');
        } catch (err) {
          db.exec('ROLLBACK');
          throw err;
        }
      },
    get inTransaction() {
      return inTransaction();
    },
    close: () => db.close(),
  };
}

/** Opens (creating it when missing) `path` for writing, with no busy wait: locks fail at once. */
export function openTestWriter(path: string): TestWriter {
  let Database;
  try {
    Database = requireBetterSqlite3();
  } catch {
    const { DatabaseSync } = requireNodeSqlite();
    const db = new DatabaseSync(path) as unknown as RawWriter & { isTransaction?: boolean };
    // isTransaction is Node >= 22.16; before, closing rolls back whatever is left open anyway.
    return writer('node:sqlite', db, () => db.isTransaction ?? false);
  }
  const db = new Database(path, { timeout: 0 });
  return writer('better-sqlite3', db as unknown as RawWriter, () => db.inTransaction);
}

/**
 * A script for `node -e` that runs `sql` on a writable connection to `path` and is then killed (SIGKILL)
 * before it can commit or clean up: a crashed writer. Uses the engine that loads in that process.
 */
export function crashingWriterScript(path: string, sql: string): string {
  return [
    'let db;',
    `try { const D = require('better-sqlite3'); db = new D(${JSON.stringify(path)}); }`,
    `catch { db = new (process.getBuiltinModule('node:sqlite').DatabaseSync)(${JSON.stringify(path)}); }`,
    `db.exec(${JSON.stringify(sql)});`,
    "process.kill(process.pid, 'SIGKILL');",
  ].join('\n');
}

/**
 * The `-wal` file a writer leaves with `sql` committed but not checkpointed, made on a copy of `db` at
 * `scratch` (a path to create): for a lone `-wal` beside a database it does not belong with.
 */
export function walImage(db: string, scratch: string, sql: string): Buffer {
  copyFileSync(db, scratch);
  const writer = openTestWriter(scratch);
  writer.pragma('journal_mode = WAL');
  writer.pragma('wal_autocheckpoint = 0');
  writer.exec(sql);
  const wal = readFileSync(`${scratch}-wal`);
  writer.close();
  return wal;
}
