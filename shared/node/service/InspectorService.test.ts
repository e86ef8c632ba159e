import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../common/contract';
import { StoreError, type Result } from '../../common/errors';
import type { ResolvedLocation } from './openLocation';
import { InspectorService } from './InspectorService';
import { MemoryStore, experiment, run, type MemoryData } from '../../../test/support/MemoryStore';

let root: string;
const stores = new Map<string, MemoryStore>();

const data: MemoryData = {
  experiments: [
    experiment('0', 'Default'),
    experiment('1', 'iris'),
    experiment('2', 'old', 'deleted'),
  ],
  runs: [
    run('r0', '0', { metrics: { loss: 0.5 } }),
    run('r1', '1', { metrics: { loss: 0.2 } }),
    run('r1d', '1', { stage: 'deleted' }),
    run('r2', '2', { stage: 'deleted' }),
  ],
  histories: {
    'r1/loss': [
      { key: 'loss', value: NaN, timestamp: 1, step: 0 },
      { key: 'loss', value: Infinity, timestamp: 2, step: 1 },
    ],
  },
  artifacts: {
    'r1/log.txt': new TextEncoder().encode('héllo\n'),
    'r1/bin': new Uint8Array([104, 0, 105]),
    'r1/big.txt': new TextEncoder().encode('aé'.repeat(10)),
  },
  traces: [
    {
      traceId: 't1',
      experimentId: '1',
      requestTime: 1,
      executionDurationMs: 5,
      state: 'OK',
      requestPreview: null,
      responsePreview: null,
      requestMetadata: {},
      tags: {},
    },
  ],
  traceData: { t1: { spans: [] } },
};

function factory(location: ResolvedLocation): Promise<MemoryStore> {
  const broken = location.path.includes('broken');
  const store = new MemoryStore(
    location.path,
    broken
      ? { openError: new StoreError('STORE_UNREADABLE', 'database disk image is malformed') }
      : data,
    location.kind,
  );
  stores.set(location.path, store);
  return Promise.resolve(store);
}

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value;
}

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'runlens-service-')));
  mkdirSync(join(root, 'good/mlruns/0'), { recursive: true });
  mkdirSync(join(root, 'other'), { recursive: true });
  writeFileSync(join(root, 'other/mlflow.db'), 'SQLite format 3\0');
  writeFileSync(join(root, 'broken.db'), 'garbage');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

function newService(): InspectorService {
  return new InspectorService({ createStore: factory, cwd: () => root });
}

