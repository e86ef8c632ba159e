/**
 * The connection MLflow's own client would make from the environment: MLFLOW_TRACKING_URI (when it is
 * an http(s) URL) with MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD (Basic) or
 * MLFLOW_TRACKING_TOKEN (Bearer) — Basic first when both are set, as MLflow's code does (and as
 * restOptionsFromEnv in stores/rest does) — MLFLOW_TRACKING_INSECURE_TLS,
 * MLFLOW_TRACKING_SERVER_CERT_PATH and MLFLOW_TRACKING_CLIENT_CERT_PATH. It is listed read-only
 * (source 'env'); its secret is read from the environment each time and never stored.
 */
import type { ConnectionProfile } from '../../common/connections';
import type { RemoteAuth, RemoteOptions } from './remote';

export const ENV_PROFILE_ID = 'env';

/** MLflow's boolean environment variables accept true/false/1/0 in any case. */
function envFlag(value: string | undefined): boolean {
  return value !== undefined && ['true', '1'].includes(value.trim().toLowerCase());
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

export interface EnvConnection {
  profile: ConnectionProfile;
  options: RemoteOptions;
}

export function envConnection(env: NodeJS.ProcessEnv): EnvConnection | null {
  const uri = nonEmpty(env.MLFLOW_TRACKING_URI);
  if (!uri || !/^https?:\/\//i.test(uri)) return null;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return null;
  }
  // Credentials in the URL itself (https://user:pass@host) are used like requests does, but never shown.
  const urlUser = decodeURIComponent(url.username);
  const urlPassword = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const token = nonEmpty(env.MLFLOW_TRACKING_TOKEN);
  const username = nonEmpty(env.MLFLOW_TRACKING_USERNAME) ?? (urlUser || undefined);
  const password = env.MLFLOW_TRACKING_PASSWORD ?? (urlPassword || undefined);
  let auth: RemoteAuth = { kind: 'none' };
  if (username !== undefined && password) auth = { kind: 'basic', username, password };
  else if (token) auth = { kind: 'bearer', token };

  const options: RemoteOptions = { auth, insecureTls: envFlag(env.MLFLOW_TRACKING_INSECURE_TLS) };
  const caCertPath = nonEmpty(env.MLFLOW_TRACKING_SERVER_CERT_PATH);
  const clientCertPath = nonEmpty(env.MLFLOW_TRACKING_CLIENT_CERT_PATH);
  if (caCertPath) options.caCertPath = caCertPath;
  if (clientCertPath) options.clientCertPath = clientCertPath;

  const shown = url.toString().replace(/\/$/, '');
  const profile: ConnectionProfile = {
    id: ENV_PROFILE_ID,
    name: `${url.host} (MLFLOW_TRACKING_URI)`,
    url: shown,
    authKind: auth.kind,
    hasSecret: auth.kind !== 'none',
    insecureTls: options.insecureTls,
    source: 'env',
  };
  if (auth.kind === 'basic') profile.username = auth.username;
  if (caCertPath) profile.caCertPath = caCertPath;
  if (clientCertPath) profile.clientCertPath = clientCertPath;
  return { profile, options };
}
