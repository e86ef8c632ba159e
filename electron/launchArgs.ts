/**
 * Which stores the desktop shell opens at launch.
 *
 * Contract: the stores are the command-line arguments after the first `--`
 * (`electron dist/electron/main.cjs -- ./mlruns ./mlflow.db`), as `runlens [STORE…]` passes them.
 * The `--` keeps them apart from the switches Chromium, Node or Playwright put before the script.
 * Paths are made absolute against the launching directory; URLs (`http://…`) are kept as given.
 */
import { resolve } from 'node:path';

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

export function normalizeStoreLocation(location: string, cwd: string): string {
  return URL_LIKE.test(location) ? location : resolve(cwd, location);
}

export function storesFromArgv(argv: readonly string[], cwd: string): string[] {
  const separator = argv.indexOf('--');
  if (separator === -1) return [];
  return argv
    .slice(separator + 1)
    .filter((arg) => arg.trim() !== '')
    .map((arg) => normalizeStoreLocation(arg, cwd));
}

/** What a second launch hands to the first through `requestSingleInstanceLock(additionalData)`. */
export interface SecondInstanceData {
  stores: string[];
}

/** Reads the data of a second launch defensively: it comes from another process. */
export function storesFromSecondInstance(data: unknown): string[] {
  if (typeof data !== 'object' || data === null) return [];
  const stores = (data as { stores?: unknown }).stores;
  if (!Array.isArray(stores)) return [];
  return stores.filter(
    (store): store is string => typeof store === 'string' && store.trim() !== '',
  );
}
