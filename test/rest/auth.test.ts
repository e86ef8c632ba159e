/**
 * Credentials as MLflow's Python client sends them, checked where they arrive (the server side of the
 * replay): `Authorization: Basic base64(user:password)` or `Authorization: Bearer <token>`. The gate
 * answers like MLflow's basic-auth app: 401 without valid credentials, 403 without permission.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RestStore, type RestStoreOptions, testConnection } from '../../shared/node/stores/rest';
import { fixtureDir } from '../conformance/captures';
import { type ReplayServer, startReplayServer } from './replayServer';

const BASIC = `Basic ${Buffer.from('alice:s3cr:et ü').toString('base64')}`;
const BEARER = 'Bearer dapi-0123456789abcdef';
const FAST: RestStoreOptions = {
  retries: 2,
  retryBaseDelayMs: 10,
  retryMaxDelayMs: 20,
  timeoutMs: 3000,
};

let server: ReplayServer;

/** alice (basic) and the token may read everything except the registry, which only alice may read. */
function gate(req: IncomingMessage, res: ServerResponse): boolean {
  const auth = req.headers.authorization;
  const deny = (status: number, text: string): boolean => {
    res.statusCode = status;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    if (status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="mlflow"');
    res.end(text);
    return true;
  };
  if (auth !== BASIC && auth !== BEARER)
    return deny(401, '<html>You are not authenticated.</html>');
  if (auth === BEARER && req.url?.includes('/registered-models/'))
    return deny(403, '<html>Permission denied</html>');
  return false;
}

beforeAll(async () => {
  server = await startReplayServer(join(fixtureDir('mlflow-3.1.2.dev0'), 'rest'), { gate });
});
afterAll(async () => {
  await server?.close();
});

describe('RestStore credentials', () => {
  it('sends Basic auth exactly as MLflow does, on every request', async () => {
    const store = new RestStore(server.url, {
      ...FAST,
      auth: { kind: 'basic', username: 'alice', password: 's3cr:et ü' },
    });
    const seen = server.requests.length;
    await store.open();
    expect(await store.listRegisteredModels()).toHaveLength(4);
    const sent = server.requests.slice(seen);
    expect(sent.length).toBeGreaterThanOrEqual(3);
    for (const r of sent) expect(r.headers.authorization).toBe(BASIC);
    await store.close();
  });

  it('sends a Bearer token exactly as MLflow does; 403 becomes UNAUTHORIZED "no permission", not retried', async () => {
    const store = new RestStore(server.url, {
      ...FAST,
      auth: { kind: 'bearer', token: 'dapi-0123456789abcdef' },
    });
    await store.open();
    expect(server.requests.at(-1)?.headers.authorization).toBe(BEARER);
    const seen = server.requests.length;
    const err = await store.listRegisteredModels().catch((e: unknown) => e as Error);
    expect(err).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((err as Error).message).toMatch(
      /no permission to read .*\/registered-models\/search \(HTTP 403\)/,
    );
    expect((err as Error).message).not.toMatch(/dapi|</);
    expect(server.requests.length - seen).toBe(1);
    await store.close();
  });

  it('401 becomes UNAUTHORIZED "credentials missing or wrong", never showing the password', async () => {
    for (const auth of [
      undefined,
      { kind: 'basic' as const, username: 'alice', password: 'wrong-password' },
    ]) {
      const seen = server.requests.length;
      const result = await testConnection(server.url, { ...FAST, ...(auth ? { auth } : {}) });
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'UNAUTHORIZED',
          message: `${server.url}: credentials missing or wrong (HTTP 401) — check the username and password, or the token`,
        },
      });
      // /version answered 401: not retried, nothing else asked
      expect(server.requests.length - seen).toBe(1);
    }
  });

  it('testConnection reports the server version when all is well', async () => {
    expect(
      await testConnection(server.url, {
        ...FAST,
        auth: { kind: 'bearer', token: 'dapi-0123456789abcdef' },
      }),
    ).toEqual({
      ok: true,
      serverVersion: '3.1.2.dev0',
    });
  });
});
