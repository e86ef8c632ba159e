/**
 * Browser-mode viewers on other machines: openStore takes only existing folders and .db files by
 * path, connection profiles cannot be changed, and neither error messages nor answers (store locations,
 * problem paths, artifact locations, pushed store lists) carry this machine's folder layout. Loopback
 * viewers keep everything. Real requests to a real InspectorService; the remote peer address is set
 * on the socket (a test cannot connect from another machine).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWireJson } from '../../common/wire';
import type { RunlensEvent, StoreInfo } from '../../common/contract';
import { InspectorService } from '../service/InspectorService';
import { handleApi } from './apiRoute';
import { cutLocalPaths, foldersAbove } from './remotePaths';
import { eventForRemoteViewer, withoutAbsolutePaths } from './remoteViewer';

const REPO = resolve(import.meta.dirname, '../../..');
const FIXTURE = join(REPO, 'test/fixtures/mlflow-3.1.2.dev0');

let server: Server;
let service: InspectorService;
beforeAll(async () => {
  service = new InspectorService({ cwd: () => REPO });
  server = createServer((req, res) => {
    const peer = req.headers['x-test-peer'];
    if (typeof peer === 'string')
      Object.defineProperty(req.socket, 'remoteAddress', { value: peer });
    void handleApi(service, (req.url ?? '').slice('/api/'.length), req, res, REPO);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await service.dispose();
});

/** The envelope, loosely typed: error replies and StoreInfo values are both read. */
type Reply = {
  ok: boolean;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads its method's answer
  value: StoreInfo & { error: { message: string } } & any;
  error: { code: string; message: string };
};

function call(method: string, body: unknown, peer?: string): Promise<Reply> {
  const port = (server.address() as AddressInfo).port;
  return new Promise((done, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: `/api/${method}`,
        method: 'POST',
        agent: false,
        headers: peer ? { 'x-test-peer': peer } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(fromWireJson(Buffer.concat(chunks).toString('utf8')) as Reply));
      },
    );
    req.on('error', fail);
    req.end(JSON.stringify(body));
  });
}

const REMOTE = '192.0.2.7';

describe('a remote viewer', () => {
  it('opens existing folders and .db files by path', async () => {
    const db = await call('openStore', { location: join(FIXTURE, 'mlflow.db') }, REMOTE);
    expect(db.ok && db.value.state).toBe('ready');
    const folder = await call('openStore', { location: join(FIXTURE, 'mlruns') }, REMOTE);
    expect(folder.ok && folder.value.state).toBe('ready');
  });

  it('may not open URLs, devices, other files or missing paths', async () => {
    for (const location of [
      'http://169.254.169.254/latest',
      `sqlite:///${join(FIXTURE, 'mlflow.db')}`,
      `file://${join(FIXTURE, 'mlruns')}`,
      '/dev/zero',
      join(FIXTURE, 'README.md'),
      join(FIXTURE, 'nothing-here.db'),
    ]) {
      const reply = await call('openStore', { location }, REMOTE);
      expect(reply.ok, location).toBe(false);
      expect(reply.error.code).toBe('INVALID_ARGUMENT');
      expect(reply.error.message).not.toContain(FIXTURE);
    }
    for (const method of ['saveConnection', 'testConnection']) {
      const reply = await call(method, { name: 'x', url: 'http://10.0.0.1:5000' }, REMOTE);
      expect(reply.ok).toBe(false);
    }
  });

  it('sees no absolute paths in error messages; a loopback viewer does', async () => {
    const missing = join(FIXTURE, 'mlruns', 'not-an-experiment');
    // A folder that is no MLflow store: the store opens in state 'error' with a message naming it.
    const notAStore = join(REPO, 'test', 'support');
    const remote = await call('openStore', { location: notAStore }, REMOTE);
    expect(remote.ok && remote.value.state).toBe('error');
    expect(remote.value.error.message).not.toContain(REPO);
    expect(remote.value.error.message).toContain('…/support');
    const local = await call('openStore', { location: notAStore });
    expect(local.value.error.message).toContain(notAStore);
    expect(withoutAbsolutePaths(`Cannot read ${missing}: no such file`)).toBe(
      'Cannot read …/not-an-experiment: no such file',
    );
    expect(withoutAbsolutePaths(`No store at '${FIXTURE}'.`)).toBe(
      "No store at '…/mlflow-3.1.2.dev0'.",
    );
  });

  it('sees no absolute paths in the per-series errors of a batch', async () => {
    // A store that opened in state 'error': each series of it fails with the store's message.
    const notAStore = join(REPO, 'test', 'support');
    const { storeId } = (await call('openStore', { location: notAStore })).value;
    const series = [{ storeId, runId: 'r', key: 'k' }];
    const local = (await call('getMetricSeriesBatch', { series })) as unknown as {
      value: { ok: boolean; error: { message: string } }[];
    };
    expect(local.value[0]?.ok).toBe(false);
    expect(local.value[0]?.error.message).toContain(REPO);
    const remote = (await call('getMetricSeriesBatch', { series }, REMOTE)) as unknown as {
      value: { ok: boolean; error: { message: string } }[];
    };
    expect(remote.value[0]?.ok).toBe(false);
    expect(remote.value[0]?.error.message).not.toContain(REPO);
    expect(remote.value[0]?.error.message).toContain('…/support');
  });
});

