import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type RunlensHandlers } from '../../common/contract';
import { fromWireJson, toWireJson } from '../../common/wire';
import { httpSend, type HttpReply, type HttpSendOptions } from '../../../test/support/httpSend';
import { CONTENT_SECURITY_POLICY, startWebHost, type WebHost } from './startWebHost';

let host: WebHost;
let staticDir: string;
const TOKEN = 'test-token-0123456789';
const calls: { name: string; request: unknown }[] = [];

/** A service that echoes its request, and answers getMetricHistory with non-finite values. */
const service = Object.fromEntries(
  METHOD_NAMES.map((name) => [
    name,
    async (request: unknown) => {
      calls.push({ name, request });
      if (name === 'getMetricHistory') {
        return {
          ok: true,
          value: [
            { key: 'mape', value: NaN, timestamp: 1, step: 0 },
            { key: 'mape', value: -Infinity, timestamp: 2, step: 1 },
          ],
        };
      }
      if (name === 'getRun')
        return { ok: false, error: { code: 'NOT_FOUND', message: 'Run x not found' } };
      return { ok: true, value: request };
    },
  ]),
) as unknown as RunlensHandlers;

const send = (path: string, options: Omit<HttpSendOptions, 'to'> = {}): Promise<HttpReply> =>
  httpSend(host.port, path, options);

