/**
 * RestStore over HTTPS: a throwaway CA (openssl CLI, pki.ts) and the replay of MLflow 3.1's captures
 * served over TLS on 127.0.0.1. Trust comes from the CA file, or is skipped with insecure TLS; every
 * refusal says why in words a user can act on.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../shared/common/errors';
import { RestStore, type RestStoreOptions } from '../../shared/node/stores/rest';
import { fixtureDir } from '../conformance/captures';
import { type TestPki, makePki } from './pki';
import { type ReplayServer, startReplayServer } from './replayServer';

const DIR = join(fixtureDir('mlflow-3.1.2.dev0'), 'rest');
const FAST: RestStoreOptions = {
  retries: 1,
  retryBaseDelayMs: 10,
  retryMaxDelayMs: 20,
  timeoutMs: 3000,
};

let pki: TestPki;
const servers: ReplayServer[] = [];

async function serve(
  kind: 'good' | 'wrong-name' | 'expired' | 'client-cert',
): Promise<ReplayServer> {
  const pair =
    kind === 'wrong-name'
      ? pki.issue('other', 'DNS:other.example')
      : kind === 'expired'
        ? pki.issue('expired', 'IP:127.0.0.1', -1)
        : pki.issue(`server-${kind}`, 'IP:127.0.0.1,DNS:localhost');
  const tls = kind === 'client-cert' ? { ...pair, ca: pki.ca, requestCert: true } : pair;
  const server = await startReplayServer(DIR, { tls });
  servers.push(server);
  return server;
}

async function openError(url: string, options: RestStoreOptions): Promise<StoreError> {
  const store = new RestStore(url, options);
  try {
    await store.open();
  } catch (err) {
    expect(err).toBeInstanceOf(StoreError);
    return err as StoreError;
  } finally {
    await store.close();
  }
  throw new Error('open() succeeded');
}

async function opens(url: string, options: RestStoreOptions): Promise<string | undefined> {
  const store = new RestStore(url, options);
  try {
    await store.open();
    return store.schemaVersion();
  } finally {
    await store.close();
  }
}

beforeAll(() => {
  pki = makePki();
});
afterAll(async () => {
  for (const s of servers) await s.close();
  pki?.cleanup();
});

describe('RestStore over HTTPS', () => {
  it('trusts the server with the CA file', async () => {
    const server = await serve('good');
    expect(await opens(server.url, { ...FAST, caCertPath: pki.caPath })).toBe('3.1.2.dev0');
  });

  it('refuses an unknown CA without the CA file, and says what to do', async () => {
    const server = await serve('good');
    const err = await openError(server.url, FAST);
    expect(err.code).toBe('REMOTE_ERROR');
    expect(err.message).toMatch(
      /^The server's certificate is not trusted \(unknown CA\) — add the CA file/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('accepts it with insecure TLS, and refuses insecure TLS together with a CA file', async () => {
    const server = await serve('good');
    expect(await opens(server.url, { ...FAST, insecureTls: true })).toBe('3.1.2.dev0');
    expect(() => new RestStore(server.url, { insecureTls: true, caCertPath: pki.caPath })).toThrow(
      /cannot be used together/,
    );
  });

  it('names a host name mismatch', async () => {
    const server = await serve('wrong-name');
    const err = await openError(server.url, { ...FAST, caCertPath: pki.caPath });
    expect(err.message).toMatch(/certificate was issued for another host name than '127\.0\.0\.1'/);
  });

  it('names an expired certificate', async () => {
    const server = await serve('expired');
    const err = await openError(server.url, { ...FAST, caCertPath: pki.caPath });
    expect(err.message).toMatch(/certificate has expired/);
  });

  it('sends a client certificate when the server asks for one', async () => {
    const server = await serve('client-cert');
    const client = pki.issue('client', 'DNS:runlens-client');
    expect(
      await opens(server.url, { ...FAST, caCertPath: pki.caPath, clientCertPath: client.pemPath }),
    ).toBe('3.1.2.dev0');
    const err = await openError(server.url, { ...FAST, caCertPath: pki.caPath });
    expect(err.message).toMatch(/client certificate/);
  });

  it('reports an unreadable CA file, and plain http spoken to an https server', async () => {
    const server = await serve('good');
    const missing = await openError(server.url, { ...FAST, caCertPath: '/nonexistent/ca.pem' });
    expect(missing).toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: 'Cannot read the CA certificate file /nonexistent/ca.pem (ENOENT)',
    });
    const plain = await openError(server.url.replace('https:', 'http:'), FAST);
    expect(plain.message).toMatch(
      /closed the connection without answering \(2 attempts\) — if it is an https server, use https:\/\//,
    );
  });
});
