/**
 * Fuzzing the SqliteStore reader (issue 11, part 2, item 1): a temp copy of the 2.12 fixture's
 * `mlflow.db` is damaged per case — truncated at any offset, bytes overwritten anywhere after the
 * header, "encrypted" (random pages behind a valid-looking header), a lone `-wal` beside an empty or
 * whole main file, another application's SQLite file — then opened and read as the app reads it.
 * Invariants: no crash (every failure is a StoreError naming the path), no hang (deadline per case),
 * nothing written (the folder's files and bytes unchanged), bounded RSS growth.
 * A lock held by another connection is a fixed case (each costs the busy timeout).
 * Budget: 8 s of cases (at most 150), seed in fuzzBudget.ts; the counts are printed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../shared/common/errors';
import { parseRunQuery } from '../../shared/common/search/runs';
import { SqliteStore } from '../../shared/node/stores/sqlite/SqliteStore';
import { createDb, fixtureDb, fixtureIds, tempDir } from '../support/sqlite';
import { openTestWriter, walImage } from '../support/sqliteWriter';
import { RssWatch, SEED, Tally, runProperty, withDeadline } from './fuzzBudget';

const VERSION = 'mlflow-2.12.2.dev0';
const IDS = fixtureIds(VERSION);
const SOURCE = readFileSync(fixtureDb(VERSION));
const BUDGET = { numRuns: 150, timeLimitMs: 8_000 };
const HEADER_BYTES = 100;

type DbDamage =
  | { kind: 'truncated'; keep: number }
  | { kind: 'overwritten'; at: number; bytes: Uint8Array }
  | { kind: 'encrypted'; seed: number }
  | { kind: 'wal only'; mainEmpty: boolean }
  | { kind: 'foreign'; tables: string[] };

const damage: fc.Arbitrary<DbDamage> = fc.oneof(
  fc.record({ kind: fc.constant('truncated' as const), keep: fc.nat(SOURCE.length - 1) }),
  fc.record({
    kind: fc.constant('overwritten' as const),
    at: fc.integer({ min: HEADER_BYTES, max: SOURCE.length - 1 }),
    bytes: fc.uint8Array({ minLength: 1, maxLength: 4096 }),
  }),
  fc.record({ kind: fc.constant('encrypted' as const), seed: fc.nat() }),
  fc.record({ kind: fc.constant('wal only' as const), mainEmpty: fc.boolean() }),
  fc.record({
    kind: fc.constant('foreign' as const),
    tables: fc.uniqueArray(fc.constantFrom('notes', 'experiments', 'runs', 'metrics', 'tags'), {
      minLength: 1,
      maxLength: 3,
    }),
  }),
);

function make(dir: string, path: string, d: DbDamage): void {
  switch (d.kind) {
    case 'truncated':
      copyFileSync(fixtureDb(VERSION), path);
      truncateSync(path, d.keep);
      return;
    case 'overwritten': {
      const bytes = Buffer.from(SOURCE);
      Buffer.from(d.bytes).copy(bytes, d.at);
      writeFileSync(path, bytes);
      return;
    }
    case 'encrypted': {
      // The real header (magic, page size, page count) over pages of noise, as an encrypted file
      // whose first page was left plain would look.
      const bytes = Buffer.concat([
        SOURCE.subarray(0, HEADER_BYTES),
        randomBytes(SOURCE.length - HEADER_BYTES),
      ]);
      writeFileSync(path, bytes);
      return;
    }
    case 'wal only':
      writeFileSync(path, d.mainEmpty ? Buffer.alloc(0) : SOURCE);
      writeFileSync(
        `${path}-wal`,
        walImage(
          fixtureDb(VERSION),
          join(dir, 'wal-source.db'),
          "UPDATE experiments SET name = name || ' (wal)'",
        ),
      );
      return;
    case 'foreign':
      createDb(
        path,
        d.tables.map((t) => `CREATE TABLE ${t} (id INTEGER PRIMARY KEY, body TEXT);`).join(''),
      );
      return;
  }
}

function snapshot(dir: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort())
    hash.update(name).update(readFileSync(join(dir, name)));
  return hash.digest('hex');
}

/** Reads the store as the app does; every rejection must be a StoreError naming the file. */
async function readAll(path: string, busyTimeoutMs?: number): Promise<string> {
  const store = new SqliteStore(path, busyTimeoutMs === undefined ? {} : { busyTimeoutMs });
  const failures: string[] = [];
  const attempt = async (task: () => Promise<unknown>): Promise<boolean> => {
    try {
      await task();
      return true;
    } catch (err) {
      expect(err, String(err)).toBeInstanceOf(StoreError);
      const e = err as StoreError;
      if (e.code !== 'NOT_FOUND') expect(e.message).toContain(path);
      failures.push(e.code);
      return false;
    }
  };
  try {
    if (!(await attempt(() => store.open()))) return `open refused (${failures[0]})`;
    const run = IDS.runs['iris-0'] as string;
    await attempt(() => store.listExperiments());
    await attempt(() => store.listRuns(Object.values(IDS.experiments)));
    await attempt(() =>
      store.searchRuns(['1', '2'], parseRunQuery({ filter: 'metrics.accuracy > 0.5' })),
    );
    await attempt(() => store.getMetricHistory(run, 'accuracy'));
    await attempt(() => store.listRegisteredModels());
    await attempt(() => store.listArtifacts(run, ''));
    return failures.length === 0 ? 'read' : `read, ${failures.length} reads refused`;
  } finally {
    await store.close();
  }
}

describe('fuzz: a damaged mlflow.db copy', () => {
  it('never crashes, hangs or writes; every failure is a StoreError naming the file', async () => {
    const tally = new Tally();
    const rss = new RssWatch();
    const property = fc.asyncProperty(damage, async (d) => {
      const { dir, cleanup } = tempDir();
      try {
        const path = join(dir, 'mlflow.db');
        make(dir, path, d);
        const before = snapshot(dir);
        const outcome = await withDeadline(d.kind, readAll(path));
        expect(snapshot(dir), `${d.kind}: files beside the store changed`).toBe(before);
        tally.add(`${d.kind} → ${outcome}`);
      } finally {
        rss.sample();
        cleanup();
      }
    });
    const ran = await runProperty('SQLite damage', property, BUDGET);
    const growth = rss.growthMb();
    console.log(
      `fuzz SQLite (seed ${SEED}): ${ran} cases, RSS growth ${growth.toFixed(0)} MB\n` +
        tally.lines().join('\n'),
    );
    // A loaded machine runs fewer cases in the same time (the count is printed); at least one ran.
    expect(ran).toBeGreaterThanOrEqual(1);
    expect(growth).toBeLessThan(300);
  }, 60_000);

  it('a database locked by another connection: BUSY naming the file, within the busy timeout', async () => {
    const { dir, cleanup } = tempDir();
    const path = join(dir, 'mlflow.db');
    copyFileSync(fixtureDb(VERSION), path);
    const writer = openTestWriter(path);
    try {
      writer.exec('BEGIN EXCLUSIVE');
      writer.exec('UPDATE experiments SET last_update_time = 0');
      const started = Date.now();
      const outcome = await withDeadline('locked', readAll(path, 300));
      expect(outcome).toBe('open refused (BUSY)');
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
      cleanup();
    }
  });
});
