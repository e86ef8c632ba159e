/**
 * What is not a readable MLflow database fails open() with STORE_UNREADABLE and a message naming the path
 * and what is wrong. All bad files are made in a temp folder.
 */
import {
  copyFileSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../../common/errors';
import {
  crashingWriterScript,
  openTestWriter,
  walImage,
} from '../../../../test/support/sqliteWriter';
import { SqliteStore } from './SqliteStore';
import { createDb, fixtureDb, tempDir } from '../../../../test/support/sqlite';

async function openError(path: string): Promise<StoreError> {
  const store = new SqliteStore(path);
  const err = await store.open().then(
    () => undefined,
    (e: unknown) => e,
  );
  await store.close();
  expect(err).toBeInstanceOf(StoreError);
  return err as StoreError;
}

describe('SqliteStore on bad input', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  const cases: [string, (path: string) => void, RegExp][] = [
    ['a missing file', () => undefined, /does not exist/],
    ['a zero-byte file', (p) => writeFileSync(p, ''), /empty \(0 bytes\)/],
    ['random bytes', (p) => writeFileSync(p, randomBytes(8192)), /not a SQLite database/],
    [
      'a text file',
      (p) => writeFileSync(p, 'experiment_id,name\n1,iris\n'),
      /not a SQLite database/,
    ],
    ['a folder', (p) => mkdirSync(p), /is a folder/],
    [
      'a truncated copy of a real store',
      (p) => {
        copyFileSync(fixtureDb('mlflow-2.12.2.dev0'), p);
        truncateSync(p, 40_000);
      },
      /truncated/,
    ],
    [
      'a real store with its schema page overwritten',
      (p) => {
        const bytes = readFileSync(fixtureDb('mlflow-2.12.2.dev0'));
        randomBytes(3000).copy(bytes, 100);
        writeFileSync(p, bytes);
      },
      /corrupt/,
    ],
    [
      "another application's SQLite database",
      (p) =>
        createDb(
          p,
          'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES (1);',
        ),
      /is not an MLflow tracking database \(it has no experiments\/runs tables\)/,
    ],
    [
      "another application's tables named runs and experiments (fuzz counterexample)",
      (p) =>
        createDb(
          p,
          'CREATE TABLE runs (id INTEGER PRIMARY KEY, body TEXT);' +
            'CREATE TABLE experiments (id INTEGER PRIMARY KEY, body TEXT);' +
            'CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);',
        ),
      /is not an MLflow tracking database \(its experiments table has no experiment_id column\)/,
    ],
    [
      'a database with experiments but no runs table',
      (p) =>
        createDb(p, 'CREATE TABLE experiments (experiment_id INTEGER PRIMARY KEY, name TEXT);'),
      /not an MLflow tracking database/,
    ],
  ];

  it.each(cases)(
    'rejects %s with STORE_UNREADABLE naming the path',
    async (_what, make, message) => {
      const path = join(dir, 'mlflow.db');
      make(path);
      const before = readdirSync(dir);
      const err = await openError(path);
      expect(err.code).toBe('STORE_UNREADABLE');
      expect(err.message).toContain(path);
      expect(err.message).toMatch(message);
      expect(readdirSync(dir)).toEqual(before);
    },
  );

  it('explains a hot journal left by a crashed writer (STORE_UNREADABLE, nothing written)', async () => {
    const path = join(dir, 'mlflow.db');
    copyFileSync(fixtureDb('mlflow-2.12.2.dev0'), path);
    const crash = crashingWriterScript(
      path,
      'PRAGMA cache_size = 1; BEGIN; UPDATE metrics SET value = value + 1',
    );
    spawnSync(process.execPath, ['-e', crash], { cwd: process.cwd() });
    expect(readdirSync(dir).sort()).toEqual(['mlflow.db', 'mlflow.db-journal']);
    const before = readFileSync(path);
    const err = await openError(path);
    expect(err.code).toBe('STORE_UNREADABLE');
    expect(err.message).toMatch(/crashed writer/);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('a lone -wal beside a rollback-mode database creates no -shm (fuzz counterexample)', async () => {
    const wal = walImage(
      fixtureDb('mlflow-2.12.2.dev0'),
      join(dir, 'source.db'),
      'UPDATE experiments SET last_update_time = 1',
    );
    mkdirSync(join(dir, 'store'));
    const path = join(dir, 'store', 'mlflow.db');
    copyFileSync(fixtureDb('mlflow-2.12.2.dev0'), path);
    writeFileSync(`${path}-wal`, wal);
    const store = new SqliteStore(path);
    await store.open();
    expect(await store.listExperiments()).toHaveLength(5);
    await store.close();
    expect(readdirSync(join(dir, 'store')).sort()).toEqual(['mlflow.db', 'mlflow.db-wal']);
  });

  it('refuses to be used before open()', async () => {
    const store = new SqliteStore(join(dir, 'mlflow.db'));
    await expect(store.listExperiments()).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('reads a WAL-mode database without creating -wal/-shm files beside it', async () => {
    const path = join(dir, 'mlflow.db');
    copyFileSync(fixtureDb('mlflow-2.12.2.dev0'), path);
    const writer = openTestWriter(path);
    writer.pragma('journal_mode = WAL');
    writer.close();
    expect(readdirSync(dir)).toEqual(['mlflow.db']);
    const store = new SqliteStore(path);
    await store.open();
    expect(await store.listExperiments()).toHaveLength(5);
    expect(await store.listRuns(['1', '2'])).toHaveLength(21);
    await store.close();
    expect(readdirSync(dir)).toEqual(['mlflow.db']);
  });
});
