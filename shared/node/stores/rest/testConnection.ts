/**
 * "Test connection" for the connection dialog: opening a RestStore reads the server's version and the
 * experiment list — `/version` alone proves little (a non-MLflow server may answer it, an auth proxy
 * may leave it open), the listing proves the URL, the credentials and the TLS setup.
 */
import { toApiError, type ApiErrorShape } from '../../../common/errors';
import type { RestStoreOptions } from './options';
import { RestStore } from './RestStore';

export type ConnectionTestResult =
  { ok: true; serverVersion: string | null } | { ok: false; error: ApiErrorShape };

export async function testConnection(
  url: string,
  options: RestStoreOptions,
  signal?: AbortSignal,
): Promise<ConnectionTestResult> {
  let store: RestStore | undefined;
  try {
    store = new RestStore(url, options);
    await store.open(signal);
    return { ok: true, serverVersion: store.serverVersion };
  } catch (err) {
    return { ok: false, error: toApiError(err) };
  } finally {
    await store?.close();
  }
}
