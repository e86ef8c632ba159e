import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  contentTypeOf,
  createAppRequestHandler,
  isAppUrl,
  resolveAppPath,
} from './appProtocol';

const ROOT = '/srv/renderer';

describe('isAppUrl', () => {
  it.each([
    ['app://runlens/index.html', true],
    ['app://runlens/', true],
    ['app://runlens/assets/x.js?v=1#top', true],
    ['app://evil/index.html', false],
    ['https://runlens/index.html', false],
    ['file:///srv/renderer/index.html', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });
});

describe('resolveAppPath', () => {
  it.each([
    ['app://runlens/', join(ROOT, 'index.html')],
    ['app://runlens', join(ROOT, 'index.html')],
    ['app://runlens/index.html', join(ROOT, 'index.html')],
    ['app://runlens/assets/main-abc.js?x=1', join(ROOT, 'assets', 'main-abc.js')],
    ['app://runlens/assets/a%20b.css', join(ROOT, 'assets', 'a b.css')],
  ])('maps %s inside the root', (url, expected) => {
    expect(resolveAppPath(ROOT, url)).toBe(expected);
  });

  it.each([
    'app://runlens/../secret.txt',
    'app://runlens/%2e%2e/secret.txt',
    'app://runlens/assets/%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://runlens/..%2f..%2fetc%2fpasswd',
    'app://runlens/..%5c..%5csecret.txt',
    'app://runlens/%00index.html',
    'app://runlens/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('never resolves outside the root: %s', (url) => {
    const resolved = resolveAppPath(ROOT, url);
    if (resolved !== null) expect(resolved.startsWith(ROOT + '/')).toBe(true);
    else expect(resolved).toBeNull();
  });

  it('refuses encoded separators and NUL outright', () => {
    // Literal and %2e dot segments are removed by the URL parser itself, which keeps them inside.
    expect(resolveAppPath(ROOT, 'app://runlens/%2e%2e/secret.txt')).toBe(join(ROOT, 'secret.txt'));
    expect(resolveAppPath(ROOT, 'app://runlens/..%5c..%5csecret.txt')).toBeNull();
    expect(resolveAppPath(ROOT, 'app://runlens/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveAppPath(ROOT, 'app://runlens/%00index.html')).toBeNull();
  });
});

describe('contentTypeOf', () => {
  it('knows the renderer assets and defaults to octet-stream', () => {
    expect(contentTypeOf('a/index.html')).toMatch(/^text\/html/);
    expect(contentTypeOf('a/x.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeOf('a/x.css')).toMatch(/^text\/css/);
    expect(contentTypeOf('a/x.bin')).toBe('application/octet-stream');
  });
});

describe('createAppRequestHandler', () => {
  let dir: string;
  let outside: string;
  beforeAll(() => {
    const base = mkdtempSync(join(tmpdir(), 'runlens-app-'));
    dir = join(base, 'renderer');
    outside = join(base, 'secret.txt');
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(join(dir, 'assets', 'main.js'), 'console.log(1)');
    writeFileSync(outside, 'secret');
  });
  afterAll(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

  const get = (url: string, method = 'GET') =>
    createAppRequestHandler(dir)(new Request(url, { method }));

  it('serves files with their type and the CSP', async () => {
    const response = await get('app://runlens/assets/main.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('console.log(1)');
  });

  it('serves index.html for / and for extensionless client routes', async () => {
    for (const url of ['app://runlens/', 'app://runlens/experiments/1']) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('id="root"');
    }
  });

  it('answers 404 for missing assets and for traversal, never the outside file', async () => {
    for (const url of [
      'app://runlens/assets/missing.js',
      'app://runlens/%2e%2e/secret.txt',
      'app://runlens/../secret.txt',
    ]) {
      const response = await get(url);
      const text = await response.text();
      expect(text).not.toBe('secret');
      if (url.endsWith('.js')) expect(response.status).toBe(404);
    }
    expect((await get('app://runlens/%2e%2e/secret.txt')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://runlens/index.html', 'POST')).status).toBe(405);
  });

  it('keeps the CSP strict: no eval, no remote scripts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });
});
