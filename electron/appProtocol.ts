/**
 * The `app://runlens/` scheme that serves the renderer (dist/renderer/) to the window.
 *
 * A custom scheme instead of `file://` gives the page a real origin ('self' in the CSP means exactly
 * the renderer's files), keeps the rest of the disk out of reach, and lets the IPC layer trust a sender
 * by its URL. Everything here is pure (no 'electron' import) so the confinement rules are unit-tested.
 */
import { readFile } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { contentTypeOf, RENDERER_CSP } from '../shared/node/rendererAssets';

export const APP_SCHEME = 'app';
export const APP_HOST = 'runlens';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Sent with every response of the scheme. */
export const CONTENT_SECURITY_POLICY = RENDERER_CSP;
export { contentTypeOf };

/** True for URLs of the renderer's own origin (`app://runlens/...`), the only trusted one. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Maps an `app://runlens/<path>` URL to a file under `rootDir`, or null when the URL is of another
 * origin, is malformed, or would leave `rootDir` (`..`, encoded `%2e%2e` or `%2f`, backslashes, NUL).
 * `/` maps to index.html. The caller still checks that the file exists.
 */
export function resolveAppPath(rootDir: string, url: string): string | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  // The URL parser already removed literal dot segments; any left came encoded (`..%2f`) and are refused.
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  if (pathname.split('/').includes('..')) return null;
  if (pathname === '' || pathname === '/') pathname = '/index.html';
  const root = resolve(rootDir);
  const full = resolve(root, '.' + pathname);
  const rel = relative(root, full);
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith('..' + sep)) return null;
  return full;
}

export type ReadFile = (path: string) => Promise<Uint8Array>;

/**
 * Builds the `protocol.handle` handler: files of `rootDir` with the CSP, 404 for anything else.
 * A path without an extension that is not a file gets index.html, so a reload on a client-side route
 * still loads the app.
 */
export function createAppRequestHandler(
  rootDir: string,
  read: ReadFile = (path) => readFile(path),
): (request: Request) => Promise<Response> {
  const headersFor = (file: string): Record<string, string> => ({
    'content-type': contentTypeOf(file),
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  const tryRead = async (file: string): Promise<Response | null> => {
    try {
      const body = await read(file);
      return new Response(new Uint8Array(body), { status: 200, headers: headersFor(file) });
    } catch {
      return null;
    }
  };
  const notFound = (): Response =>
    new Response('Not found', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return new Response(null, { status: 405 });
    const file = resolveAppPath(rootDir, request.url);
    if (file === null) return notFound();
    const found = await tryRead(file);
    if (found) return found;
    if (extname(file) === '') {
      const index = resolveAppPath(rootDir, APP_ENTRY_URL);
      if (index !== null) return (await tryRead(index)) ?? notFound();
    }
    return notFound();
  };
}
