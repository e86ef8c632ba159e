/**
 * Connection profiles for remote MLflow tracking servers, held by the main process (Electron) or the
 * web host / CLI — never by the renderer, which only ever sees `ConnectionProfile` (with `hasSecret`,
 * never the secret).
 *
 * Three sources, listed in this order: the environment (MLFLOW_TRACKING_URI and friends, read-only),
 * the command line (`runlens serve URL --username … --password-stdin`, in memory, read-only) and the
 * profiles the user saved (connections.json in the config folder; secrets in the injected
 * SecretVault). When the vault cannot store a secret safely it is kept in memory for this session
 * and the profile carries a `secretNotice` saying so; it is never written in plain text.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AuthKind, ConnectionProfile, TestConnectionResult } from '../../common/connections';
import type { RequestOf } from '../../common/contract';
import { StoreError } from '../../common/errors';
import type { TrackingStore } from '../stores/TrackingStore';
import { ENV_PROFILE_ID, envConnection } from './envProfile';
import { ProfileFile, type StoredProfile } from './profileFile';
import { type RemoteAuth, type RemoteClient, type RemoteOptions, restClient } from './remote';
import { SecretStorageUnavailable, type SecretVault } from './SecretVault';

export interface ConnectionManagerOptions {
  /** Folder of connections.json; null keeps saved profiles in memory only (tests, one-off commands). */
  configDir: string | null;
  vault: SecretVault;
  /** Where the read-only 'env' profile comes from; no env profile when omitted. */
  env?: NodeJS.ProcessEnv;
  /** The REST client (tests inject a fake). */
  remote?: RemoteClient;
}

/** A server given on the command line, with its secret already read (stdin or an env variable). */
export interface CliConnection {
  url: string;
  authKind: AuthKind;
  username?: string;
  secret?: string;
  caCertPath?: string;
  clientCertPath?: string;
  insecureTls?: boolean;
}

/** What `connect` opens: everything a RestStore needs. Holds the secret: main process / server only. */
export interface ConnectionTarget {
  /** Stable per profile, so connecting twice reuses the open store. */
  key: string;
  url: string;
  displayName: string;
  options: RemoteOptions;
}

type SaveRequest = RequestOf<'saveConnection'>;
type TestRequest = RequestOf<'testConnection'>;
type ServerFields = Pick<
  StoredProfile,
  'url' | 'authKind' | 'username' | 'caCertPath' | 'clientCertPath' | 'insecureTls'
>;

const secretWord = (kind: AuthKind): string => (kind === 'bearer' ? 'token' : 'password');

/** The base URL to store: http(s) only, no credentials in it, no trailing slash. */
export function normalizeServerUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new StoreError(
      'INVALID_ARGUMENT',
      `'${text}' is not a URL: type the server's address, e.g. https://mlflow.example.com`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StoreError(
      'INVALID_ARGUMENT',
      `A tracking server URL starts with http:// or https://, not ${url.protocol}//`,
    );
  }
  if (url.username || url.password) {
    throw new StoreError(
      'INVALID_ARGUMENT',
      'Put the username and password in their own fields, not in the URL',
    );
  }
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

function optional<T extends object>(target: T, key: keyof T, value: T[keyof T] | undefined): void {
  if (value !== undefined && value !== '') target[key] = value;
}

/** Checks and tidies the server fields a user typed. */
function serverFields(req: Omit<SaveRequest, 'id' | 'name'>): ServerFields {
  const fields: ServerFields = {
    url: normalizeServerUrl(req.url),
    authKind: req.authKind,
    insecureTls: req.insecureTls,
  };
  const username = req.username?.trim();
  if (req.authKind === 'basic') {
    if (!username)
      throw new StoreError('INVALID_ARGUMENT', 'Username & password sign-in needs a username');
    fields.username = username;
  }
  optional(fields, 'caCertPath', req.caCertPath?.trim());
  optional(fields, 'clientCertPath', req.clientCertPath?.trim());
  // MLflow refuses the two together: a CA bundle means "verify", insecure means "do not".
  if (fields.insecureTls && fields.caCertPath) {
    throw new StoreError(
      'INVALID_ARGUMENT',
      'Choose a CA certificate or "Skip TLS verification", not both',
    );
  }
  return fields;
}

function authOf(
  kind: AuthKind,
  username: string | undefined,
  secret: string | undefined,
): RemoteAuth {
  // Without a secret the request goes out unauthenticated, and the server's 401 says what is missing.
  if (kind === 'bearer' && secret) return { kind: 'bearer', token: secret };
  if (kind === 'basic' && username !== undefined && secret !== undefined)
    return { kind: 'basic', username, password: secret };
  return { kind: 'none' };
}

