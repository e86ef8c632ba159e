/**
 * Keys named like Object.prototype's members are ordinary MLflow keys (shared/common/records.ts):
 * `constructor`, `toString`, `valueOf`, `hasOwnProperty` and `__proto__` all pass MLflow's name check.
 * One run of each store (copies of the 3.1 fixture, FileStore and SQLite) gets params, tags and metrics
 * of those names, written as MLflow writes them; every other run has none of them. Each must read,
 * search, export and survive the index cache as any other key does, and a run without one must read it
 * as absent — never as the prototype's function.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../shared/common/types';
import { parseDelimited } from '../../renderer/src/artifacts/delimited';
import { InspectorService } from '../../shared/node/service/InspectorService';
import { runCli } from '../support/cli';
import { backdate, copyFixture, fixtureIds, tempDir } from '../support/fileStoreCopies';
import { allRunPages, valueOf } from '../support/serviceCalls';
import { fixtureDb, fixtureIds as sqliteIds } from '../support/sqlite';
import { openTestWriter } from '../support/sqliteWriter';

const PARAMS: [string, string][] = [
  ['constructor', 'p-ctor'],
  ['__proto__', 'p-proto'],
];
const TAGS: [string, string][] = [
  ['toString', 't-tostr'],
  ['__proto__', 't-proto'],
];
const METRICS: [string, number][] = [
  ['valueOf', 5],
  ['__proto__', 7],
];
/** The fixture's run (by its key in ids-*.json) that gets the keys. */
const TARGET = 'iris-1';
const EXPERIMENT = 'iris';
const TIMESTAMP = 1_700_000_000_000;

function fileStoreWithKeys(): { location: string; runId: string; experimentId: string } {
  const root = copyFixture('mlflow-3.1.2.dev0');
  const ids = fixtureIds('mlflow-3.1.2.dev0');
  const runId = ids.runs[TARGET] as string;
  const experimentId = ids.experiments[EXPERIMENT] as string;
  const runDir = join(root, experimentId, runId);
  for (const [k, v] of PARAMS) writeFileSync(join(runDir, 'params', k), v);
  for (const [k, v] of TAGS) writeFileSync(join(runDir, 'tags', k), v);
  for (const [k, v] of METRICS) writeFileSync(join(runDir, 'metrics', k), `${TIMESTAMP} ${v} 0\n`);
  backdate(root);
  return { location: root, runId, experimentId };
}

function sqliteStoreWithKeys(): { location: string; runId: string; experimentId: string } {
  const dir = tempDir('proto-sqlite');
  const location = join(dir, 'mlflow.db');
  cpSync(fixtureDb('mlflow-3.1.2.dev0'), location);
  const ids = sqliteIds('mlflow-3.1.2.dev0');
  const runId = ids.runs[TARGET] as string;
  const db = openTestWriter(location);
  try {
    for (const [k, v] of PARAMS)
      db.prepare('INSERT INTO params (key, value, run_uuid) VALUES (?, ?, ?)').run(k, v, runId);
    for (const [k, v] of TAGS)
      db.prepare('INSERT INTO tags (key, value, run_uuid) VALUES (?, ?, ?)').run(k, v, runId);
    for (const [k, v] of METRICS) {
      db.prepare(
        'INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, 0, 0)',
      ).run(k, v, TIMESTAMP, runId);
      db.prepare(
        'INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES (?, ?, ?, 0, 0, ?)',
      ).run(k, v, TIMESTAMP, runId);
    }
  } finally {
    db.close();
  }
  return { location, runId, experimentId: ids.experiments[EXPERIMENT] as string };
}

/** The run's own keys and values of one part, in no particular order. */
function ownEntries(record: Record<string, unknown>): [string, unknown][] {
  return Object.keys(record)
    .filter((k) => Object.hasOwn(record, k))
    .sort()
    .map((k) => [k, record[k]]);
}