const auth = (): Record<string, string> => ({ cookie: `runlens_token_${host.port}=${TOKEN}` });
const api = (method: string, body: unknown, headers: Record<string, string> = auth()) =>
  send(`/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: toWireJson(body),
  });

beforeAll(async () => {
  staticDir = join(mkdtempSync(join(tmpdir(), 'runlens-static-')), 'renderer');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, '..', 'secret.txt'), 'SECRET');
  writeFileSync(
    join(staticDir, 'index.html'),
    '<!doctype html><title>Runlens</title><div id="root"></div>',
  );
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'assets/app.js'), 'console.log(1)');
  host = await startWebHost({ service, staticDir, token: TOKEN });
});

afterAll(async () => {
  await host.close();
  rmSync(join(staticDir, '..'), { recursive: true, force: true });
});

describe('web host', () => {
  it('prints a 127.0.0.1 URL with the token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${TOKEN}`);
  });

  it('makes a random base64url token per launch', async () => {
    const other = await startWebHost({ service, staticDir });
    await other.close();
    expect(other.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(other.token).not.toBe(TOKEN);
  });

  it('turns the token in the URL into a cookie and serves the page at once, with the first answers', async () => {
    const cookie = [`runlens_token_${host.port}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`];
    const reply = await send(`/?token=${TOKEN}`);
    expect(reply.status).toBe(200);
    expect(reply.headers['set-cookie']).toEqual(cookie);
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(reply.body).toContain('<title>Runlens</title>');
    expect(reply.body).toContain('<script type="application/json" id="runlens-boot">');
    // A client route of the app is the page too.
    expect((await send(`/runs/abc?token=${TOKEN}&tab=metrics`)).status).toBe(200);
  });

  it('redirects a token URL that is not the page to the same URL without the token', async () => {
    const reply = await send(`/assets/app.js?token=${TOKEN}&v=2`);
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/assets/app.js?v=2');
    expect(reply.headers['set-cookie']).toEqual([
      `runlens_token_${host.port}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/`,
    ]);
  });

  it('refuses a wrong token and requests without one', async () => {
    const wrong = await send('/?token=nope');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    expect(wrong.body).toContain('runlens serve');
    const none = await send('/');
    expect(none.status).toBe(401);
    expect(none.body).toContain('open the URL printed by <code>runlens serve</code>');
    const apiNone = await api('listStores', {}, {});
    expect(apiNone.status).toBe(401);
    expect(fromWireJson(apiNone.body)).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHORIZED' },
    });
    expect(
      (await api('listStores', {}, { cookie: `runlens_token_${host.port}=wrong` })).status,
    ).toBe(401);
  });

  it('accepts the cookie or the X-Runlens-Token header', async () => {
    expect((await api('listStores', {})).status).toBe(200);
    const viaHeader = await api('listStores', {}, { 'x-runlens-token': TOKEN });
    expect(viaHeader.status).toBe(200);
    expect(fromWireJson(viaHeader.body)).toEqual({ ok: true, value: {} });
    expect(
      (await api('listStores', {}, { cookie: `other=1; runlens_token_${host.port}=${TOKEN}` }))
        .status,
    ).toBe(200);
  });

  it('refuses unexpected Host headers (DNS rebinding)', async () => {
    const evil = await send(`/?token=${TOKEN}`, { headers: { host: `evil.example:${host.port}` } });
    expect(evil.status).toBe(403);
    expect((await send('/', { headers: { ...auth(), host: `127.0.0.1:1` } })).status).toBe(403);
    expect(
      (await send('/', { headers: { ...auth(), host: `localhost:${host.port}` } })).status,
    ).toBe(200);
    expect((await send('/', { headers: { ...auth(), host: `[::1]:${host.port}` } })).status).toBe(
      200,
    );
  });

  it('refuses cross-origin API calls and never sends CORS headers', async () => {
    const cross = await api('listStores', {}, { ...auth(), origin: 'http://evil.example' });
    expect(cross.status).toBe(403);
    expect(cross.headers['access-control-allow-origin']).toBeUndefined();
    const same = await api(
      'listStores',
      {},
      { ...auth(), origin: `http://127.0.0.1:${host.port}` },
    );
    expect(same.status).toBe(200);
    expect(same.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('routes every contract method, with the Result envelope and status 200 for errors too', async () => {
    for (const name of METHOD_NAMES) expect((await api(name, {})).status).toBe(200);
    const failed = await api('getRun', { storeId: 's1', runId: 'x' });
    expect(failed.status).toBe(200);
    expect(fromWireJson(failed.body)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Run x not found' },
    });
    expect(calls.at(-1)).toEqual({ name: 'getRun', request: { storeId: 's1', runId: 'x' } });
  });

  it('answers 404 for unknown methods, 405 for GET, 400 for non-JSON, 413 for huge bodies', async () => {
    expect((await api('dropDatabase', {})).status).toBe(404);
    expect((await api('__proto__', {})).status).toBe(404);
    const get = await send('/api/listStores', { headers: auth() });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
    const bad = await send('/api/listStores', {
      method: 'POST',
      headers: auth(),
      body: '{not json',
    });
    expect(bad.status).toBe(400);
    expect(fromWireJson(bad.body)).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    const huge = await send('/api/openStore', {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ location: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(huge.status).toBe(413);
  });

  it('carries NaN and infinities through HTTP', async () => {
    const reply = await api('getMetricHistory', { storeId: 's1', runId: 'r', key: 'mape' });
    const result = fromWireJson(reply.body) as { ok: true; value: { value: number }[] };
    expect(result.value.map((p) => p.value)).toEqual([NaN, -Infinity]);
    const echoed = await api('searchRuns', { storeId: 's1', filter: 'tags.$n = 1' });
    expect(fromWireJson(echoed.body)).toEqual({
      ok: true,
      value: { storeId: 's1', filter: 'tags.$n = 1' },
    });
  });

  it('serves static files and index.html for client routes, with CSP and nosniff', async () => {
    const index = await send('/', { headers: auth() });
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.body).toContain('<title>Runlens</title>');
    const asset = await send('/assets/app.js', { headers: auth() });
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.body).toBe('console.log(1)');
    expect((await send('/experiments/1/runs', { headers: auth() })).body).toContain(
      '<title>Runlens</title>',
    );
    expect((await send('/assets/missing.js', { headers: auth() })).status).toBe(404);
    for (const escape of [
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
    ]) {
      expect((await send(escape, { headers: auth() })).body).not.toContain('SECRET');
    }
    expect((await send('/', { method: 'POST', headers: auth() })).status).toBe(405);
    const denied = await send('/');
    expect(denied.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });
});

describe('static files', () => {
  it('serves a file from memory once read, and again from disk when a new build changes it', async () => {
    const first = await send('/assets/app.js', { headers: auth() });
    expect(first.body).toBe('console.log(1)');
    writeFileSync(join(staticDir, 'assets/app.js'), 'console.log("rebuilt")');
    const again = await send('/assets/app.js', { headers: auth() });
    expect(again.body).toBe('console.log("rebuilt")');
    expect(again.headers['content-length']).toBe(String('console.log("rebuilt")'.length));
    writeFileSync(join(staticDir, 'assets/app.js'), 'console.log(1)');
  });
});

describe('firstPageLoaded', () => {
  const settled = (p: Promise<void>) =>
    Promise.race([
      p.then(() => 'loaded'),
      new Promise((resolve) => setTimeout(() => resolve('pending'), 50)),
    ]);

  it('resolves once the page and its script are sent, not for API calls or refused requests', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'runlens-static-')), 'renderer');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(
      join(dir, 'index.html'),
      '<!doctype html><title>Runlens</title><script type="module" src="./assets/app.js"></script>',
    );
    writeFileSync(join(dir, 'assets/app.js'), 'console.log(1)');
    const own = await startWebHost({ service, staticDir: dir, token: TOKEN });
    try {
      const at = (path: string, options: Omit<HttpSendOptions, 'to'> = {}) =>
        httpSend(own.port, path, options);
      const cookie = { cookie: `runlens_token_${own.port}=${TOKEN}` };
      expect((await at('/')).status).toBe(401);
      const listed = await at('/api/listStores', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...cookie },
        body: '{}',
      });
      expect(listed.status).toBe(200);
      expect((await at(`/?token=${TOKEN}`)).body).toContain('<title>Runlens</title>');
      expect(await settled(own.firstPageLoaded)).toBe('pending');
      expect((await at('/assets/missing.js', { headers: cookie })).status).toBe(404);
      expect(await settled(own.firstPageLoaded)).toBe('pending');
      expect((await at('/assets/app.js', { headers: cookie })).body).toBe('console.log(1)');
      expect(await settled(own.firstPageLoaded)).toBe('loaded');
    } finally {
      await own.close();
      rmSync(resolve(dir, '..'), { recursive: true, force: true });
    }
  });
});
