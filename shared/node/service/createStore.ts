/**
 * Builds the store for a resolved location. The store modules are imported on first use, so that a
 * broken native module (better-sqlite3 built for another Node/Electron ABI) only fails the SQLite
 * stores, with a message, and never the file stores or the app's start.
 */
import type { TrackingStore } from '../stores/TrackingStore';
import type { ResolvedLocation } from './openLocation';

export interface StoreHooks {
  /** Progress of a long load inside the store (FileStore: indexing run folders): `loaded` of `total`. */
  onProgress?: (loaded: number, total: number) => void;
  /** FileStore: keep the metric histories the index parses for the charts that follow (a long-lived host). */
  keepHistories?: boolean;
}

export type StoreFactory = (
  location: ResolvedLocation,
  hooks?: StoreHooks,
) => Promise<TrackingStore>;

export const createStore: StoreFactory = async ({ kind, path }, hooks = {}) => {
  if (kind === 'rest') {
    // Credentials and TLS settings from MLflow's own environment variables (MLFLOW_TRACKING_TOKEN, …).
    const { RestStore, restOptionsFromEnv } = await import('../stores/rest/index');
    return new RestStore(path, restOptionsFromEnv(process.env));
  }
  if (kind === 'sqlite') {
    const { SqliteStore } = await import('../stores/sqlite/SqliteStore');
    return new SqliteStore(path);
  }
  const { FileStore } = await import('../stores/file/FileStore');
  const { defaultCacheDir } = await import('../stores/file/index/cacheDir');
  // The run index cache lives in the app's cache folder, never in the store: $RUNLENS_CACHE_DIR, else
  // $XDG_CACHE_HOME/runlens or ~/.cache/runlens (Electron can point RUNLENS_CACHE_DIR at userData).
  return new FileStore(path, {
    cacheDir: defaultCacheDir(),
    ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
    ...(hooks.keepHistories ? { keepHistories: true } : {}),
  });
};
