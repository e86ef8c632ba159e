/**
 * Serves the built renderer (dist/renderer) to the browser. Paths stay inside the folder; a path with
 * no file extension that is not a file is a client route (the UI's own URLs) and gets index.html.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, relative, resolve, isAbsolute } from 'node:path';
import { findAppPath, appPathCandidates } from './appPaths';
import { contentTypeOf } from '../rendererAssets';
import type { PageParts } from './pageParts';

/** dist/renderer of this installation (built by `npm run build`), found from the running code. */
export function defaultStaticDir(): string {
  const index = findAppPath('dist/renderer/index.html');
  if (index) return resolve(index, '..');
  return appPathCandidates('dist/renderer')[0] ?? resolve('dist/renderer');
}

interface FileInfo {
  size: number;
  mtimeMs: number;
}

async function fileInfo(path: string): Promise<FileInfo | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The renderer's files, kept in memory once read (a few, ~1.5 MB in all): the launch's script went out
 * as one write instead of a stream of 64 kB reads that each waited for a turn of the event loop while
 * the server was warming up (issue 12). A file is read again when its size or mtime changes (a new
 * build); files above the bound, or past the total, are streamed as before.
 */
const HELD_FILE_MAX = 4 * 1024 * 1024;
const HELD_TOTAL_MAX = 32 * 1024 * 1024;
const held = new Map<string, FileInfo & { bytes: Buffer }>();
let heldTotal = 0;

async function heldBytes(path: string, info: FileInfo): Promise<Buffer | undefined> {
  const known = held.get(path);
  if (known && known.size === info.size && known.mtimeMs === info.mtimeMs) return known.bytes;
  if (info.size > HELD_FILE_MAX) return undefined;
  const bytes = await readFile(path);
  // Changed between the stat and the read: serve what was read, keep nothing.
  if (bytes.length !== info.size) return bytes;
  heldTotal += bytes.length - (known?.bytes.length ?? 0);
  if (heldTotal > HELD_TOTAL_MAX) {
    heldTotal -= bytes.length;
    held.delete(path);
    return bytes;
  }
  held.set(path, { ...info, bytes });
  return bytes;
}

/** The file under root a URL path names, or undefined when it escapes root or is not valid. */
function fileOf(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const full = resolve(root, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  const rel = relative(root, full);
  if (rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return full;
}

async function send(
  res: ServerResponse,
  req: IncomingMessage,
  path: string,
  info: FileInfo,
  cache: string,
): Promise<void> {
  const bytes =
    req.method === 'HEAD' ? undefined : await heldBytes(path, info).catch(() => undefined);
  res.statusCode = 200;
  res.setHeader('Content-Type', contentTypeOf(path));
  res.setHeader('Content-Length', bytes?.length ?? info.size);
  res.setHeader('Cache-Control', cache);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (bytes) {
    res.end(bytes);
    return;
  }
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** Turns index.html into the page sent, in two parts (pageParts.ts: the web host's first answers). */
export type RenderPage = (html: string) => PageParts;

/**
 * The app's page: index.html as `render` makes it, its head sent at once and the rest when there;
 * never cached, since it may carry answers.
 */
async function sendPage(
  res: ServerResponse,
  req: IncomingMessage,
  index: string,
  render: RenderPage,
): Promise<void> {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const page = render(await readFile(index, 'utf8'));
  res.write(page.start);
  res.end(await page.rest);
}

/** True when the URL path is the app's page: `/`, index.html, or a client route (no extension). */
export function isPagePath(urlPath: string): boolean {
  return urlPath === '/' || urlPath.endsWith('/index.html') || extname(urlPath) === '';
}

export async function serveStatic(
  root: string,
  urlPath: string,
  req: IncomingMessage,
  res: ServerResponse,
  render?: RenderPage,
): Promise<void> {
  const file = fileOf(root, urlPath === '/' ? '/index.html' : urlPath);
  const info = file ? await fileInfo(file) : undefined;
  if (file && info !== undefined) {
    if (render && file === join(root, 'index.html')) {
      await sendPage(res, req, file, render);
      return;
    }
    // Vite's hashed assets never change; index.html must be re-read to pick up a new build.
    await send(
      res,
      req,
      file,
      info,
      file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600',
    );
    return;
  }
  if (extname(urlPath) === '') {
    const index = join(root, 'index.html');
    const indexInfo = await fileInfo(index);
    if (indexInfo !== undefined) {
      if (render) await sendPage(res, req, index, render);
      else await send(res, req, index, indexInfo, 'no-cache');
      return;
    }
    res.statusCode = 503;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end(
      `Runlens: the web UI is not built (no ${index}). Run \`npm run build\` and start again.\n`,
    );
    return;
  }
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end('Not found\n');
}
