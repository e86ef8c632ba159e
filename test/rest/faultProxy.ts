/**
 * An HTTP proxy on 127.0.0.1 that sits in front of a replay server and breaks chosen requests the
 * ways networks and servers break: delays, a connection cut mid-body, a body cut short but
 * well-framed (malformed JSON), 429/503 with Retry-After, a body trickling one byte at a time, a
 * rewritten request (to reproduce mlflow#23916 with the server's real answer), a path the server lacks.
 * The answers themselves always come from the replay server, i.e. from real MLflow captures.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  | { kind: 'delay'; ms: number }
  | { kind: 'reset-mid-body' }
  | { kind: 'truncate-body' }
  | { kind: 'status'; status: number; retryAfter?: string }
  | { kind: 'trickle'; intervalMs: number }
  | { kind: 'rewrite'; change: (url: URL) => void }
  | { kind: 'not-found' };

export interface FaultRule {
  /** Matches on method and decoded path (no query). */
  when: (method: string, path: string) => boolean;
  fault: Fault;
  /** How many matching requests get the fault; default: all. */
  times?: number;
}

export interface Hit {
  method: string;
  path: string;
  query: string;
  at: number;
  fault: Fault['kind'] | null;
}

export interface FaultProxy {
  url: string;
  rules: FaultRule[];
  hits: Hit[];
  /** Most requests open at once. */
  maxConcurrent: number;
  /** Requests open now (a client that aborts closes its request: it leaves this count at once). */
  active: number;
  hitsOn(path: string): Hit[];
  close(): Promise<void>;
}

interface Upstream {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks);
}

function forward(target: URL, req: IncomingMessage, url: URL, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host };
    const out = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: `${url.pathname}${url.search}`,
        headers,
      },
      (res) => {
        readAll(res).then(
          (b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }),
          reject,
        );
      },
    );
    out.on('error', reject);
    out.end(body);
  });
}

export async function startFaultProxy(
  targetUrl: string,
  rules: FaultRule[] = [],
): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const hits: Hit[] = [];
  let active = 0;
  const proxy: FaultProxy = {
    url: '',
    rules,
    hits,
    maxConcurrent: 0,
    active: 0,
    hitsOn: (path) => hits.filter((h) => h.path === path),
    close: () => Promise.resolve(),
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname);
    const rule = proxy.rules.find((r) => (r.times ?? Infinity) > 0 && r.when(method, path));
    if (rule && rule.times !== undefined) rule.times--;
    const fault = rule?.fault;
    hits.push({ method, path, query: url.search, at: Date.now(), fault: fault?.kind ?? null });
    const body = await readAll(req);

    if (fault?.kind === 'status') {
      res.statusCode = fault.status;
      if (fault.retryAfter !== undefined) res.setHeader('Retry-After', fault.retryAfter);
      res.setHeader('Content-Type', 'text/html');
      res.end(`<html><body><h1>${fault.status} from the proxy</h1></body></html>`);
      return;
    }
    if (fault?.kind === 'rewrite') fault.change(url);
    if (fault?.kind === 'not-found') url.pathname = '/__no_such_endpoint__';
    if (fault?.kind === 'delay') await sleep(fault.ms);
    const up = await forward(target, req, url, body);

    res.statusCode = up.status;
    for (const name of ['content-type', 'retry-after'] as const) {
      const v = up.headers[name];
      if (v !== undefined) res.setHeader(name, v);
    }
    if (fault?.kind === 'truncate-body') {
      const half = up.body.subarray(0, Math.floor(up.body.length / 2));
      res.setHeader('Content-Length', half.length);
      res.end(half);
      return;
    }
    res.setHeader('Content-Length', up.body.length);
    if (fault?.kind === 'reset-mid-body') {
      res.write(up.body.subarray(0, Math.floor(up.body.length / 2)));
      await sleep(20);
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'trickle') {
      res.flushHeaders();
      for (let i = 0; i < up.body.length && !res.destroyed; i++) {
        res.write(up.body.subarray(i, i + 1));
        await sleep(fault.intervalMs);
      }
      res.end();
      return;
    }
    res.end(up.body);
  };

  const server = http.createServer((req, res) => {
    active++;
    proxy.active = active;
    proxy.maxConcurrent = Math.max(proxy.maxConcurrent, active);
    res.on('close', () => {
      active--;
      proxy.active = active;
    });
    handle(req, res).catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
