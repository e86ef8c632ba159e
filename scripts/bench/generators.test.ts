/**
 * The benchmark's generators write MLflow's own layout: tiny stores generated here must open through
 * the real FileStore and SqliteStore (via the service) with the expected experiments, runs, params,
 * tags, latest metrics and histories, and no problems; their files mirror the MLflow 2.12 fixtures'.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Run } from '../../shared/common/types';
import { InspectorService } from '../../shared/node/service/InspectorService';
import { metricKey, writeFileStore } from './fileStoreGen';
import { expectedMatches, FILTER, FILTER_ORDER } from './filterCase';
import { ALEMBIC_HEAD_2_12, writeSqliteStore } from './sqliteGen';
import { storeWanted } from './stores';
import { forEachPoint, type Shape, syntheticRun } from './synthetic';

const FIXTURE = resolve(import.meta.dirname, '../../test/fixtures/mlflow-2.12.2.dev0');
const SCHEMA = readFileSync(join(FIXTURE, 'schema.sql'), 'utf8');
const SHAPE: Shape = { runs: 120, experiments: 3, params: 4, metrics: 5, steps: 6, tags: 8 };

let dir: string;
let service: InspectorService;
const savedCacheDir = process.env.RUNLENS_CACHE_DIR;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'runlens-bench-gen-'));
  process.env.RUNLENS_CACHE_DIR = join(dir, 'cache');
  service = new InspectorService();
});

afterAll(async () => {
  await service.dispose();
  if (savedCacheDir === undefined) delete process.env.RUNLENS_CACHE_DIR;
  else process.env.RUNLENS_CACHE_DIR = savedCacheDir;
  rmSync(dir, { recursive: true, force: true });
});

function ok<T>(result: { ok: true; value: T } | { ok: false; error: { message: string } }): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** Opens a store and reads every run, checking what both generators promise. */
async function openAndCheck(
  location: string,
  seed: number,
  historySteps: (index: number) => number,
  extraMetricsOnRun0 = 0,
): Promise<string> {
  const info = ok(await service.openStore({ location }));
  expect(info.state).toBe('ready');
  const storeId = info.storeId;
  expect(ok(await service.getStoreProblems({ storeId }))).toEqual([]);
  expect(ok(await service.searchExperiments({ storeId })).experiments).toHaveLength(
    SHAPE.experiments,
  );
  const runs: Run[] = ok(await service.searchRuns({ storeId, maxResults: 1000 })).runs;
  expect(runs).toHaveLength(SHAPE.runs);
  const byId = new Map(runs.map((r) => [r.info.runId, r]));
  for (const index of [0, 7, 13, SHAPE.runs - 1]) {
    const want = syntheticRun(seed, SHAPE, index);
    const run = byId.get(want.runId);
    expect(run?.info).toMatchObject({
      runName: want.name,
      status: want.status,
      startTime: want.startTime,
      endTime: want.endTime,
      userId: want.user,
    });
    expect(run?.data.params).toEqual(Object.fromEntries(want.params));
    expect(run?.data.tags).toEqual(Object.fromEntries(want.tags));
    expect(Object.keys(run?.data.metrics ?? {})).toHaveLength(
      SHAPE.metrics + (index === 0 ? extraMetricsOnRun0 : 0),
    );
    const steps = historySteps(index);
    const history = ok(await service.getMetricHistory({ storeId, runId: want.runId, key: 'm2' }));
    expect(history).toHaveLength(steps);
    expect(run?.data.metrics.m2).toEqual({ ...history[steps - 1], key: 'm2' });
    expect(run?.data.metrics.m2?.value).toBe(forEachPoint(seed, want, 2, 1, () => undefined));
  }
  const filtered = ok(
    await service.searchRuns({ storeId, filter: FILTER, orderBy: FILTER_ORDER, maxResults: 1000 }),
  ).runs;
  expect(filtered.length).toBe(expectedMatches(seed, SHAPE));
  expect(filtered.length).toBeGreaterThan(0);
  return storeId;
}

function yamlKeys(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(':')[0] ?? '');
}

