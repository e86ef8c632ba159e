/**
 * Connection profiles for remote MLflow tracking servers, as the contract exposes them.
 *
 * The secret (password or token) only ever travels towards the main process / server: the renderer
 * may send it once, when the user types it (saveConnection, testConnection), and never receives it
 * back. A profile says `hasSecret` instead.
 */
import { field, object } from './schema';

export const AUTH_KINDS = ['none', 'basic', 'bearer'] as const;
/** none; HTTP Basic (mlflow server --app-name basic-auth); Bearer (MLFLOW_TRACKING_TOKEN, Databricks PAT). */
export type AuthKind = (typeof AUTH_KINDS)[number];

/** Where a profile comes from: saved by the user, MLFLOW_TRACKING_* variables, or command-line flags. */
export type ConnectionSource = 'saved' | 'env' | 'cli';

export interface ConnectionProfile {
  id: string;
  name: string;
  /** http(s) base URL of the tracking server, never with credentials in it. */
  url: string;
  authKind: AuthKind;
  username?: string;
  /** A password or token is stored (encrypted, or in memory for this session). */
  hasSecret: boolean;
  caCertPath?: string;
  clientCertPath?: string;
  insecureTls: boolean;
  source: ConnectionSource;
  /**
   * Set when the secret is kept in memory for this session only (this system offers no secure
   * storage, or the host never writes secrets to disk): the sentence to show the user.
   */
  secretNotice?: string;
}

export interface TestConnectionResult {
  ok: boolean;
  /** MLflow's version as the server reports it (GET /version), when it does. */
  serverVersion?: string;
  /** What happened, for the user: the server version, or the exact reason the connection failed. */
  message: string;
}

const optionalPath = field.string({ maxLength: 4096 }).optional();

/** The fields a user fills in to describe a server (shared by saveConnection and testConnection). */
export const connectionFields = {
  url: field.string({ maxLength: 2048 }),
  authKind: field.enumOf<AuthKind>(AUTH_KINDS),
  username: field.string({ allowEmpty: true, maxLength: 512 }).optional(),
  /** Typed by the user just now; empty or omitted means "keep the stored one" when saving. */
  secret: field.string({ allowEmpty: true, maxLength: 16_384 }).optional(),
  caCertPath: optionalPath,
  clientCertPath: optionalPath,
  insecureTls: field.boolean(),
};

export const saveConnectionRequest = object({
  /** Omitted: a new profile. */
  id: field.string({ maxLength: 200 }).optional(),
  name: field.string({ maxLength: 200 }),
  ...connectionFields,
});

export const testConnectionRequest = object({
  ...connectionFields,
  /** Use this saved profile's stored secret when `secret` is empty (editing a saved profile). */
  profileId: field.string({ maxLength: 200 }).optional(),
});