describe.each([
  ['FileStore', fileStoreWithKeys],
  ['SQLite', sqliteStoreWithKeys],
])('keys named like Object.prototype members (%s)', (_kind, make) => {
  const made = make();
  const cacheDir = tempDir('proto-cache');
  const service = new InspectorService({ dataDir: () => cacheDir });
  let storeId = '';
  let all: Run[] = [];
  /** The target run's name, as searches return it. */
  let target = '';

  const names = async (filter: string, orderBy: string[] = []): Promise<string[]> =>
    (
      await allRunPages(
        service,
        {
          storeId,
          experimentIds: [made.experimentId],
          filter,
          orderBy,
          viewType: 'ALL',
        },
        2,
      )
    ).map((r) => r.info.runName);

  beforeAll(async () => {
    storeId = valueOf(await service.openStore({ location: made.location })).storeId;
    all = await allRunPages(
      service,
      { storeId, experimentIds: [made.experimentId], filter: '', orderBy: [], viewType: 'ALL' },
      100,
    );
    target = all.find((r) => r.info.runId === made.runId)?.info.runName ?? '';
  });
  afterAll(() => service.closeStore({ storeId }));

  it('reads them as the run’s own keys, and as absent on every other run', async () => {
    const run = valueOf(await service.getRun({ storeId, runId: made.runId }));
    expect(ownEntries(run.data.params)).toEqual(expect.arrayContaining(PARAMS));
    expect(ownEntries(run.data.tags)).toEqual(expect.arrayContaining(TAGS));
    const metrics = Object.fromEntries(
      ownEntries(run.data.metrics).map(([k, m]) => [k, (m as { value: number }).value]),
    );
    expect(Object.entries(metrics)).toEqual(expect.arrayContaining(METRICS));
    expect(all.length).toBeGreaterThan(2);
    for (const other of all.filter((r) => r.info.runId !== made.runId)) {
      for (const [k] of PARAMS) expect(Object.hasOwn(other.data.params, k)).toBe(false);
      expect(Object.getPrototypeOf(other.data.params)).toBe(Object.prototype);
    }
  });

  it('finds them, and finds runs without them, as for any other key', async () => {
    const others = all
      .filter((r) => r.info.runId !== made.runId)
      .map((r) => r.info.runName)
      .sort();
    expect(await names("params.constructor = 'p-ctor'")).toEqual([target]);
    expect(await names("params.__proto__ = 'p-proto'")).toEqual([target]);
    expect(await names("tags.toString = 't-tostr'")).toEqual([target]);
    expect(await names("tags.__proto__ = 't-proto'")).toEqual([target]);
    expect(await names('metrics.valueOf = 5')).toEqual([target]);
    expect(await names('metrics.__proto__ = 7')).toEqual([target]);
    // Names no run has: nothing matches, whatever Object.prototype holds under them.
    expect(await names("params.hasOwnProperty != 'x'")).toEqual([]);
    expect(await names('params.toString IS NOT NULL')).toEqual([]);
    expect(await names('metrics.toString > 0')).toEqual([]);
    expect(await names("tags.constructor LIKE '%'")).toEqual([]);
    expect((await names('params.constructor IS NULL')).sort()).toEqual(others);
    // A run without the key sorts with the runs that have no value, after the one that has it.
    expect((await names('', ['params.__proto__ DESC']))[0]).toBe(target);
    expect((await names('', ['metrics.valueOf ASC']))[0]).toBe(target);
  });

  it('exports them in the CLI’s CSV and JSON, empty for the runs without them', async () => {
    const cwd = tempDir('proto-cli');
    process.env.RUNLENS_CACHE_DIR = cacheDir;
    try {
      const csv = await runCli(
        ['runs', made.location, '--experiment-id', made.experimentId, '--view', 'all', '--csv'],
        cwd,
      );
      expect(csv.code).toBe(0);
      const [header, ...rows] = parseDelimited(csv.stdout, ',', 1000, false).rows;
      const column = (name: string): number => (header ?? []).indexOf(name);
      for (const name of ['params.constructor', 'params.__proto__', 'tags.toString']) {
        expect(column(name)).toBeGreaterThan(0);
        for (const row of rows) {
          const mine = row[0] === made.runId;
          expect(row[column(name)] === '').toBe(!mine);
        }
      }
      const json = await runCli(
        ['runs', made.location, '--experiment-id', made.experimentId, '--view', 'all', '--json'],
        cwd,
      );
      const runs = (
        JSON.parse(json.stdout) as {
          runs: { info: { run_id: string }; data: { params?: { key: string }[] } }[];
        }
      ).runs;
      const keysOf = (id: string) =>
        (runs.find((r) => r.info.run_id === id)?.data.params ?? []).map((p) => p.key);
      expect(keysOf(made.runId)).toEqual(expect.arrayContaining(['constructor', '__proto__']));
    } finally {
      delete process.env.RUNLENS_CACHE_DIR;
    }
  });

  it('keeps them through the index cache of an earlier launch', async () => {
    const again = new InspectorService({ dataDir: () => cacheDir });
    const id = valueOf(await again.openStore({ location: made.location })).storeId;
    try {
      const run = valueOf(await again.getRun({ storeId: id, runId: made.runId }));
      expect(ownEntries(run.data.params)).toEqual(expect.arrayContaining(PARAMS));
      const preview = valueOf(
        await again.searchRuns({
          storeId: id,
          experimentIds: [made.experimentId],
          filter: "params.__proto__ = 'p-proto'",
          orderBy: [],
          viewType: 'ALL',
          maxResults: 10,
          freshness: 'cached-ok',
        }),
      );
      expect(preview.runs.map((r) => r.info.runName)).toEqual([target]);
    } finally {
      await again.closeStore({ storeId: id });
    }
  });
});
