/**
 * Credentials for `runlens serve https://…`, never as argv values (other users can read a process's
 * command line): `--password-stdin` reads the password from the first line of stdin, `--token-env NAME`
 * reads a token from the environment variable NAME, and MLflow's own MLFLOW_TRACKING_* variables apply
 * as they do for MLflow's client. The secret stays in the process's memory.
 */
import type { StoreInfo } from '../../common/contract';
import { type Result, toApiError } from '../../common/errors';
import {
  type CliConnection,
  type ConnectionManager,
  normalizeServerUrl,
} from '../connections/ConnectionManager';
import { envConnection } from '../connections/envProfile';
import type { InspectorService } from '../service/InspectorService';
import { type Parsed, flag, stringValue } from './args';
import { UsageError } from './io';

/** The options `serve` accepts for remote servers (merged into its parseArgs options). */
export const CREDENTIAL_OPTIONS = {
  username: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'token-env': { type: 'string' },
} as const;

/** `--password X` / `--token X` would put the secret in the process list: refuse them with the way that works. */
export function refuseSecretArgs(args: readonly string[]): void {
  for (const arg of args) {
    const name = /^--(password|token)(=|$)/.exec(arg)?.[1];
    if (name === 'password')
      throw new UsageError(
        '--password is not accepted (others can read a command line): use --password-stdin',
      );
    if (name === 'token')
      throw new UsageError(
        '--token is not accepted (others can read a command line): use --token-env NAME',
      );
  }
}

export const isServerUrl = (location: string): boolean => /^https?:\/\//i.test(location.trim());

/** What the flags ask for, checked before anything is read. Null when no credential flag is given. */
export interface CredentialFlags {
  username?: string;
  passwordStdin: boolean;
  tokenEnv?: string;
}

export function credentialFlags(parsed: Parsed, stores: readonly string[]): CredentialFlags | null {
  const username = stringValue(parsed, 'username');
  const passwordStdin = flag(parsed, 'password-stdin');
  const tokenEnv = stringValue(parsed, 'token-env');
  if (username === undefined && !passwordStdin && tokenEnv === undefined) return null;
  if (!stores.some(isServerUrl)) {
    throw new UsageError(
      '--username, --password-stdin and --token-env apply to an http(s):// tracking server: give its URL',
    );
  }
  if (tokenEnv !== undefined && (username !== undefined || passwordStdin)) {
    throw new UsageError(
      'use either --token-env (Bearer token) or --username with --password-stdin, not both',
    );
  }
  if (passwordStdin && !username) throw new UsageError('--password-stdin needs --username');
  if (tokenEnv !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv)) {
    throw new UsageError(
      `--token-env takes the NAME of an environment variable, not '${tokenEnv.slice(0, 3)}…'`,
    );
  }
  const out: CredentialFlags = { passwordStdin };
  if (username !== undefined) out.username = username;
  if (tokenEnv !== undefined) out.tokenEnv = tokenEnv;
  return out;
}

/**
 * The connection for one server URL: MLflow's environment variables, with the flags' credentials on
 * top; `flagSecret` is what readFlagSecret read for the flags.
 */
export function serverConnection(
  url: string,
  flags: CredentialFlags | null,
  env: NodeJS.ProcessEnv,
  flagSecret: string | undefined,
): CliConnection {
  const fromEnv = envConnection({ ...env, MLFLOW_TRACKING_URI: url });
  const connection: CliConnection = {
    url,
    authKind: 'none',
    insecureTls: fromEnv?.options.insecureTls ?? false,
  };
  if (fromEnv?.options.caCertPath) connection.caCertPath = fromEnv.options.caCertPath;
  if (fromEnv?.options.clientCertPath) connection.clientCertPath = fromEnv.options.clientCertPath;
  const auth = fromEnv?.options.auth;
  if (flags) {
    const secret = flagSecret;
    connection.authKind = flags.tokenEnv !== undefined ? 'bearer' : 'basic';
    if (flags.username !== undefined) connection.username = flags.username;
    if (secret !== undefined) connection.secret = secret;
  } else if (auth?.kind === 'basic') {
    Object.assign(connection, {
      authKind: 'basic',
      username: auth.username,
      secret: auth.password,
    });
  } else if (auth?.kind === 'bearer') {
    Object.assign(connection, { authKind: 'bearer', secret: auth.token });
  }
  return connection;
}

/** Reads the secret the flags point at: a line of stdin, or the named environment variable. */
export async function readFlagSecret(
  flags: CredentialFlags,
  env: NodeJS.ProcessEnv,
  readStdinLine: () => Promise<string | null>,
): Promise<string> {
  if (flags.tokenEnv !== undefined) {
    const token = env[flags.tokenEnv]?.trim();
    if (!token)
      throw new UsageError(
        `--token-env ${flags.tokenEnv}: that environment variable is empty or not set`,
      );
    return token;
  }
  if (flags.passwordStdin) {
    const line = await readStdinLine();
    if (!line)
      throw new UsageError(
        '--password-stdin: stdin gave no password (pipe it in, e.g. `… --password-stdin < file`)',
      );
    return line;
  }
  const password = env.MLFLOW_TRACKING_PASSWORD;
  if (!password)
    throw new UsageError(
      '--username needs --password-stdin (or MLFLOW_TRACKING_PASSWORD in the environment)',
    );
  return password;
}

/** The first line of a stream (without its line ending), or null when it ends before giving any. */
export function readFirstLine(stream: NodeJS.ReadableStream): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let text = '';
    const finish = (value: string | null): void => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', reject);
      stream.pause();
      resolve(value);
    };
    const onData = (chunk: Buffer | string): void => {
      text += chunk.toString();
      const newline = text.search(/\r?\n/);
      if (newline >= 0) finish(text.slice(0, newline));
    };
    const onEnd = (): void => finish(text === '' ? null : text);
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', reject);
    stream.resume();
  });
}

/**
 * Opens a server given on the command line: listed as a read-only 'cli' profile, then connected.
 * MLFLOW_TRACKING_URI's own server without credential flags is the 'env' profile already: reused.
 */
export async function connectServer(
  service: InspectorService,
  connections: ConnectionManager,
  connection: CliConnection,
  options: { flags: CredentialFlags | null; env: NodeJS.ProcessEnv },
): Promise<Result<StoreInfo>> {
  try {
    const envProfile = options.flags ? null : envConnection(options.env)?.profile;
    const profileId =
      envProfile && envProfile.url === normalizeServerUrl(connection.url)
        ? envProfile.id
        : connections.addCliConnection(connection).id;
    return await service.connect({ profileId });
  } catch (err) {
    return { ok: false, error: toApiError(err) };
  }
}
