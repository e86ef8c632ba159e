/**
 * One MLflow server over HTTP(S): builds URLs under the server's base path, sends credentials, bounds
 * each attempt by a deadline, retries what is transient, and keeps at most `maxInFlight` requests open.
 *
 * Contract:
 * - `json()` resolves with the parsed JSON object of a 2xx answer; `stream()` hands a 2xx response to a
 *   consumer (artifact bytes). Anything else rejects with a StoreError (httpErrors.ts).
 * - Retried: connection errors, timeouts, a connection cut mid-body, 429 and 5xx (except statuses a
 *   caller says mean "missing"); never other 4xx, never TLS or DNS failures. Waits honour Retry-After.
 * - `signal` (and `close()`) cancels waiting, backoff and in-flight requests: they reject CANCELLED.
 * - The slot of the semaphore is held for one attempt only, not during backoff.
 */
import { readFileSync } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { StoreError } from '../../../common/errors';
import {
  type EndpointKind,
  type RequestContext,
  httpStatusError,
  malformedJson,
  mlflowErrorBody,
  networkError,
  stripCredentials,
} from './httpErrors';
import { DEFAULTS, type RestStoreOptions, authorizationHeader, checkOptions } from './options';
import {
  RETRY_STATUSES,
  backoffDelay,
  cancelled,
  isTransientNetworkError,
  parseRetryAfter,
  sleep,
} from './retry';
import { Semaphore } from '../Semaphore';

export type QueryValue = string | number | readonly string[] | undefined;

export interface RestRequest {
  method: 'GET' | 'POST';
  /** Server path from the base URL, e.g. `/api/2.0/mlflow/runs/get`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body (POST). */
  body?: unknown;
  /** Default 'base'. */
  endpoint?: EndpointKind;
  signal?: AbortSignal | undefined;
  /** Default application/json. */
  accept?: string;
  /** Statuses that mean "no such thing" here, never retried (MLflow's /get-artifact: 500 = missing file). */
  missingStatuses?: readonly number[];
  /** The NOT_FOUND message for `missingStatuses`. */
  missingMessage?: string;
}

const MAX_JSON_BYTES = 512 << 20;
const MAX_ERROR_BODY = 64 << 10;

class AttemptTimeout extends Error {
  readonly code = 'ETIMEDOUT';
}

export class HttpClient {
  /** The server as given, without credentials, no trailing slash: used in every message. */
  readonly server: string;
  private readonly base: URL;
  /** The server's path prefix ('' or e.g. '/mlflow'), never ending with '/'. */
  private readonly basePath: string;
  private readonly semaphore: Semaphore;
  private readonly closing = new AbortController();
  private agent: http.Agent | undefined;
  private readonly opts: Required<Pick<RestStoreOptions, keyof typeof DEFAULTS>>;

  constructor(
    url: string,
    private readonly options: RestStoreOptions = {},
  ) {
    let parsed: URL;
    try {
      parsed = new URL(url.trim());
    } catch {
      throw new StoreError(
        'INVALID_ARGUMENT',
        `'${stripCredentials(url)}' is not a URL: expected http://host:port or https://host`,
      );
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new StoreError('INVALID_ARGUMENT', `'${stripCredentials(url)}' is not an http(s) URL`);
    }
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    parsed.hash = '';
    this.basePath = parsed.pathname.replace(/\/+$/, '');
    this.base = parsed;
    this.server = `${parsed.origin}${this.basePath}`;
    checkOptions(options);
    this.opts = {
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxInFlight: options.maxInFlight ?? DEFAULTS.maxInFlight,
      retries: options.retries ?? DEFAULTS.retries,
      retryBaseDelayMs: options.retryBaseDelayMs ?? DEFAULTS.retryBaseDelayMs,
      retryMaxDelayMs: options.retryMaxDelayMs ?? DEFAULTS.retryMaxDelayMs,
      retryAfterCapMs: options.retryAfterCapMs ?? DEFAULTS.retryAfterCapMs,
    };
    this.semaphore = new Semaphore(this.opts.maxInFlight, cancelled);
  }

  /** Cancels everything pending and in flight; later requests reject CANCELLED. */
  close(): void {
    this.closing.abort();
    this.agent?.destroy();
  }

  async json(req: RestRequest): Promise<Record<string, unknown>> {
    return this.execute(req, async (res, ctx) => {
      const body = await readAll(res, MAX_JSON_BYTES);
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8'));
      } catch {
        throw malformedJson(ctx);
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw malformedJson(ctx);
      return parsed as Record<string, unknown>;
    });
  }

  /** A 2xx text answer (GET /version). */
  async text(req: RestRequest): Promise<string> {
    return this.execute(req, async (res) => (await readAll(res, 1 << 20)).toString('utf8'));
  }

  /** Hands the 2xx response to `consume`; errors thrown by it while reading count as the attempt's. */
  async stream<T>(req: RestRequest, consume: (res: IncomingMessage) => Promise<T>): Promise<T> {
    return this.execute(req, (res) => consume(res));
  }

