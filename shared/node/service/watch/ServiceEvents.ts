/**
 * The service's event source: listeners, and one StoreWatcher per open, readable store.
 *
 * Watching costs file handles, inotify watches or stat calls, so it runs only while someone listens
 * (the web host's SSE clients, the Electron window): the CLI's query commands never start a watcher.
 * A store retried in place (same id, new store object) gets a new watcher; a closed one loses its own.
 */
import type { RunlensEvent, StoreInfo } from '../../../common/contract';
import type { TrackingStore } from '../../stores/TrackingStore';
import { type StoreWatcher, type WatchOptions, watchStore } from './storeWatcher';

export interface WatchedStore {
  info: StoreInfo;
  store: TrackingStore;
}

export type RunlensEventListener = (event: RunlensEvent) => void;

/** What makes two store lists different for the UI (problem counts grow while reading: not a change). */
function identity(stores: readonly StoreInfo[]): string {
  return JSON.stringify(stores.map((s) => [s.storeId, s.state, s.location, s.kind]));
}

export class ServiceEvents {
  private readonly listeners = new Set<RunlensEventListener>();
  private readonly watchers = new Map<string, { store: TrackingStore; watcher: StoreWatcher }>();
  private lastStores: string | undefined;
  /** Problem counts as last sent with the store list, by store id. */
  private readonly problemCounts = new Map<string, number>();
  /** Stores watched before: a watcher started again for one catches up on what it missed. */
  private readonly watchedBefore = new WeakSet<TrackingStore>();

  /**
   * @param openStores the stores open now, readable ones with their store object
   */
  constructor(
    private readonly options: WatchOptions,
    private readonly openStores: () => { all: StoreInfo[]; readable: WatchedStore[] },
  ) {}

  /** Subscribes; returns the unsubscribe function. The first listener starts the watchers, the last stops them. */
  on(listener: RunlensEventListener): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.sync();
    return () => {
      if (!this.listeners.delete(listener)) return;
      if (this.listeners.size === 0) this.stopWatching();
    };
  }

  /** Call after anything that may open or close a store: emits storesChanged when the set changed. */
  storesMaybeChanged(): void {
    const { all } = this.openStores();
    const now = identity(all);
    const changed = this.lastStores !== undefined && now !== this.lastStores;
    this.lastStores = now;
    if (this.listeners.size === 0) return;
    this.sync();
    if (changed) {
      this.noteProblemCounts(all);
      this.emit({ type: 'storesChanged', stores: all });
    }
  }

  private noteProblemCounts(stores: readonly StoreInfo[]): void {
    this.problemCounts.clear();
    for (const s of stores) this.problemCounts.set(s.storeId, s.problemCount);
  }

  /**
   * Call after a call that read a store: emits storesChanged when its problem count differs from the
   * last one seen, so that the sidebar's count follows what reading found (a refused symlink met by
   * listArtifacts) without a reload. Checked once per call, not while reading, so a cold index that
   * finds many problems sends one event, not one per problem.
   */
  problemsMaybeChanged(storeId: string): void {
    if (this.listeners.size === 0) return;
    const { all } = this.openStores();
    const info = all.find((s) => s.storeId === storeId);
    if (!info || (this.problemCounts.get(storeId) ?? 0) === info.problemCount) return;
    this.noteProblemCounts(all);
    this.emit({ type: 'storesChanged', stores: all });
  }

  /** How each store is watched ('events', 'polling' or 'off'), by store id. */
  watchModes(): Record<string, StoreWatcher['mode']> {
    return Object.fromEntries([...this.watchers].map(([id, w]) => [id, w.watcher.mode]));
  }

  /** Settles when every current watcher sees every later change (its folder walk or first scan is done). */
  async ready(): Promise<void> {
    await Promise.all([...this.watchers.values()].map((w) => w.watcher.ready));
  }

  close(): void {
    this.listeners.clear();
    this.stopWatching();
  }

  /** Sends an event to every listener (the watchers' changes, and the service's load progress). */
  emit(event: RunlensEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // One broken listener (a closed window, a dead socket) must not starve the others.
      }
    }
  }

  private sync(): void {
    const { all, readable } = this.openStores();
    this.lastStores = identity(all);
    const wanted = new Map(readable.map((s) => [s.info.storeId, s]));
    for (const [storeId, current] of this.watchers) {
      if (wanted.get(storeId)?.store !== current.store) {
        current.watcher.close();
        this.watchers.delete(storeId);
      }
    }
    for (const { info, store } of readable) {
      if (this.watchers.has(info.storeId)) continue;
      const target = { kind: info.kind, location: info.location, store };
      const watcher = watchStore(
        target,
        this.options,
        (change) => this.emit({ type: 'storeChanged', storeId: info.storeId, ...change }),
        this.watchedBefore.has(store),
      );
      this.watchedBefore.add(store);
      this.watchers.set(info.storeId, { store, watcher });
    }
  }

  private stopWatching(): void {
    for (const { watcher } of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }
}
