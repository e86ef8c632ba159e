/**
 * Replays a captures folder of a real `mlflow server` (test/fixtures/mlflow-*\/rest*): an HTTP(S) server
 * on 127.0.0.1 that answers each request with the bytes MLflow sent for the same request. Nothing is
 * invented: an unmatched request gets MLflow's own 404 page (`error.wrong_path.html`), as MLflow does.
 *
 * A request matches a capture when method, path, query parameters and JSON body are equal as values
 * (parameter order, key order, `%20` vs `+` do not matter). Two leniencies, both MLflow's own rules:
 * - `run_uuid` is the deprecated alias of `run_id` (MLflow's server accepts either): runs/get with
 *   `run_id=X` matches the capture sent with `run_uuid=X`;
 * - `max_results` is ignored when the captured answer is complete — a 200 JSON answer without
 *   `next_page_token` holding fewer items than the request's `max_results`, or a 404 JSON "does not
 *   exist" — because a larger page cannot hold more than everything. This lets RestStore send the page sizes MLflow's client sends
 *   (1000, 25000) where the capture was taken with another value or none. Incomplete answers (the 3.x
 *   get-history bug: no points and a token) never match a different max_results.
 * Responses are sent with the captured status and content type; where the capture's header file says
 * the server streamed (`Transfer-Encoding: chunked`, the artifact proxy), the body is streamed too.
 */
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Capture, CaptureSet } from '../conformance/captures';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  headers: http.IncomingHttpHeaders;
  /** The capture answered, or null (404 page). */
  capture: string | null;
}

export interface ReplayOptions {
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: Buffer; cert: Buffer; ca?: Buffer; requestCert?: boolean };
  /** Answers a request before replay (e.g. an auth check); return true when it answered. */
  gate?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

export interface ReplayServer {
  url: string;
  captures: CaptureSet;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Query = Record<string, string | string[]>;

function parseQuery(search: string): Query {
  const out: Query = {};
  for (const [k, v] of new URLSearchParams(search)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined && v !== null) out[k === 'run_uuid' ? 'run_id' : k] = normalise(v);
    }
    return out;
  }
  return typeof value === 'number' ? String(value) : value;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(normalise(a)) === JSON.stringify(normalise(b));
}

/** A parameter sent once is a one-element list in the captures' `query` when the capture sent a list. */
function sameQuery(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const flat = (q: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(q).map(([k, v]) => [k, Array.isArray(v) && v.length === 1 ? v[0] : v]),
    );
  return same(flat(a), flat(b));
}

function without(value: Record<string, unknown> | null, key: string): Record<string, unknown> {
  const { [key]: _dropped, ...rest } = value ?? {};
  return rest;
}

/** Items in a complete captured answer, or undefined when the answer may be partial. */
function completeCount(set: CaptureSet, c: Capture): number | undefined {
  // MLflow's "no such run" (404 JSON) does not depend on the page size either.
  if (c.status === 404 && c.content_type.startsWith('application/json')) return 0;
  if (c.status !== 200 || !c.content_type.startsWith('application/json')) return undefined;
  const json = set.json(c.file);
  if (json.next_page_token !== undefined) return undefined;
  const lists = Object.values(json).filter(Array.isArray);
  return lists.length === 0 ? 0 : Math.max(...lists.map((l) => l.length));
}

export function findCapture(
  set: CaptureSet,
  method: string,
  path: string,
  query: Query,
  body: unknown,
): Capture | undefined {
  const candidates = set.entries.filter((c) => c.method === method && c.path === path);
  const exact = candidates.find((c) => sameQuery(c.query, query) && same(c.body ?? {}, body ?? {}));
  if (exact) return exact;
  const asked = Number(
    (method === 'GET'
      ? query.max_results
      : (body as Record<string, unknown> | null)?.max_results) ?? NaN,
  );
  if (!Number.isFinite(asked)) return undefined;
  return candidates.find((c) => {
    const sameRest =
      method === 'GET'
        ? sameQuery(without(c.query, 'max_results'), without(query, 'max_results')) &&
          c.body === null
        : same(
            without(c.body, 'max_results'),
            without(body as Record<string, unknown>, 'max_results'),
          ) && sameQuery(c.query, query);
    if (!sameRest) return false;
    const count = completeCount(set, c);
    return count !== undefined && count < asked;
  });
}

/** Capture file → its raw headers file, from the README table (`file` (headers: `x.headers.txt`)). */
function headerFiles(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const readme = readFileSync(join(dir, 'README.md'), 'utf8');
  for (const m of readme.matchAll(/\| `([^`]+)` \(headers: `([^`]+)`\)/g))
    if (m[1] && m[2]) out.set(m[1], m[2]);
  return out;
}

function streamed(dir: string, headers: Map<string, string>, file: string): boolean {
  const h = headers.get(file);
  return (
    h !== undefined && /^transfer-encoding:\s*chunked/im.test(readFileSync(join(dir, h), 'utf8'))
  );
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function startReplayServer(
  dir: string,
  options: ReplayOptions = {},
): Promise<ReplayServer> {
  const captures = new CaptureSet(dir);
  const headers = headerFiles(dir);
  const notFound = captures.get('error.wrong_path.html');
  const requests: RecordedRequest[] = [];

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://replay');
      const body = await readBody(req);
      const query = parseQuery(url.search);
      const path = decodeURIComponent(url.pathname);
      const capture = findCapture(captures, req.method ?? 'GET', path, query, body);
      requests.push({
        method: req.method ?? 'GET',
        path,
        query,
        body,
        headers: req.headers,
        capture: capture?.file ?? null,
      });
      if (options.gate?.(req, res)) return;
      const answer = capture ?? notFound;
      const bytes = captures.bytes(answer.file);
      res.statusCode = answer.status;
      res.setHeader('Content-Type', answer.content_type);
      if (capture && streamed(dir, headers, capture.file)) {
        // Two writes without a length: Node sends it chunked, as gunicorn did.
        res.write(bytes.subarray(0, Math.ceil(bytes.length / 2)));
        res.end(bytes.subarray(Math.ceil(bytes.length / 2)));
        return;
      }
      res.setHeader('Content-Length', bytes.length);
      res.end(bytes);
    })().catch(() => res.destroy());
  };

  const server = options.tls
    ? https.createServer(
        {
          key: options.tls.key,
          cert: options.tls.cert,
          ca: options.tls.ca,
          requestCert: options.tls.requestCert ?? false,
          rejectUnauthorized: options.tls.requestCert ?? false,
        },
        handler,
      )
    : http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    captures,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
