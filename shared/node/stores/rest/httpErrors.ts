/**
 * Every way a request can fail, as a StoreError a user can act on. Raw HTML never reaches a message
 * (MLflow answers unknown paths with Flask's 404 page, wrong methods with 405, a missing artifact with
 * a 500 page); a JSON error's own message does, since MLflow writes those for people.
 * Messages name the server and path, never credentials.
 */
import { type ErrorCode, StoreError } from '../../../common/errors';

/** A path every MLflow server ≥ 2.0 has ('base'), or one that only some versions have ('optional'). */
export type EndpointKind = 'base' | 'optional';

/** The endpoint exists in other MLflow versions, not on this server; callers of optional endpoints catch it. */
export class EndpointMissingError extends StoreError {
  constructor(message: string) {
    super('REMOTE_ERROR', message);
    this.name = 'EndpointMissingError';
  }
}

/** The server answered 2xx with a body that is not JSON; typed so callers never read the message text. */
export class MalformedJsonError extends StoreError {
  constructor(message: string) {
    super('REMOTE_ERROR', message);
    this.name = 'MalformedJsonError';
  }
}

export interface RequestContext {
  /** Where the request went, for messages: origin + base path + endpoint path, no credentials, no query. */
  where: string;
  /** The server as the user gave it (no credentials). */
  server: string;
  method: string;
  endpoint: EndpointKind;
  attempts: number;
  timeoutMs: number;
}

const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);

const TRY_INSECURE = 'or, for testing only, allow insecure TLS (MLFLOW_TRACKING_INSECURE_TLS)';

/** A failure below HTTP: connection, DNS, TLS, timeout. */
export function networkError(err: unknown, ctx: RequestContext): StoreError {
  if (err instanceof StoreError) return err;
  const e = err as { code?: unknown; message?: unknown; hostname?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  const host = hostOf(ctx.server);
  const after = ctx.attempts > 1 ? ` (${ctx.attempts} attempts)` : '';
  const remote = (message: string): StoreError =>
    new StoreError('REMOTE_ERROR', message, { cause: err });
  if (code === 'ECONNREFUSED') {
    return remote(
      `Cannot reach ${ctx.server}: connection refused${after} — is the MLflow server running at this address and port?`,
    );
  }
  if (code === 'ENOTFOUND')
    return remote(`Cannot find host '${host}' (DNS lookup failed) — check the server URL`);
  if (code === 'EAI_AGAIN')
    return remote(`DNS lookup of '${host}' failed${after} — check the network connection`);
  if (code === 'ETIMEDOUT') {
    return remote(
      `No complete answer from ${ctx.where} within ${ctx.timeoutMs / 1000} s${after} — the server is slow or unreachable`,
    );
  }
  const unanswered = (err as { beforeResponse?: unknown }).beforeResponse === true;
  if (unanswered && (code === 'ECONNRESET' || code === 'EPIPE')) {
    const hint = ctx.server.startsWith('http:')
      ? ' — if it is an https server, use https://'
      : ' — the server or a proxy refused it';
    return remote(`${ctx.server} closed the connection without answering${after}${hint}`);
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'ECONNABORTED') {
    return remote(
      `The connection to ${ctx.server} was cut while reading ${ctx.where}${after} — the server or a proxy closed it`,
    );
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH')
    return remote(`Cannot reach ${ctx.server}: no network route to '${host}'${after}`);
  if (UNTRUSTED.has(code)) {
    return remote(
      `The server's certificate is not trusted (unknown CA) — add the CA file (MLFLOW_TRACKING_SERVER_CERT_PATH or the connection's CA certificate) ${TRY_INSECURE}`,
    );
  }
  if (code === 'CERT_HAS_EXPIRED')
    return remote(`The server's certificate has expired — renew it on ${host}, ${TRY_INSECURE}`);
  if (code === 'CERT_NOT_YET_VALID')
    return remote(`The server's certificate is not valid yet — check the clocks of both machines`);
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return remote(
      `The server's certificate was issued for another host name than '${host}' — connect with the name in the certificate, ${TRY_INSECURE}`,
    );
  }
  if (
    /CERTIFICATE_REQUIRED|ALERT_BAD_CERTIFICATE|ALERT_UNKNOWN_CA|ALERT_HANDSHAKE_FAILURE/.test(code)
  ) {
    return remote(
      `${ctx.server} asks for a client certificate it trusts (${code}) — set the client certificate file (MLFLOW_TRACKING_CLIENT_CERT_PATH)`,
    );
  }
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_')) {
    return remote(
      `TLS handshake with ${ctx.server} failed (${code}) — is it an https server? For a plain http server use http://`,
    );
  }
  if (code.startsWith('CERT_') || code.startsWith('ERR_TLS_'))
    return remote(`TLS error with ${ctx.server}: ${code}`);
  const detail = typeof e.message === 'string' && e.message ? e.message : String(err);
  return remote(`Request to ${ctx.where} failed${after}: ${detail}`);
}

