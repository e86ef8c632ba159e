/**
 * The open stores of one service, keyed by a short stable id ('s1', 's2', …).
 *
 * Each store lives in its own entry: a store that cannot be opened is kept, in state 'error' with its
 * reason, so that the UI can list it and say why; it never affects the other stores. Opening a
 * location that is already open returns the same entry (a broken one is retried in place, keeping its
 * id, since the user may have fixed it).
 *
 * A failure to open that is not a StoreError is a bug rather than a bad folder: it is still shown as
 * the store's error, and it is also handed to `onUnexpectedError` (the service logs it with its stack).
 */
import type { StoreInfo } from '../../common/contract';
import { type ApiErrorShape, StoreError, toApiError } from '../../common/errors';
import type { StoreKind } from '../../common/types';
import type { TrackingStore } from '../stores/TrackingStore';
import type { StoreFactory } from './createStore';
import { displayNameOf, locationToPath, resolveLocation } from './openLocation';

interface Entry {
  storeId: string;
  /** Absolute path of what was asked for, before detection: how a repeated open finds this entry. */
  requested: string;
  /** Absolute path of the store itself (mlruns folder or .db file) once detected. */
  location: string;
  kind: StoreKind;
  store: TrackingStore | null;
  error: ApiErrorShape | null;
  /** Shown instead of the location's own name (a connection profile's name). */
  displayName?: string;
}

/** A store error that is not a StoreError (e.g. a native module that fails to load) still means "unreadable". */
function openError(err: unknown, path: string): ApiErrorShape {
  if (err instanceof StoreError) return toApiError(err);
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'STORE_UNREADABLE', message: `Cannot open ${path}: ${message}` };
}

