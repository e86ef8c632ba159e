/**
 * The web host: serves the renderer and the contract over HTTP on a local port, for `runlens serve`
 * and for machines where the desktop app cannot start.
 *
 * Order of checks for every request: Host header (403), token (401; a GET of the page with the right
 * `?token=` sets the cookie and serves the page at once — the page drops the token from the address
 * bar — while any other path redirects to the same URL without it), then API (`/api/<method>`,
 * same-origin only) or static files. The page carries the first answers (bootData.ts). Every response carries the CSP and nosniff headers; no CORS header is ever
 * sent, so browsers keep other sites from reading anything.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunlensHandlers } from '../../common/contract';
import { handleApi, sendError } from './apiRoute';
import { EVENTS_PATH, handleEventStream, type RunlensEventSource } from './eventStream';
import { networkInterfaces } from 'node:os';
import { isAuthenticated, isSameOriginOrNone, newToken, tokenCookie, tokensMatch } from './auth';
import {
  allowedHosts,
  type InterfaceList,
  isAllowedHost,
  isLoopbackAddress,
  reachableAddresses,
  urlHostForm,
} from './hostCheck';
import { isFetchFromOwnPages } from './fetchMetadata';
import { defaultStaticDir, isPagePath, serveStatic, type RenderPage } from './staticFiles';
import { bootAnswers } from './bootData';
import { pageParts } from './pageParts';
import type { ShellPrerenderer } from './shellPrerender';
import { FirstPageLoad } from './firstPageLoad';
import { isLoopbackViewer } from './remoteViewer';
import { logInternalError, stderrSink, type LogSink } from '../log/errorLog';
import { RENDERER_CSP } from '../rendererAssets';

export interface WebHostOptions {
  service: RunlensHandlers;
  /** Served as Server-Sent Events at GET /api/events (InspectorService.onEvent); none: the stream stays silent. */
  events?: RunlensEventSource;
  /** Interface to bind; 127.0.0.1 unless the user asks otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer; dist/renderer of this installation by default. */
  staticDir?: string;
  /** Fixed token (tests); a fresh random one per launch otherwise. */
  token?: string;
  /** Extra names the server is reached at (`--host-name`), accepted in the Host header. */
  hostNames?: readonly string[];
  /** The machine's interfaces, read for wildcard binds (tests inject them); os.networkInterfaces(). */
  interfaces?: InterfaceList;
  /** Where unexpected errors are logged with their stack (secrets redacted); stderr by default. */
  errorLog?: LogSink;
  /** The app's shell for the page's answers (shellPrerender.ts); none: the page carries answers only. */
  prerenderer?: ShellPrerenderer;
}

export interface WebHost {
  /** The URL to open, with the token: http://127.0.0.1:PORT/?token=TOKEN */
  url: string;
  /** Every URL the server is reachable at (url first): one per address and --host-name. */
  urls: string[];
  port: number;
  token: string;
  /**
   * Resolves once the first page and the script and stylesheet it names have been sent
   * (firstPageLoad.ts): work that may wait (reading caches ahead) waits for it.
   */
  firstPageLoaded: Promise<void>;
  close(): Promise<void>;
}

/** frame-ancestors only works as a header: no other page may frame the app (clickjacking). */
export const CONTENT_SECURITY_POLICY = `${RENDERER_CSP}; frame-ancestors 'none'`;

function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  // The first URL carries the token: never send it on to anything the page links to.
  res.setHeader('Referrer-Policy', 'no-referrer');
}

function sendText(res: ServerResponse, status: number, html: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(`<!doctype html><meta charset="utf-8"><title>Runlens</title><p>${html}</p>\n`);
}

const NOT_SIGNED_IN =
  'Runlens needs the link it printed when it started: open the URL printed by <code>runlens serve</code> ' +
  '(it ends with <code>?token=…</code>).';

/** Where the server answers, loopback first (the URL to open on this machine), then the names given. */
function reachableHosts(
  host: string,
  interfaces: InterfaceList,
  names: readonly string[],
): string[] {
  const addresses = reachableAddresses(host, interfaces);
  const loopback = addresses.filter(isLoopbackAddress);
  const ordered = [...loopback, ...addresses.filter((a) => !isLoopbackAddress(a)), ...names];
  // A wildcard on a machine whose interfaces are unknown still answers on loopback.
  return ordered.length > 0 ? ordered : ['127.0.0.1'];
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? newToken();
  const staticDir = options.staticDir ?? defaultStaticDir();
  const errorLog = options.errorLog ?? stderrSink;
  let allowed = new Set<string>();
  let boundPort = 0;
  const firstPage = new FirstPageLoad();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setSecurityHeaders(res);
    if (!isAllowedHost(req, allowed)) {
      sendText(res, 403, 'Runlens refused this request: unexpected Host header.');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://runlens.invalid');
    const isApi = url.pathname.startsWith('/api/');
    const given = url.searchParams.get('token');
    const render: RenderPage = (html) => {
      const { prerenderer } = options;
      const answers = bootAnswers(options.service, { remote: !isLoopbackViewer(req) });
      const firstScreen = answers.then(async (a) => ({
        answers: a,
        shell: await prerenderer?.shellFor(a),
      }));
      const page = pageParts(html, firstScreen, { themeScript: prerenderer !== undefined });
      firstPage.pageSent(page.start, url.pathname);
      return page;
    };
    if (given !== null && (req.method === 'GET' || req.method === 'HEAD') && !isApi) {
      if (!tokensMatch(given, token)) {
        sendText(res, 401, `Wrong token. ${NOT_SIGNED_IN}`);
        return;
      }
      res.setHeader('Set-Cookie', tokenCookie(token, boundPort));
      // The page at once: a redirect first would cost the launch a round trip (issue 12).
      if (isPagePath(url.pathname)) {
        await serveStatic(staticDir, url.pathname, req, res, render);
        return;
      }
      url.searchParams.delete('token');
      res.statusCode = 302;
      res.setHeader('Location', url.pathname + url.search);
      res.setHeader('Cache-Control', 'no-store');
      res.end();
      return;
    }
    if (!isAuthenticated(req, token, boundPort)) {
      if (isApi)
        sendError(
          res,
          401,
          'UNAUTHORIZED',
          'Not signed in: open the URL printed by `runlens serve`',
        );
      else sendText(res, 401, NOT_SIGNED_IN);
      return;
    }
    if (isApi) {
      if (!isSameOriginOrNone(req) || !isFetchFromOwnPages(req)) {
        sendError(res, 403, 'UNAUTHORIZED', 'Cross-origin API requests are refused');
        return;
      }
      if (url.pathname === EVENTS_PATH) handleEventStream(options.events, req, res);
      else
        await handleApi(
          options.service,
          url.pathname.slice('/api/'.length),
          req,
          res,
          undefined,
          errorLog,
        );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method not allowed.');
      return;
    }
    await serveStatic(staticDir, url.pathname, req, res, render);
    if (res.statusCode === 200) firstPage.fileSent(url.pathname);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      logInternalError(errorLog, `${req.method ?? 'request'} (web host)`, err);
      if (!res.headersSent) sendError(res, 500, 'INTERNAL', 'Internal error');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const interfaces = options.interfaces ?? networkInterfaces();
  const hostNames = options.hostNames ?? [];
  allowed = allowedHosts(host, port, { interfaces, hostNames });
  boundPort = port;
  const urls = reachableHosts(host, interfaces, hostNames).map(
    (h) => `http://${urlHostForm(h)}:${port}/?token=${token}`,
  );

  return {
    url: urls[0] ?? '',
    urls,
    port,
    token,
    firstPageLoaded: firstPage.loaded,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