describe('FileStore generator', () => {
  it('writes an mlruns folder the FileStore reads, with a long metric on run 0', async () => {
    const root = join(dir, 'mlruns');
    const runIds = writeFileStore(root, { seed: 11, shape: SHAPE, bigMetricPoints: 5000 });
    const storeId = await openAndCheck(root, 11, () => SHAPE.steps, 1);
    const big = ok(await service.getMetricHistory({ storeId, runId: runIds[0] ?? '', key: 'big' }));
    expect(big).toHaveLength(5000);
    expect(big.map((m) => m.step)).toEqual([...Array(5000).keys()]);
  });

  it('lays files out as MLflow 2.12 does (compared with the real fixture)', () => {
    const fixtureRun = join(FIXTURE, 'mlruns/0/047d579d58df40d0bd8773fc1777882a');
    const run = syntheticRun(11, SHAPE, 0);
    const ours = join(dir, 'mlruns/0', run.runId);
    expect(readdirSync(ours).sort()).toEqual(readdirSync(fixtureRun).sort());
    expect(yamlKeys(join(ours, 'meta.yaml'))).toEqual(yamlKeys(join(fixtureRun, 'meta.yaml')));
    expect(yamlKeys(join(dir, 'mlruns/0/meta.yaml'))).toEqual(
      yamlKeys(join(FIXTURE, 'mlruns/0/meta.yaml')),
    );
    expect(readdirSync(join(dir, 'mlruns/.trash'))).toEqual([]);
    const fixtureLine = readFileSync(join(fixtureRun, 'metrics/score'), 'utf8');
    expect(readFileSync(join(ours, 'metrics/m0'), 'utf8')).toMatch(
      /^(\d{13} -?\d+\.\d+(e-?\d+)? \d+\n)+$/,
    );
    expect(fixtureLine).toMatch(/^(\d{13} -?\d+\.\d+(e-?\d+)? \d+\n)+$/);
    expect(readFileSync(join(ours, 'tags/mlflow.runName'), 'utf8')).toBe(run.name);
  });
});

describe('FileStore generator with a metric key pool (issue 11: many distinct keys)', () => {
  it('uses every key of the pool across the runs, a few per run, and opens without problems', async () => {
    const root = join(dir, 'mlruns-pool');
    const shape: Shape = { runs: 40, experiments: 2, params: 1, metrics: 3, steps: 1, tags: 5 };
    writeFileStore(root, { seed: 13, shape, bigMetricPoints: 0, metricKeyPool: 100 });
    const { storeId } = ok(await service.openStore({ location: root }));
    expect(ok(await service.getStoreProblems({ storeId }))).toEqual([]);
    const runs = ok(await service.searchRuns({ storeId, maxResults: 1000 })).runs;
    expect(runs).toHaveLength(40);
    const keys = new Set(runs.flatMap((r) => Object.keys(r.data.metrics)));
    // 40 runs × 3 keys = 120 uses of a 100-key pool: all 100 keys, zero-padded to one width.
    expect(keys.size).toBe(100);
    expect([...keys].every((k) => /^k\d{2}$/.test(k))).toBe(true);
    for (const run of runs) expect(Object.keys(run.data.metrics)).toHaveLength(3);
    expect(metricKey(39, 2, 3, 100)).toBe('k19');
    expect(metricKey(5, 1, 3)).toBe('m1');
  });

  it('a store is generated only when a case --only selects reads it', () => {
    expect(storeWanted('K', undefined)).toBe(true);
    expect(storeWanted('K', ['K.'])).toBe(true);
    expect(storeWanted('K', ['K.peakRss'])).toBe(true);
    expect(storeWanted('K', ['L.', 'SQL.'])).toBe(false);
    expect(storeWanted('H', ['HSQL.'])).toBe(false);
    expect(storeWanted('HSQL', ['H'])).toBe(true);
  });
});

describe('SQLite generator', () => {
  it("creates the database with MLflow 2.12's schema.sql and alembic head, readable by the SqliteStore", async () => {
    const path = join(dir, 'mlflow.db');
    writeSqliteStore(path, SCHEMA, { seed: 12, shape: SHAPE, fullHistoryEvery: 3 });
    const info = ok(await service.openStore({ location: path }));
    expect(info.schemaVersion).toBe(ALEMBIC_HEAD_2_12);
    await openAndCheck(path, 12, (index) => (index % 3 === 0 ? SHAPE.steps : 1));
  });
});