describe('answers to a remote viewer carry no absolute paths of this machine', () => {
  let tmp: string;
  let store: string;
  let storeId: string;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'runlens-remote-paths-'));
    store = join(tmp, 'mlruns');
    cpSync(join(FIXTURE, 'mlruns'), store, { recursive: true });
    const ids = (await import(join(FIXTURE, 'ids-file.json'), { with: { type: 'json' } })) as {
      default: { experiments: Record<string, string> };
    };
    const broken = ids.default.experiments.forecasting ?? '';
    writeFileSync(join(store, broken, 'meta.yaml'), 'name: [unclosed\nexperiment_id: {');
    const opened = await call('openStore', { location: store });
    storeId = opened.value.storeId;
    await call('searchExperiments', { storeId }); // reads the broken experiment: one problem
  });
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  /** Every string in an answer (deep). */
  const strings = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : [];

  it('store locations: the store folder by name only', async () => {
    const remote = await call('listStores', {}, REMOTE);
    const ours = (remote.value as StoreInfo[]).find((s) => s.storeId === storeId);
    expect(ours?.location).toBe('…/mlruns');
    expect(strings(remote.value).filter((s) => s.includes(tmp) || s.includes(REPO))).toEqual([]);
    const local = await call('listStores', {});
    expect((local.value as StoreInfo[]).find((s) => s.storeId === storeId)?.location).toBe(store);
    const again = await call('openStore', { location: store }, REMOTE);
    expect(again.value.location).toBe('…/mlruns');
  });

  it("problems: the path from the store's folder on, the reason without the folder above it", async () => {
    const remote = await call('getStoreProblems', { storeId }, REMOTE);
    expect(remote.value).toHaveLength(1);
    const [problem] = remote.value as { path: string; message: string }[];
    expect(problem?.path).toMatch(/^…\/mlruns\/\d+\/meta\.yaml$/);
    expect(problem?.message).not.toContain(tmp);
    const local = await call('getStoreProblems', { storeId });
    expect((local.value as { path: string }[])[0]?.path.startsWith(store)).toBe(true);
  });

  it('experiment and run artifact locations are cut the same way; other fields are left alone', async () => {
    const remoteRuns = await call('searchRuns', { storeId, maxResults: 5 }, REMOTE);
    const localRuns = await call('searchRuns', { storeId, maxResults: 5 });
    const uris = (page: Reply) =>
      (page.value.runs as { info: { artifactUri: string } }[]).map((r) => r.info.artifactUri);
    expect(uris(remoteRuns).length).toBeGreaterThan(0);
    // The fixture's stored URIs name the machine that logged them: cut to their last component.
    for (const uri of uris(remoteRuns)) {
      expect(uri).toMatch(/^(file:\/\/)?…\/[^/]+$/);
      expect(uri).not.toContain(tmp);
    }
    for (const uri of uris(localRuns)) expect(uri).not.toContain('…');
    const experiments = await call('searchExperiments', { storeId }, REMOTE);
    expect(strings(experiments.value).filter((s) => s.includes(tmp))).toEqual([]);
    // Names, ids and tags are data, not paths: the same for both viewers.
    expect(remoteRuns.value.runs.map((r: { info: { runName: string } }) => r.info.runName)).toEqual(
      localRuns.value.runs.map((r: { info: { runName: string } }) => r.info.runName),
    );
  });

  it('a URI under a store keeps its path from the store on; data fields named like paths are kept', () => {
    const uri = `file://${join(store, '1', 'r1', 'artifacts')}`;
    const run = { info: { artifactUri: uri }, data: { params: { path: '/srv/data' } } };
    expect(cutLocalPaths(run, foldersAbove([store]))).toEqual({
      info: { artifactUri: 'file://…/mlruns/1/r1/artifacts' },
      data: { params: { path: '/srv/data' } },
    });
  });

  it('pushed store lists (storesChanged) are cut for a remote viewer', () => {
    const info: StoreInfo = {
      storeId: 's1',
      kind: 'file',
      location: store,
      displayName: 'mlruns',
      state: 'error',
      error: { code: 'STORE_UNREADABLE', message: `Cannot read ${join(store, '0', 'meta.yaml')}` },
      problemCount: 0,
    };
    const event: RunlensEvent = { type: 'storesChanged', stores: [info] };
    const cut = eventForRemoteViewer(event);
    expect(cut.type === 'storesChanged' && cut.stores[0]?.location).toBe('…/mlruns');
    expect(JSON.stringify(cut)).not.toContain(dirname(store));
    const other: RunlensEvent = {
      type: 'loadProgress',
      storeId: 's1',
      what: 'index',
      loaded: 1,
      total: 2,
      done: false,
    };
    expect(eventForRemoteViewer(other)).toEqual(other);
  });
});
