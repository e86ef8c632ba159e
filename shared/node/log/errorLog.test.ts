/**
 * INTERNAL errors are logged with their stack and causes, secrets redacted, through the host's sink:
 * by the service for every contract method, never for the expected errors (NOT_FOUND, INVALID_ARGUMENT…),
 * and a failing sink never changes the answer. The file sink appends in the app's folder and rotates.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../common/errors';
import { InspectorService } from '../service/InspectorService';
import { MemoryStore, experiment } from '../../../test/support/MemoryStore';
import { fixtureDb, tempDir } from '../../../test/support/sqlite';
import { internalErrorEntry, logInternalError } from './errorLog';
import { fileLogSink } from './fileLogSink';

/** A real store's location (the service detects it); the store served there is the failing one. */
const LOCATION = fixtureDb('mlflow-3.1.2.dev0');

/** A store whose run listing fails with `err`. */
class FailingStore extends MemoryStore {
  constructor(private readonly err: unknown) {
    super(LOCATION, { experiments: [experiment('1', 'exp')] });
  }
  override async listRuns(): Promise<never> {
    throw this.err;
  }
}

async function searchWith(err: unknown, entries: string[]) {
  const service = new InspectorService({
    createStore: async () => new FailingStore(err),
    errorLog: (entry) => entries.push(entry),
  });
  try {
    const opened = await service.openStore({ location: LOCATION });
    if (!opened.ok) throw new Error(opened.error.message);
    return await service.searchRuns({ storeId: opened.value.storeId, experimentIds: ['1'] });
  } finally {
    await service.dispose();
  }
}

describe('INTERNAL error log', () => {
  it('logs an unexpected error with its stack and cause, without the secrets it quotes', async () => {
    const cause = new Error('connect to https://bob:hunter2-pw@mlflow.internal:5000 refused');
    const err = new TypeError('Authorization: Bearer abcdef0123456789 rejected', { cause });
    const entries: string[] = [];
    const result = await searchWith(err, entries);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('INTERNAL');
    expect(entries).toHaveLength(1);
    const entry = entries[0] ?? '';
    expect(entry).toMatch(/^\d{4}-\d\d-\d\dT[^ ]+ runlens: INTERNAL error in searchRuns\n/);
    expect(entry).toContain('TypeError: Authorization: [redacted]');
    expect(entry).toMatch(/\n {4}at .*errorLog\.test\.ts/);
    expect(entry).toContain('Caused by: Error: connect to https://[redacted]@mlflow.internal:5000');
    expect(entry).not.toContain('hunter2-pw');
    expect(entry).not.toContain('abcdef0123456789');
  });

  it('logs nothing for the errors a user can cause', async () => {
    const entries: string[] = [];
    for (const code of ['NOT_FOUND', 'STORE_UNREADABLE', 'REMOTE_ERROR'] as const)
      await searchWith(new StoreError(code, 'expected'), entries);
    expect(entries).toEqual([]);
  });

  it('answers the same when the sink throws', async () => {
    const service = new InspectorService({
      createStore: async () => new FailingStore(new Error('bug')),
      errorLog: () => {
        throw new Error('disk full');
      },
    });
    const opened = await service.openStore({ location: LOCATION });
    if (!opened.ok) throw new Error(opened.error.message);
    const result = await service.searchRuns({ storeId: opened.value.storeId });
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'bug' } });
    await service.dispose();
  });

  it('logs a store factory that throws something other than a StoreError, once, location redacted', async () => {
    const entries: string[] = [];
    const bug = new TypeError("Cannot read properties of undefined (reading 'path')");
    const service = new InspectorService({
      createStore: async () => {
        throw bug;
      },
      errorLog: (entry) => entries.push(entry),
    });
    try {
      const opened = await service.openStore({
        location: 'https://mlflow.example.com/?access_token=abcdef0123456789',
      });
      // The store still opens in state 'error' with the reason, as before.
      expect(opened).toMatchObject({
        ok: true,
        value: { state: 'error', error: { code: 'STORE_UNREADABLE' } },
      });
      expect(entries).toHaveLength(1);
      const entry = entries[0] ?? '';
      expect(entry).toMatch(
        /^\S+ runlens: INTERNAL error in opening store https:\/\/mlflow\.example\.com\/?\?access_token=\[redacted\]\n/,
      );
      expect(entry).toContain("TypeError: Cannot read properties of undefined (reading 'path')");
      expect(entry).toMatch(/\n {4}at .*errorLog\.test\.ts/);
      expect(entry).not.toContain('abcdef0123456789');
    } finally {
      await service.dispose();
    }
  });

  it('logs nothing when a store cannot be opened for a StoreError (a bad folder)', async () => {
    const entries: string[] = [];
    const service = new InspectorService({
      createStore: async () => {
        throw new StoreError('STORE_UNREADABLE', 'not an mlruns folder');
      },
      errorLog: (entry) => entries.push(entry),
    });
    const opened = await service.openStore({ location: LOCATION });
    expect(opened).toMatchObject({ ok: true, value: { state: 'error' } });
    expect(entries).toEqual([]);
    await service.dispose();
  });

  it('describes thrown non-errors and stops at a cycle of causes', () => {
    expect(internalErrorEntry('x', 'plain string', new Date(0))).toBe(
      '1970-01-01T00:00:00.000Z runlens: INTERNAL error in x\nplain string\n',
    );
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    a.cause = b;
    expect(internalErrorEntry('x', a).match(/Caused by/g)).toHaveLength(5);
  });
});

describe('fileLogSink', () => {
  const temp = tempDir();
  afterAll(() => temp.cleanup());

  it('creates the folder, appends entries and rotates past the cap', () => {
    const path = join(temp.dir, 'appData', 'logs', 'runlens.log');
    const sink = fileLogSink(path, 300);
    logInternalError(sink, 'first', new Error('password=abc123xyz'));
    const first = readFileSync(path, 'utf8');
    expect(first).toContain('INTERNAL error in first');
    expect(first).toContain('password=[redacted]');
    expect(first).not.toContain('abc123xyz');
    sink('x'.repeat(200));
    expect(existsSync(`${path}.1`)).toBe(true);
    expect(readFileSync(`${path}.1`, 'utf8')).toBe(first);
    expect(readFileSync(path, 'utf8')).toBe('x'.repeat(200));
  });
});