describe('InspectorService', () => {
  it('implements every contract method', () => {
    const service = newService() as unknown as Record<string, unknown>;
    for (const name of METHOD_NAMES) expect(typeof service[name]).toBe('function');
  });

  it('opens stores with short stable ids and returns the same store for the same location', async () => {
    const service = newService();
    const a = value(await service.openStore({ location: 'good' }));
    expect(a).toMatchObject({
      storeId: 's1',
      kind: 'file',
      location: join(root, 'good/mlruns'),
      displayName: 'good/mlruns',
      state: 'ready',
      problemCount: 0,
    });
    expect(value(await service.openStore({ location: join(root, 'good/mlruns') })).storeId).toBe(
      's1',
    );
    const b = value(await service.openStore({ location: 'other' }));
    expect(b).toMatchObject({ storeId: 's2', kind: 'sqlite', schemaVersion: 'test-revision' });
    expect(value(await service.openStore({ location: 'sqlite:///other/mlflow.db' })).storeId).toBe(
      's2',
    );
    expect(value(await service.listStores({})).map((s) => s.storeId)).toEqual(['s1', 's2']);
  });

  it('lists a store that fails to open with its error, and the others keep working', async () => {
    const service = newService();
    value(await service.openStore({ location: 'good' }));
    const broken = value(await service.openStore({ location: 'broken.db' }));
    expect(broken.state).toBe('error');
    expect(broken.error?.code).toBe('STORE_UNREADABLE');
    expect(broken.error?.message).toContain('malformed');
    const missing = value(await service.openStore({ location: 'nowhere' }));
    expect(missing).toMatchObject({ state: 'error', error: { code: 'STORE_UNREADABLE' } });
    const list = value(await service.listStores({}));
    expect(list.map((s) => s.state)).toEqual(['ready', 'error', 'error']);
    const runs = await service.searchRuns({ storeId: broken.storeId });
    expect(runs).toMatchObject({ ok: false, error: { code: 'STORE_UNREADABLE' } });
    expect(value(await service.searchRuns({ storeId: 's1' })).runs.length).toBeGreaterThan(0);
  });

  it('opens a server URL as a rest store; refuses credentials in the URL', async () => {
    const result = await newService().openStore({ location: 'http://localhost:5000/' });
    expect(result).toMatchObject({
      ok: true,
      value: { kind: 'rest', location: 'http://localhost:5000', displayName: 'localhost:5000' },
    });
    const withPassword = await newService().openStore({
      location: 'http://u:secret@localhost:5000',
    });
    expect(withPassword).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    if (!withPassword.ok) expect(withPassword.error.message).not.toMatch(/secret/);
  });

  it('validates requests and never throws', async () => {
    const service = newService();
    const bad = await (service.searchRuns as (r: unknown) => Promise<Result<unknown>>)({
      storeId: 's1',
      bogus: 1,
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    const notObject = await (service.listStores as (r: unknown) => Promise<Result<unknown>>)(null);
    expect(notObject).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await service.getRun({ storeId: 's9', runId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_STORE' },
    });
  });

  it('searches experiments by view type (active by default)', async () => {
    const service = newService();
    const { storeId } = value(await service.openStore({ location: 'good' }));
    const ids = async (viewType?: 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL') =>
      value(await service.searchExperiments(viewType ? { storeId, viewType } : { storeId }))
        .experiments.map((e) => e.experimentId)
        .sort();
    expect(await ids()).toEqual(['0', '1']);
    expect(await ids('DELETED_ONLY')).toEqual(['2']);
    expect(await ids('ALL')).toEqual(['0', '1', '2']);
  });

  it('searches runs of every active experiment by default, filtered by view type', async () => {
    const service = newService();
    const { storeId } = value(await service.openStore({ location: 'good' }));
    const ids = async (req: Omit<Parameters<InspectorService['searchRuns']>[0], 'storeId'>) =>
      value(await service.searchRuns({ storeId, ...req }))
        .runs.map((r) => r.info.runId)
        .sort();
    expect(await ids({})).toEqual(['r0', 'r1']);
    expect(await ids({ viewType: 'ALL' })).toEqual(['r0', 'r1', 'r1d']);
    expect(await ids({ experimentIds: ['2'], viewType: 'ALL' })).toEqual(['r2']);
    expect(await ids({ experimentIds: ['1'], viewType: 'DELETED_ONLY' })).toEqual(['r1d']);
    expect(await ids({ filter: 'metrics.loss < 0.3' })).toEqual(['r1']);
    const bad = await service.searchRuns({ storeId, filter: 'metrics.loss <<< 1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
  });

  it('passes metric history through, NaN and infinities included', async () => {
    const service = newService();
    const { storeId } = value(await service.openStore({ location: 'good' }));
    const points = value(await service.getMetricHistory({ storeId, runId: 'r1', key: 'loss' }));
    expect(points.map((p) => p.value)).toEqual([NaN, Infinity]);
    expect(await service.getMetricHistory({ storeId, runId: 'nope', key: 'loss' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('reads artifacts as UTF-8 text or base64, marking truncation', async () => {
    const service = newService();
    const { storeId } = value(await service.openStore({ location: 'good' }));
    expect(value(await service.readArtifact({ storeId, runId: 'r1', path: 'log.txt' }))).toEqual({
      path: 'log.txt',
      size: 7,
      truncated: false,
      encoding: 'utf8',
      data: 'héllo\n',
    });
    expect(value(await service.readArtifact({ storeId, runId: 'r1', path: 'bin' }))).toEqual({
      path: 'bin',
      size: 3,
      truncated: false,
      encoding: 'base64',
      data: 'aABp',
    });
    // 'aé' is 3 bytes; 5 bytes end inside the second 'é': the partial character is left out.
    expect(
      value(await service.readArtifact({ storeId, runId: 'r1', path: 'big.txt', maxBytes: 5 })),
    ).toEqual({
      path: 'big.txt',
      size: 30,
      truncated: true,
      encoding: 'utf8',
      data: 'aéa',
    });
  });

  it('serves traces and closes stores', async () => {
    const service = newService();
    const { storeId } = value(await service.openStore({ location: 'good' }));
    expect(value(await service.searchTraces({ storeId })).map((t) => t.traceId)).toEqual(['t1']);
    expect(value(await service.getTraceData({ storeId, traceId: 't1' }))).toEqual({
      traceId: 't1',
      data: { spans: [] },
    });
    // A store without a direct lookup (local ones) is searched.
    expect(value(await service.getTraceInfo({ storeId, traceId: 't1' })).traceId).toBe('t1');
    expect(await service.getTraceInfo({ storeId, traceId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(value(await service.getStoreProblems({ storeId }))).toEqual([]);
    expect(await service.getLoggedModel({ storeId, modelId: 'm-x' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(value(await service.closeStore({ storeId }))).toBeNull();
    expect(stores.get(join(root, 'good/mlruns'))?.closed).toBe(true);
    expect(await service.closeStore({ storeId })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_STORE' },
    });
    expect(value(await service.listStores({}))).toEqual([]);
  });
});
