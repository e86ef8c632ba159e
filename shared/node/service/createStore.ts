/**
 * Builds the store for a resolved location. The store modules are imported on first use, so that a
 * broken native module (better-sqlite3 built for another Node/Electron ABI) only fails the SQLite
 * stores, with a message, and never the file stores or the app's start.
 */
import type { TrackingStore } from '../stores/TrackingStore';
import type { ResolvedLocation } from './openLocation';

export type StoreFactory = (location: ResolvedLocation) => Promise<TrackingStore>;

export const createStore: StoreFactory = async ({ kind, path }) => {
  if (kind === 'sqlite') {
    const { SqliteStore } = await import('../stores/sqlite/SqliteStore');
    return new SqliteStore(path);
  }
  const { FileStore } = await import('../stores/file/FileStore');
  return new FileStore(path);
};