function optionsOf(fields: ServerFields, secret: string | undefined): RemoteOptions {
  for (const [what, path] of [
    ['CA certificate', fields.caCertPath],
    ['client certificate', fields.clientCertPath],
  ] as const) {
    if (path && !existsSync(path))
      throw new StoreError('INVALID_ARGUMENT', `The ${what} file ${path} does not exist`);
  }
  const options: RemoteOptions = {
    auth: authOf(fields.authKind, fields.username, secret),
    insecureTls: fields.insecureTls,
  };
  optional(options, 'caCertPath', fields.caCertPath);
  optional(options, 'clientCertPath', fields.clientCertPath);
  return options;
}

export class ConnectionManager {
  private readonly file: ProfileFile | null;
  private readonly vault: SecretVault;
  private readonly env: NodeJS.ProcessEnv | undefined;
  private readonly remote: RemoteClient;
  /** Saved profiles when there is no config folder. */
  private inMemory: StoredProfile[] = [];
  private readonly cli = new Map<string, { profile: StoredProfile; secret?: string }>();
  /** Secrets the vault refused to store: kept for this session only. */
  private readonly sessionSecrets = new Map<string, string>();
  private readonly notices = new Map<string, string>();

  constructor(options: ConnectionManagerOptions) {
    this.file = options.configDir === null ? null : new ProfileFile(options.configDir);
    this.vault = options.vault;
    this.env = options.env;
    this.remote = options.remote ?? restClient;
  }

  private readSaved(): StoredProfile[] {
    return this.file ? this.file.read() : this.inMemory.map((p) => ({ ...p }));
  }

  private writeSaved(profiles: StoredProfile[]): void {
    if (this.file) this.file.write(profiles);
    else this.inMemory = profiles.map((p) => ({ ...p }));
  }

  async list(): Promise<ConnectionProfile[]> {
    const env = this.env ? envConnection(this.env) : null;
    const out: ConnectionProfile[] = env ? [env.profile] : [];
    for (const { profile, secret } of this.cli.values())
      out.push(this.publicOf(profile, 'cli', secret !== undefined));
    for (const profile of this.readSaved()) out.push(await this.savedProfileOf(profile));
    return out;
  }

  private async savedProfileOf(profile: StoredProfile): Promise<ConnectionProfile> {
    const hasSecret = this.sessionSecrets.has(profile.id) || (await this.vault.has(profile.id));
    const shown = this.publicOf(profile, 'saved', hasSecret);
    const notice = hasSecret ? this.notices.get(profile.id) : undefined;
    if (notice) shown.secretNotice = notice;
    return shown;
  }

  /** The renderer's view of a profile: every field but the secret. */
  private publicOf(
    profile: StoredProfile,
    source: ConnectionProfile['source'],
    hasSecret: boolean,
  ): ConnectionProfile {
    const shown: ConnectionProfile = {
      ...profile,
      hasSecret: profile.authKind !== 'none' && hasSecret,
      source,
    };
    return shown;
  }

  private readOnly(id: string): boolean {
    return id === ENV_PROFILE_ID || this.cli.has(id);
  }

  async save(req: SaveRequest): Promise<ConnectionProfile> {
    const name = req.name.trim();
    if (!name) throw new StoreError('INVALID_ARGUMENT', 'Give the connection a name');
    if (req.id !== undefined && this.readOnly(req.id)) {
      throw new StoreError(
        'INVALID_ARGUMENT',
        `'${req.id}' comes from the environment or the command line and cannot be changed here`,
      );
    }
    const saved = this.readSaved();
    const index = req.id === undefined ? -1 : saved.findIndex((p) => p.id === req.id);
    if (req.id !== undefined && index < 0)
      throw new StoreError('NOT_FOUND', `No saved connection '${req.id}'`);
    const previous = index >= 0 ? saved[index] : undefined;
    const profile: StoredProfile = { id: previous?.id ?? randomUUID(), name, ...serverFields(req) };

    if (index >= 0) saved[index] = profile;
    else saved.push(profile);
    this.writeSaved(saved);

    const secret = req.secret ? req.secret : undefined;
    // A password is not a token: a change of sign-in kind drops the old secret unless a new one is given.
    if (
      profile.authKind === 'none' ||
      (secret === undefined && previous && previous.authKind !== profile.authKind)
    ) {
      await this.forgetSecret(profile.id);
    } else if (secret !== undefined) {
      await this.storeSecret(profile.id, secret, profile.authKind);
    }
    return this.savedProfileOf(profile);
  }