  private async execute<T>(
    req: RestRequest,
    onOk: (res: IncomingMessage, ctx: RequestContext) => Promise<T>,
  ): Promise<T> {
    const signal = req.signal
      ? AbortSignal.any([req.signal, this.closing.signal])
      : this.closing.signal;
    const url = this.urlOf(req);
    const ctx: RequestContext = {
      where: `${this.base.origin}${url.pathname}`,
      server: this.server,
      method: req.method,
      endpoint: req.endpoint ?? 'base',
      attempts: 0,
      timeoutMs: this.opts.timeoutMs,
    };
    for (let attempt = 0; ; attempt++) {
      ctx.attempts = attempt + 1;
      const last = attempt >= this.opts.retries;
      let waitMs: number;
      const release = await this.semaphore.acquire(signal);
      try {
        const outcome = await this.attempt(req, url, signal, ctx, onOk);
        if (outcome.ok) return outcome.value;
        const { status, headers, body } = outcome;
        if ((req.missingStatuses ?? []).includes(status) && !mlflowErrorBody(body)) {
          throw new StoreError(
            'NOT_FOUND',
            req.missingMessage ?? `${ctx.where}: not found on the server`,
          );
        }
        if (!RETRY_STATUSES.has(status) || last) throw httpStatusError(status, headers, body, ctx);
        const asked = parseRetryAfter(headers['retry-after'] as string | undefined);
        waitMs =
          asked !== undefined ? Math.min(asked, this.opts.retryAfterCapMs) : this.backoff(attempt);
      } catch (err) {
        if (signal.aborted) throw cancelled();
        if (err instanceof StoreError || last || !isTransientNetworkError(err))
          throw networkError(err, ctx);
        waitMs = this.backoff(attempt);
      } finally {
        release();
      }
      await sleep(waitMs, signal);
    }
  }

  private backoff(attempt: number): number {
    return backoffDelay(attempt, this.opts.retryBaseDelayMs, this.opts.retryMaxDelayMs);
  }

  /** One attempt under the deadline: a 2xx consumed by `onOk`, or the status, headers and (bounded) body. */
  private attempt<T>(
    req: RestRequest,
    url: URL,
    signal: AbortSignal,
    ctx: RequestContext,
    onOk: (res: IncomingMessage, ctx: RequestContext) => Promise<T>,
  ): Promise<
    | { ok: true; value: T }
    | { ok: false; status: number; headers: Record<string, unknown>; body: Buffer }
  > {
    const deadline = new AbortController();
    const timer = setTimeout(
      () => deadline.abort(new AttemptTimeout('timeout')),
      this.opts.timeoutMs,
    );
    const both = AbortSignal.any([signal, deadline.signal]);
    const body = req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body), 'utf8');
    const headers: Record<string, string> = {
      Accept: req.accept ?? 'application/json',
      'User-Agent': 'runlens',
    };
    const auth = authorizationHeader(this.options.auth);
    if (auth) headers.Authorization = auth;
    if (body) {
      headers['Content-Type'] = 'application/json';
      headers['Content-Length'] = String(body.length);
    }
    const run = async (): Promise<
      | { ok: true; value: T }
      | { ok: false; status: number; headers: Record<string, unknown>; body: Buffer }
    > => {
      const res = await this.send(url, req.method, headers, body, both);
      const status = res.statusCode ?? 0;
      if (status >= 200 && status < 300) return { ok: true, value: await onOk(res, ctx) };
      return {
        ok: false,
        status,
        headers: res.headers,
        body: await readAll(res, MAX_ERROR_BODY, true),
      };
    };
    return run()
      .catch((err: unknown) => {
        if (deadline.signal.aborted && !signal.aborted) throw new AttemptTimeout('timeout');
        throw err;
      })
      .finally(() => clearTimeout(timer));
  }

  private send(
    url: URL,
    method: string,
    headers: Record<string, string>,
    body: Buffer | undefined,
    signal: AbortSignal,
  ): Promise<IncomingMessage> {
    const isHttps = url.protocol === 'https:';
    const agent = this.agentFor(isHttps);
    return new Promise((resolve, reject) => {
      const request = (isHttps ? https : http).request(
        url,
        { method, headers, agent, signal },
        resolve,
      );
      // Marked so that a connection closed before any answer can be told from one cut mid-body.
      request.on('error', (err) => reject(Object.assign(err, { beforeResponse: true })));
      request.end(body);
    });
  }

  /** Keep-alive agent, built on first use so that an unreadable CA file is reported by open(), not the constructor. */
  private agentFor(isHttps: boolean): http.Agent {
    if (this.agent) return this.agent;
    const common = { keepAlive: true, maxSockets: this.opts.maxInFlight };
    if (!isHttps) return (this.agent = new http.Agent(common));
    const tls: https.AgentOptions = {
      ...common,
      rejectUnauthorized: this.options.insecureTls !== true,
    };
    if (this.options.caCertPath) tls.ca = readPem(this.options.caCertPath, 'CA certificate');
    if (this.options.clientCertPath) {
      // requests' `cert=<path>`: one PEM holding the certificate and its private key.
      const pem = readPem(this.options.clientCertPath, 'client certificate');
      tls.cert = pem;
      tls.key = pem;
    }
    return (this.agent = new https.Agent(tls));
  }

  private urlOf(req: RestRequest): URL {
    const url = new URL(this.base.toString());
    url.pathname = `${this.basePath}${req.path}`;
    const parts: string[] = [];
    for (const [key, value] of Object.entries(req.query ?? {})) {
      if (value === undefined) continue;
      for (const v of Array.isArray(value) ? value : [value])
        parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(v))}`);
    }
    url.search = parts.join('&');
    return url;
  }
}

function readPem(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (err) {
    const reason = (err as { code?: string }).code ?? String(err);
    throw new StoreError('INVALID_ARGUMENT', `Cannot read the ${what} file ${path} (${reason})`);
  }
}

/** The whole body, at most `limit` bytes (more is an error, or cut when `cut`). */
export async function readAll(res: IncomingMessage, limit: number, cut = false): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      if (cut) {
        res.destroy();
        break;
      }
      throw new StoreError('REMOTE_ERROR', `The server's answer is larger than ${limit >> 20} MiB`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
