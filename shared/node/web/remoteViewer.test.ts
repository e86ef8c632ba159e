/**
 * Browser-mode viewers on other machines: openStore takes only existing folders and .db files by
 * path, connection profiles cannot be changed, and error messages carry no absolute paths. Loopback
 * viewers keep everything. Real requests to a real InspectorService; the remote peer address is set
 * on the socket (a test cannot connect from another machine).
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWireJson } from '../../common/wire';
import type { StoreInfo } from '../../common/contract';
import { InspectorService } from '../service/InspectorService';
import { handleApi } from './apiRoute';
import { withoutAbsolutePaths } from './remoteViewer';

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
  value: StoreInfo & { error: { message: string } };
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