  private async storeSecret(id: string, secret: string, kind: AuthKind): Promise<void> {
    const refused = (reason: string): void => {
      this.sessionSecrets.set(id, secret);
      this.notices.set(
        id,
        `This system offers no secure storage (${reason}): the ${secretWord(kind)} was not saved; it is kept for this session only.`,
      );
    };
    try {
      await this.vault.set(id, secret);
    } catch (err) {
      if (!(err instanceof SecretStorageUnavailable)) throw err;
      refused(err.reason);
      return;
    }
    const persistence = this.vault.persistence();
    if (persistence.persistent) {
      this.sessionSecrets.delete(id);
      this.notices.delete(id);
    } else {
      refused(persistence.reason);
      // The memory vault already holds it; one copy is enough.
      this.sessionSecrets.delete(id);
    }
  }

  private async forgetSecret(id: string): Promise<void> {
    this.sessionSecrets.delete(id);
    this.notices.delete(id);
    await this.vault.delete(id);
  }

  async delete(id: string): Promise<void> {
    if (this.readOnly(id)) {
      throw new StoreError(
        'INVALID_ARGUMENT',
        `'${id}' comes from the environment or the command line and cannot be deleted here`,
      );
    }
    const saved = this.readSaved();
    const rest = saved.filter((p) => p.id !== id);
    if (rest.length === saved.length)
      throw new StoreError('NOT_FOUND', `No saved connection '${id}'`);
    this.writeSaved(rest);
    await this.forgetSecret(id);
  }

  /** Adds a read-only profile for a server given on the command line; its secret stays in memory. */
  addCliConnection(connection: CliConnection): ConnectionProfile {
    const id = `cli-${this.cli.size + 1}`;
    const fields = serverFields({ ...connection, insecureTls: connection.insecureTls ?? false });
    const profile: StoredProfile = { id, name: new URL(fields.url).host, ...fields };
    const entry: { profile: StoredProfile; secret?: string } = { profile };
    if (connection.secret !== undefined && connection.authKind !== 'none')
      entry.secret = connection.secret;
    this.cli.set(id, entry);
    return this.publicOf(profile, 'cli', entry.secret !== undefined);
  }

  /** A profile with its secret (env, command line or saved); NOT_FOUND when there is none. */
  private async resolve(
    id: string,
  ): Promise<{ profile: StoredProfile; secret?: string; options?: RemoteOptions }> {
    if (id === ENV_PROFILE_ID) {
      const env = this.env ? envConnection(this.env) : null;
      if (!env)
        throw new StoreError(
          'NOT_FOUND',
          'MLFLOW_TRACKING_URI names no http(s) tracking server any more',
        );
      return { profile: env.profile, options: env.options };
    }
    const cli = this.cli.get(id);
    if (cli) return cli;
    const profile = this.readSaved().find((p) => p.id === id);
    if (!profile)
      throw new StoreError('NOT_FOUND', `No saved connection '${id}': it may have been deleted`);
    const secret = this.sessionSecrets.get(id) ?? (await this.vault.get(id));
    return secret === undefined ? { profile } : { profile, secret };
  }

  async test(req: TestRequest): Promise<TestConnectionResult> {
    try {
      const fields = serverFields(req);
      let secret = req.secret ? req.secret : undefined;
      if (secret === undefined && req.profileId !== undefined && fields.authKind !== 'none') {
        const stored = await this.resolve(req.profileId);
        if (stored.profile.authKind === fields.authKind)
          secret = stored.secret ?? secretOf(stored.options?.auth);
      }
      const outcome = await this.remote.test(fields.url, optionsOf(fields, secret));
      if (!outcome.ok) return { ok: false, message: outcome.error.message };
      return outcome.serverVersion
        ? {
            ok: true,
            serverVersion: outcome.serverVersion,
            message: `Connected: MLflow ${outcome.serverVersion}`,
          }
        : { ok: true, message: 'Connected (the server does not report its MLflow version)' };
    } catch (err) {
      // A form the user is still filling in: the reason belongs next to the button, not in an error banner.
      if (err instanceof StoreError) return { ok: false, message: err.message };
      throw err;
    }
  }

  /** What `connect` opens for a profile, with its credentials. */
  async target(profileId: string): Promise<ConnectionTarget> {
    const { profile, secret, options } = await this.resolve(profileId);
    const resolved = options ?? optionsOf(profile, secret);
    if (profile.authKind !== 'none' && resolved.auth.kind === 'none') {
      throw new StoreError(
        'UNAUTHORIZED',
        `No ${secretWord(profile.authKind)} is stored for '${profile.name}': edit the connection and type it again`,
      );
    }
    return {
      key: `connection:${profile.id}`,
      url: profile.url,
      displayName: profile.name,
      options: resolved,
    };
  }

  open(target: ConnectionTarget): Promise<TrackingStore> {
    return this.remote.open(target.url, target.options);
  }
}

function secretOf(auth: RemoteAuth | undefined): string | undefined {
  if (auth?.kind === 'bearer') return auth.token;
  if (auth?.kind === 'basic') return auth.password;
  return undefined;
}