export class StoreRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Entry>>();
  /** Stores whose open() has not settled (a server that never answers): closeAll cancels them too. */
  private readonly opening = new Set<TrackingStore>();
  private nextId = 1;

  /**
   * @param onProgress hears a store's own progress reports (a FileStore's cold index), with its id
   * @param onUnexpectedError hears, once per failed open, an error that is not a StoreError, with the
   *   location that was being opened
   */
  constructor(
    private readonly createStore: StoreFactory,
    private readonly cwd: () => string,
    private readonly onProgress?: (storeId: string, loaded: number, total: number) => void,
    private readonly onUnexpectedError?: (location: string, err: unknown) => void,
  ) {}

  list(): StoreInfo[] {
    return [...this.entries.values()].map((e) => this.infoOf(e));
  }

  /**
   * Opens (or finds) the store at `location`. Resolves with its info, state 'error' when it cannot be
   * read; rejects only for locations Runlens does not accept at all (a remote URL, an unknown scheme).
   */
  async open(location: string): Promise<StoreInfo> {
    const requested = locationToPath(location, this.cwd());
    const inFlight = this.pending.get(requested);
    if (inFlight) return this.infoOf(await inFlight);
    const opening = this.openEntry(location, requested);
    this.pending.set(requested, opening);
    try {
      return this.infoOf(await opening);
    } finally {
      this.pending.delete(requested);
    }
  }

  private async openEntry(location: string, requested: string): Promise<Entry> {
    const existing = this.findEntry(requested);
    if (existing?.store) return existing;
    const entry: Entry = existing ?? {
      storeId: `s${this.nextId++}`,
      requested,
      location: requested,
      kind: /\.(db|sqlite|sqlite3)$/i.test(requested) ? 'sqlite' : 'file',
      store: null,
      error: null,
    };
    let store: TrackingStore | null = null;
    try {
      const resolved = resolveLocation(location, this.cwd());
      entry.location = resolved.path;
      entry.kind = resolved.kind;
      // A project folder and its mlflow.db are the same store: keep one entry for both.
      const same = this.findEntry(resolved.path);
      if (same?.store && same !== entry) return same;
      const storeId = entry.storeId;
      store = await this.createStore(resolved, {
        onProgress: (loaded, total) => this.onProgress?.(storeId, loaded, total),
      });
      await this.opened(store);
      entry.store = store;
      entry.error = null;
    } catch (err) {
      if (store) await store.close().catch(() => undefined);
      entry.store = null;
      entry.error = this.openError(err, entry.location);
    }
    this.entries.set(entry.storeId, entry);
    return entry;
  }

  /**
   * Opens (or finds) a store the caller builds itself — a tracking server with a connection profile's
   * credentials — under `key` (one entry per profile). Like `open`, it resolves with state 'error' and
   * the reason when the store cannot be read, and a broken entry is retried in place.
   */
  async openBuilt(
    key: string,
    target: { kind: StoreKind; location: string; displayName: string },
    build: () => Promise<TrackingStore>,
  ): Promise<StoreInfo> {
    const inFlight = this.pending.get(key);
    if (inFlight) return this.infoOf(await inFlight);
    const opening = (async (): Promise<Entry> => {
      const existing = this.findEntry(key);
      if (existing?.store) return existing;
      const entry: Entry = existing ?? {
        storeId: `s${this.nextId++}`,
        requested: key,
        store: null,
        error: null,
        ...target,
      };
      let store: TrackingStore | null = null;
      try {
        store = await build();
        await this.opened(store);
        entry.store = store;
        entry.error = null;
      } catch (err) {
        if (store) await store.close().catch(() => undefined);
        entry.error = this.openError(err, target.location);
      }
      this.entries.set(entry.storeId, entry);
      return entry;
    })();
    this.pending.set(key, opening);
    try {
      return this.infoOf(await opening);
    } finally {
      this.pending.delete(key);
    }
  }

  /** The error an entry shows; one that is not a StoreError is reported as unexpected first. */
  private openError(err: unknown, path: string): ApiErrorShape {
    if (!(err instanceof StoreError)) this.onUnexpectedError?.(path, err);
    return openError(err, path);
  }

  private findEntry(path: string): Entry | undefined {
    for (const e of this.entries.values())
      if (e.requested === path || e.location === path) return e;
    return undefined;
  }

  /** The store behind an id: UNKNOWN_STORE when none, the open error when it could not be read. */
  get(storeId: string): TrackingStore {
    const entry = this.entries.get(storeId);
    if (!entry)
      throw new StoreError('UNKNOWN_STORE', `No store '${storeId}' is open: open it again`);
    if (!entry.store) {
      const error = entry.error ?? {
        code: 'STORE_UNREADABLE',
        message: `${entry.location} cannot be read`,
      };
      throw new StoreError(error.code, error.message);
    }
    return entry.store;
  }

  async close(storeId: string): Promise<void> {
    const entry = this.entries.get(storeId);
    if (!entry) throw new StoreError('UNKNOWN_STORE', `No store '${storeId}' is open`);
    this.entries.delete(storeId);
    await entry.store?.close();
  }

  async closeAll(): Promise<void> {
    const stores = [...this.entries.values()].map((e) => e.store).concat([...this.opening]);
    this.entries.clear();
    this.opening.clear();
    await Promise.allSettled(stores.map((s) => s?.close()));
  }

  /** `store.open()`, cancelled by closeAll while it runs (found with 100 unreachable servers). */
  private async opened(store: TrackingStore): Promise<void> {
    this.opening.add(store);
    try {
      await store.open();
    } finally {
      this.opening.delete(store);
    }
  }

  private infoOf(entry: Entry): StoreInfo {
    const info: StoreInfo = {
      storeId: entry.storeId,
      kind: entry.kind,
      location: entry.location,
      displayName: entry.displayName ?? displayNameOf(entry.location),
      state: entry.store ? 'ready' : 'error',
      problemCount: entry.store ? safeProblemCount(entry.store) : 0,
    };
    if (entry.error) info.error = entry.error;
    const schemaVersion = entry.store ? safeCall(() => entry.store?.schemaVersion()) : undefined;
    if (schemaVersion !== undefined) info.schemaVersion = schemaVersion;
    return info;
  }
}

function safeCall<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}

function safeProblemCount(store: TrackingStore): number {
  return safeCall(() => store.problems().length) ?? 0;
}
