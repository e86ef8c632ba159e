/**
 * The web host against other sites (issue 11, part 2 item 4), on the real service with a fixture store:
 * no token → 401; a foreign Host (DNS rebinding) → 403; API calls from another origin or, by fetch
 * metadata, another site → 403; the anti-framing headers (CSP frame-ancestors 'none', X-Frame-Options
 * DENY) and nosniff on every response, static files and errors included; loopback by default, and a
 * loud warning when `runlens serve` is told to listen on every interface.
 * shared/node/web/startWebHost.test.ts covers the basics with a fake service; this adds the attacker's
 * variants. The Host rules for `--host 0.0.0.0` belong to auth.ts and are tested in their current form.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toWireJson } from '../../shared/common/wire';
import { main } from '../../shared/node/cli/main';
import { InspectorService } from '../../shared/node/service/InspectorService';
import { startWebHost, type WebHost } from '../../shared/node/web/startWebHost';
import { httpSend, type HttpReply, type HttpSendOptions } from '../support/httpSend';

const FIXTURE_STORE = resolve(import.meta.dirname, '../fixtures/mlflow-3.1.2.dev0/mlruns');
const TOKEN = 'security-token-0123456789abcdef';

let base: string;
let host: WebHost;
let service: InspectorService;

const send = (path: string, options: HttpSendOptions = {}): Promise<HttpReply> =>
  httpSend(host.port, path, options);

const signedIn = (): Record<string, string> => ({ cookie: `runlens_token_${host.port}=${TOKEN}` });
const listStores = (headers: Record<string, string>) =>
  send('/api/listStores', { method: 'POST', headers, body: toWireJson({}) });

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'runlens-websec-'));
  const staticDir = join(base, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Runlens</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'void 0;');
  service = new InspectorService({ cwd: () => base });
  host = await startWebHost({ service, staticDir, token: TOKEN });
  expect((await service.openStore({ location: FIXTURE_STORE })).ok).toBe(true);
});

afterAll(async () => {
  await host.close();
  await service.dispose();
  rmSync(base, { recursive: true, force: true });
});

describe('token', () => {
  it.each([
    ['no cookie', {}],
    ['a wrong cookie', { cookie: `runlens_token_${0}=x` }],
    ['the token under another port’s cookie name', { cookie: `runlens_token_1=${TOKEN}` }],
    ['an empty header', { 'x-runlens-token': '' }],
    ['a prefix of the token', { 'x-runlens-token': TOKEN.slice(0, -1) }],
    ['the token with junk after it', { 'x-runlens-token': `${TOKEN}x` }],
  ])('refuses %s on the API, static files and events', async (_what, headers) => {
    expect((await listStores(headers)).status).toBe(401);
    expect((await send('/', { headers })).status).toBe(401);
    expect((await send('/assets/app.js', { headers })).status).toBe(401);
    expect((await send('/api/events', { headers })).status).toBe(401);
  });

  it('never takes the token from the query string of an API call', async () => {
    const reply = await send(`/api/listStores?token=${TOKEN}`, { method: 'POST', body: '{}' });
    expect(reply.status).toBe(401);
    expect(reply.headers['set-cookie']).toBeUndefined();
  });
});

describe('Host header (DNS rebinding)', () => {
  it.each([
    'evil.example',
    'evil.example:PORT',
    '127.0.0.1.evil.example:PORT',
    'localhost.evil.example:PORT',
    '127.0.0.1:PORT.evil.example',
    '127.0.0.1',
    'localhost',
    '127.0.0.1:1',
    '0.0.0.0:PORT',
    '[::ffff:127.0.0.1]:PORT',
    'user@127.0.0.1:PORT',
  ])('refuses Host: %s even with the token', async (hostHeader) => {
    const headers = { ...signedIn(), host: hostHeader.replace('PORT', String(host.port)) };
    const api = await listStores(headers);
    expect(api.status).toBe(403);
    expect(api.body).not.toContain('storeId');
    expect((await send('/', { headers })).status).toBe(403);
    expect((await send(`/?token=${TOKEN}`, { headers })).headers['set-cookie']).toBeUndefined();
  });

  it('accepts the loopback names in any case', async () => {
    for (const name of ['127.0.0.1', 'LOCALHOST', 'localhost', '[::1]'])
      expect((await listStores({ ...signedIn(), host: `${name}:${host.port}` })).status).toBe(200);
  });
});

describe('other origins', () => {
  it.each([
    ['Origin of another site', { origin: 'http://evil.example' }],
    ['Origin of another local port', { origin: 'http://127.0.0.1:1' }],
    ['Origin over https', { origin: 'https://127.0.0.1:PORT' }],
    ['the opaque Origin null (sandboxed frames, file://)', { origin: 'null' }],
    ['Sec-Fetch-Site cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site same-site (another port of localhost)', { 'sec-fetch-site': 'same-site' }],
    [
      'a same Origin but cross-site fetch metadata',
      { origin: 'http://127.0.0.1:PORT', 'sec-fetch-site': 'cross-site' },
    ],
  ])('refuses API calls with %s', async (_what, extra) => {
    const headers = Object.fromEntries(
      Object.entries(extra).map(([k, v]) => [k, v.replace('PORT', String(host.port))]),
    );
    const reply = await listStores({ ...signedIn(), ...headers });
    expect(reply.status).toBe(403);
    expect(reply.body).not.toContain('storeId');
    expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    const events = await send('/api/events', { headers: { ...signedIn(), ...headers } });
    expect(events.status).toBe(403);
  });

  it('accepts its own pages and the user’s own navigation', async () => {
    const own = { origin: `http://127.0.0.1:${host.port}`, 'sec-fetch-site': 'same-origin' };
    expect((await listStores({ ...signedIn(), ...own })).status).toBe(200);
    expect((await listStores({ ...signedIn(), 'sec-fetch-site': 'none' })).status).toBe(200);
  });
});

describe('anti-framing and nosniff headers on every response', () => {
  const cases: [string, () => Promise<HttpReply>][] = [
    ['index.html', () => send('/', { headers: signedIn() })],
    ['a static asset', () => send('/assets/app.js', { headers: signedIn() })],
    ['a client route', () => send('/experiments/1', { headers: signedIn() })],
    ['a missing asset (404)', () => send('/assets/none.js', { headers: signedIn() })],
    ['no token (401)', () => send('/')],
    ['a wrong ?token (401)', () => send('/?token=wrong')],
    ['the sign-in redirect (302)', () => send(`/?token=${TOKEN}`)],
    ['a foreign Host (403)', () => send('/', { headers: { host: 'evil.example' } })],
    ['a POST to a page (405)', () => send('/', { method: 'POST', headers: signedIn() })],
    ['an API answer', () => listStores(signedIn())],
    ['an unknown method (404)', () => send('/api/nope', { method: 'POST', headers: signedIn() })],
    ['a bad body (400)', () => send('/api/listStores', { method: 'POST', headers: signedIn() })],
    ['a cross-origin call (403)', () => listStores({ ...signedIn(), origin: 'http://e.example' })],
  ];
  it.each(cases)('%s', async (_what, call) => {
    const reply = await call();
    expect(reply.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(reply.headers['x-frame-options']).toBe('DENY');
    expect(reply.headers['x-content-type-options']).toBe('nosniff');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
  });
});

describe('listening address', () => {
  it('binds to loopback only by default: 127.0.0.2 (also this machine) is not answered', async () => {
    expect(host.url.startsWith(`http://127.0.0.1:${host.port}/`)).toBe(true);
    expect((await listStores(signedIn())).status).toBe(200);
    await expect(send('/', { to: '127.0.0.2' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('`runlens serve` says nothing on loopback and warns loudly on 0.0.0.0, token still required', async () => {
    const serve = async (extra: string[]) => {
      const out: string[] = [];
      const err: string[] = [];
      const code = await main(['serve', FIXTURE_STORE, '--port', '0', ...extra], {
        stdout: (t) => void out.push(t),
        stderr: (t) => void err.push(t),
        cwd: base,
        untilStopped: () => Promise.resolve(),
      });
      return { code, out: out.join(''), err: err.join('') };
    };
    const quiet = await serve([]);
    expect(quiet.code).toBe(0);
    expect(quiet.err).toBe('');
    expect(quiet.out).toMatch(/at http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const open = await serve(['--host', '0.0.0.0']);
    expect(open.code).toBe(0);
    expect(open.err).toMatch(/warning: .*0\.0\.0\.0.*reachable from other machines/);
    expect(open.err).toMatch(/token is still required/);
  });
});
