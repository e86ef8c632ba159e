/**
 * What the connection manager needs from the REST client: test a server, open it as a store. The
 * RestStore module (shared/node/stores/rest) is imported on first use, so that the CLI's local
 * commands never load it, and the manager's tests inject a fake instead.
 */
import type { ApiErrorShape } from '../../common/errors';
import type { TrackingStore } from '../stores/TrackingStore';

export type RemoteAuth =
  | { kind: 'none' }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string };

/** The connection options of a RestStore (credentials included: main process / server only). */
export interface RemoteOptions {
  auth: RemoteAuth;
  caCertPath?: string;
  clientCertPath?: string;
  insecureTls: boolean;
}

export type RemoteTestOutcome =
  { ok: true; serverVersion: string | null } | { ok: false; error: ApiErrorShape };

export interface RemoteClient {
  test(url: string, options: RemoteOptions): Promise<RemoteTestOutcome>;
  open(url: string, options: RemoteOptions): Promise<TrackingStore>;
}

/** A test is a question the user waits on: fail in seconds, without the store's retries. */
const TEST_LIMITS = { timeoutMs: 15_000, retries: 0 };

export const restClient: RemoteClient = {
  async test(url, options) {
    const { testConnection } = await import('../stores/rest/index');
    return testConnection(url, { ...options, ...TEST_LIMITS });
  },
  async open(url, options) {
    const { RestStore } = await import('../stores/rest/index');
    return new RestStore(url, options);
  },
};
