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

/** dist/renderer of this installation (built by `npm run build`), found from the running code. */
export function defaultStaticDir(): string {
  const index = findAppPath('dist/renderer/index.html');
  if (index) return resolve(index, '..');
  return appPathCandidates('dist/renderer')[0] ?? resolve('dist/renderer');
}

async function fileSize(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.size : undefined;
  } catch {
    return undefined;
  }
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

function send(
  res: ServerResponse,
  req: IncomingMessage,
  path: string,
  size: number,
  cache: string,
): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', contentTypeOf(path));
  res.setHeader('Content-Length', size);
  res.setHeader('Cache-Control', cache);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(path)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** Turns index.html into the page sent (the web host embeds the first answers: bootData.ts). */
export type RenderPage = (html: string) => Promise<string>;

/** The app's page: index.html as `render` makes it; never cached, since it may carry answers. */
async function sendPage(
  res: ServerResponse,
  req: IncomingMessage,
  index: string,
  render: RenderPage,
): Promise<void> {
  const html = await render(await readFile(index, 'utf8'));
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(html));
  res.setHeader('Cache-Control', 'no-store');
  res.end(req.method === 'HEAD' ? undefined : html);
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
  const size = file ? await fileSize(file) : undefined;
  if (file && size !== undefined) {
    if (render && file === join(root, 'index.html')) {
      await sendPage(res, req, file, render);
      return;
    }
    // Vite's hashed assets never change; index.html must be re-read to pick up a new build.
    send(res, req, file, size, file.endsWith('index.html') ? 'no-cache' : 'public, max-age=3600');
    return;
  }
  if (extname(urlPath) === '') {
    const index = join(root, 'index.html');
    const indexSize = await fileSize(index);
    if (indexSize !== undefined) {
      if (render) await sendPage(res, req, index, render);
      else send(res, req, index, indexSize, 'no-cache');
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
