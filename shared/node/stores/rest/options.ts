/**
 * How a RestStore connects: credentials, TLS trust, and the network limits. `restOptionsFromEnv` reads
 * the environment variables MLflow's own Python client reads (mlflow/utils/rest_utils.py,
 * `get_default_host_creds`), so a user's existing setup works unchanged.
 */
import { StoreError } from '../../../common/errors';

export type RestAuth =
  | { kind: 'none' }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string };

export interface RestStoreOptions {
  auth?: RestAuth;
  /** PEM CA bundle trusted for the server's certificate (MLFLOW_TRACKING_SERVER_CERT_PATH). */
  caCertPath?: string;
  /** PEM holding the client certificate and its key (MLFLOW_TRACKING_CLIENT_CERT_PATH), as `requests`' `cert`. */
  clientCertPath?: string;
  /** Skip certificate and host name checks (MLFLOW_TRACKING_INSECURE_TLS). Never with `caCertPath`. */
  insecureTls?: boolean;
  /** Per attempt, from sending to the last body byte. Default 120 s (MLflow's MLFLOW_HTTP_REQUEST_TIMEOUT). */
  timeoutMs?: number;
  /** Requests in flight at once to this server. Default 4. */
  maxInFlight?: number;
  /** Retries after the first attempt, for connection errors, timeouts, 429 and 5xx. Default 3. */
  retries?: number;
  /** Backoff before retry n is random in [0, min(max, base·2ⁿ)] (full jitter). Defaults 500 ms / 10 s. */
  retryBaseDelayMs?: number;
  retryMaxDelayMs?: number;
  /** Longest Retry-After honoured; a longer one is shortened to this. Default 30 s. */
  retryAfterCapMs?: number;
}

export const DEFAULTS = {
  timeoutMs: 120_000,
  maxInFlight: 4,
  retries: 3,
  retryBaseDelayMs: 500,
  retryMaxDelayMs: 10_000,
  retryAfterCapMs: 30_000,
} as const;

/** The `Authorization` header value MLflow's client sends, or undefined for no auth. */
export function authorizationHeader(auth: RestAuth | undefined): string | undefined {
  if (!auth || auth.kind === 'none') return undefined;
  if (auth.kind === 'basic') {
    return `Basic ${Buffer.from(`${auth.username}:${auth.password}`, 'utf8').toString('base64')}`;
  }
  return `Bearer ${auth.token}`;
}

/** MLflow's boolean variables accept true/false/1/0 in any case and reject anything else. */
function envBoolean(name: string, value: string | undefined): boolean {
  if (value === undefined || value.trim() === '') return false;
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1') return true;
  if (v === 'false' || v === '0') return false;
  throw new StoreError('INVALID_ARGUMENT', `${name} must be true, false, 1 or 0 (got '${value}')`);
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * Connection options from MLflow's environment variables. As in MLflow's `http_request`, a username
 * AND a password make Basic auth, which is checked before MLFLOW_TRACKING_TOKEN (Bearer): MLflow's
 * docstring says the token wins, its code (every version since 1.x) sends Basic when both are set.
 */
export function restOptionsFromEnv(env: NodeJS.ProcessEnv): RestStoreOptions {
  const username = nonEmpty(env.MLFLOW_TRACKING_USERNAME);
  const password = env.MLFLOW_TRACKING_PASSWORD;
  const token = nonEmpty(env.MLFLOW_TRACKING_TOKEN);
  const insecureTls = envBoolean('MLFLOW_TRACKING_INSECURE_TLS', env.MLFLOW_TRACKING_INSECURE_TLS);
  const caCertPath = nonEmpty(env.MLFLOW_TRACKING_SERVER_CERT_PATH);
  const clientCertPath = nonEmpty(env.MLFLOW_TRACKING_CLIENT_CERT_PATH);
  if (insecureTls && caCertPath) {
    throw new StoreError(
      'INVALID_ARGUMENT',
      'MLFLOW_TRACKING_INSECURE_TLS and MLFLOW_TRACKING_SERVER_CERT_PATH are both set: set only one ' +
        '(trust the CA file, or skip certificate checks for testing)',
    );
  }
  const options: RestStoreOptions = { auth: { kind: 'none' }, insecureTls };
  if (username && password) options.auth = { kind: 'basic', username, password };
  else if (token) options.auth = { kind: 'bearer', token };
  if (caCertPath) options.caCertPath = caCertPath;
  if (clientCertPath) options.clientCertPath = clientCertPath;
  return options;
}

/** Rejects option combinations MLflow's client rejects too. */
export function checkOptions(options: RestStoreOptions): void {
  if (options.insecureTls && options.caCertPath) {
    throw new StoreError(
      'INVALID_ARGUMENT',
      'Insecure TLS and a CA certificate file cannot be used together: trust the CA file, or skip certificate checks',
    );
  }
}