const JSON_CODES: Record<string, ErrorCode> = {
  RESOURCE_DOES_NOT_EXIST: 'NOT_FOUND',
  NOT_FOUND: 'NOT_FOUND',
  INVALID_PARAMETER_VALUE: 'INVALID_ARGUMENT',
  BAD_REQUEST: 'INVALID_ARGUMENT',
  MALFORMED_REQUEST: 'INVALID_ARGUMENT',
  INVALID_STATE: 'INVALID_ARGUMENT',
  PERMISSION_DENIED: 'UNAUTHORIZED',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  CUSTOMER_UNAUTHORIZED: 'UNAUTHORIZED',
};

/** MLflow's JSON error body `{"error_code", "message"}`, or undefined when the body is something else. */
export function mlflowErrorBody(body: Buffer): { errorCode: string; message: string } | undefined {
  try {
    const json = JSON.parse(body.toString('utf8')) as unknown;
    if (typeof json !== 'object' || json === null) return undefined;
    const { error_code: code, message } = json as Record<string, unknown>;
    if (typeof code !== 'string') return undefined;
    return { errorCode: code, message: typeof message === 'string' ? message : code };
  } catch {
    return undefined;
  }
}

/** A non-2xx answer (after retries, where they apply). */
export function httpStatusError(
  status: number,
  headers: Record<string, unknown>,
  body: Buffer,
  ctx: RequestContext,
): StoreError {
  const json = mlflowErrorBody(body);
  const after = ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '';
  if (status === 401) {
    return new StoreError(
      'UNAUTHORIZED',
      `${ctx.server}: credentials missing or wrong (HTTP 401) — check the username and password, or the token`,
    );
  }
  if (status === 403) {
    return new StoreError(
      'UNAUTHORIZED',
      `${ctx.server}: no permission to read ${ctx.where} (HTTP 403) — ask the server's admin for READ permission`,
    );
  }
  if (json && json.errorCode === 'ENDPOINT_NOT_FOUND') return missing(ctx);
  if (json) {
    const code = JSON_CODES[json.errorCode];
    if (code) return new StoreError(code, json.message);
    return new StoreError(
      'REMOTE_ERROR',
      `${ctx.server} answered ${json.errorCode} (HTTP ${status})${after}: ${json.message}`,
    );
  }
  if (status >= 300 && status < 400) {
    const location =
      typeof headers.location === 'string' ? ` to ${stripCredentials(headers.location)}` : '';
    return new StoreError(
      'REMOTE_ERROR',
      `${ctx.server} redirected ${ctx.where}${location} (HTTP ${status}) — use the address it redirects to`,
    );
  }
  if (status === 404 || status === 405) return missing(ctx);
  if (status === 429)
    return new StoreError(
      'REMOTE_ERROR',
      `${ctx.server} is rate limiting requests (HTTP 429)${after} — try again later`,
    );
  if (status >= 500)
    return new StoreError(
      'REMOTE_ERROR',
      `${ctx.server} failed on ${ctx.where} (HTTP ${status})${after} — the server had an internal error`,
    );
  return new StoreError('REMOTE_ERROR', `Unexpected HTTP ${status} from ${ctx.where}`);
}

function missing(ctx: RequestContext): StoreError {
  if (ctx.endpoint === 'optional') {
    return new EndpointMissingError(`${ctx.where}: endpoint not in this MLflow version`);
  }
  return new StoreError(
    'REMOTE_ERROR',
    `${ctx.server} is not an MLflow server (no ${ctx.method} ${pathOf(ctx.where)} there) — give the address \`mlflow server\` listens on`,
  );
}

export function malformedJson(ctx: RequestContext): StoreError {
  return new MalformedJsonError(
    `malformed JSON from ${ctx.where} — the server (or a proxy in front of it) sent something else`,
  );
}

/** The URL without user:password@ (never shown, never logged). */
export function stripCredentials(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}

function hostOf(server: string): string {
  try {
    return new URL(server).hostname;
  } catch {
    return server;
  }
}

function pathOf(where: string): string {
  try {
    return new URL(where).pathname;
  } catch {
    return where;
  }
}
