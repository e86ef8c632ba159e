/**
 * File ▸ Open Recent: the stores the user opened in the desktop app, newest first, kept in
 * `recent-stores.json` in the app's user-data folder (never in a store).
 *
 * Only what can be opened again without a secret is kept: local folders and databases, and server URLs
 * without credentials (a saved connection profile is reopened from the Servers list, not from here).
 * `list()` marks a local entry whose path no longer exists as `missing`, so the menu can show it
 * disabled instead of failing on click.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readStateFile, writeStateFile } from './stateFile';

export const RECENT_STORES_FILE = 'recent-stores.json';
export const MAX_RECENT_STORES = 10;

export interface RecentStore {
  /** What openStore takes: an absolute path or an http(s) URL. */
  location: string;
  /** Short name for the menu. */
  displayName: string;
  /** ISO time it was last opened. */
  openedAt: string;
}

export interface RecentStoreEntry extends RecentStore {
  /** A local path that does not exist any more. */
  missing: boolean;
}

const isUrl = (location: string): boolean => /^https?:\/\//i.test(location);

function isRecentStore(value: unknown): value is RecentStore {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.location === 'string' &&
    v.location !== '' &&
    typeof v.displayName === 'string' &&
    typeof v.openedAt === 'string'
  );
}

/** A URL is only remembered without user info, query or fragment (they may hold a secret). */
function rememberable(location: string): string | null {
  if (!isUrl(location)) return location;
  try {
    const url = new URL(location);
    if (url.username || url.password) return null;
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  } catch {
    return null;
  }
}

export class RecentStores {
  readonly path: string;

  constructor(
    userDataDir: string,
    private readonly exists: (path: string) => boolean = existsSync,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.path = join(userDataDir, RECENT_STORES_FILE);
  }

  private read(): RecentStore[] {
    const file = readStateFile(this.path) as { stores?: unknown } | undefined;
    const stores = Array.isArray(file?.stores) ? file.stores : [];
    return stores.filter(isRecentStore).slice(0, MAX_RECENT_STORES);
  }

  list(): RecentStoreEntry[] {
    return this.read().map((store) => ({
      ...store,
      missing: !isUrl(store.location) && !this.exists(store.location),
    }));
  }

  /** Puts `location` first (moving it up when it is already listed); returns false when not kept. */
  add(location: string, displayName: string): boolean {
    const kept = rememberable(location);
    if (kept === null) return false;
    const rest = this.read().filter((store) => store.location !== kept);
    const entry: RecentStore = {
      location: kept,
      displayName,
      openedAt: this.now().toISOString(),
    };
    this.write([entry, ...rest].slice(0, MAX_RECENT_STORES));
    return true;
  }

  remove(location: string): void {
    this.write(this.read().filter((store) => store.location !== location));
  }

  clear(): void {
    this.write([]);
  }

  private write(stores: RecentStore[]): void {
    writeStateFile(this.path, { version: 1, stores });
  }
}
