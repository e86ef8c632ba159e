/**
 * A writer holding a lock (a training job in the middle of a transaction): reads wait and retry, then
 * either succeed once the lock is released or fail with BUSY after ~3 s. Runs on a copy of a fixture in
 * a temp folder, locked by a second, writable connection.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../../common/errors';
import { openTestWriter, type TestWriter } from '../../../../test/support/sqliteWriter';
import { SqliteStore } from './SqliteStore';
import { fixtureDb, tempDir } from '../../../../test/support/sqlite';

describe('SqliteStore while another process holds a lock', () => {
  let cleanup: () => void;
  let path: string;
  let writer: TestWriter;
  let store: SqliteStore;

  beforeEach(async () => {
    let dir: string;
    ({ dir, cleanup } = tempDir());
    path = join(dir, 'mlflow.db');
    copyFileSync(fixtureDb('mlflow-3.1.2.dev0'), path);
    store = new SqliteStore(path);
    await store.open();
    writer = openTestWriter(path);
  });

  afterEach(async () => {
    if (writer.inTransaction) writer.exec('ROLLBACK');
    writer.close();
    await store.close();
    cleanup();
  });

  it('retries for about 3 s, then fails with BUSY and says why', async () => {
    writer.exec('BEGIN EXCLUSIVE');
    const started = Date.now();
    const err = await store.listRuns(['1']).catch((e: unknown) => e);
    const waited = Date.now() - started;
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).code).toBe('BUSY');
    expect((err as StoreError).message).toMatch(
      /locked by another process \(a training job writing\?\)/,
    );
    expect((err as StoreError).message).toContain(path);
    expect(waited).toBeGreaterThanOrEqual(2800);
    expect(waited).toBeLessThan(6000);
  });

  it('succeeds once the writer commits, seeing what it wrote', async () => {
    writer.exec('BEGIN EXCLUSIVE');
    writer.prepare("UPDATE experiments SET name = 'renamed' WHERE experiment_id = 1").run();
    const started = Date.now();
    setTimeout(() => writer.exec('COMMIT'), 300);
    const experiments = await store.listExperiments();
    const waited = Date.now() - started;
    expect(experiments.find((e) => e.experimentId === '1')?.name).toBe('renamed');
    expect(waited).toBeGreaterThanOrEqual(250);
    expect(waited).toBeLessThan(2500);
  });

  it('honours a shorter busy timeout', async () => {
    const quick = new SqliteStore(path, { busyTimeoutMs: 200 });
    await quick.open();
    writer.exec('BEGIN EXCLUSIVE');
    const started = Date.now();
    await expect(quick.getRun('x')).rejects.toMatchObject({ code: 'BUSY' });
    expect(Date.now() - started).toBeLessThan(1500);
    await quick.close();
  });

  it('retries open() too', async () => {
    writer.exec('BEGIN EXCLUSIVE');
    setTimeout(() => writer.exec('ROLLBACK'), 200);
    const late = new SqliteStore(path);
    await late.open();
    expect(late.schemaVersion()).toBe('cbc13b556ace');
    await late.close();
  });
});
