/**
 * Watches one open store and reports what changed, so the UI can show new runs and new metric points
 * of running runs within about a second, without rescanning the store.
 *
 * - FileStore (`mlruns`): file-system events (one inotify watch per folder on Linux, added in the
 *   background so watching never delays an answer; a native recursive watch on macOS and Windows);
 *   when they cannot start or fail later (ENOSPC on a huge tree, a network drive), or when asked to
 *   (`poll: true`, RUNLENS_POLL=1), a stat-based FileStorePoller.
 * - SqliteStore: the database file and its `-wal` are statted (size, mtime); any change means
 *   "refetch everything", since rows do not map to paths. PRAGMA data_version would only see other
 *   connections' commits through our own long-lived connection, and costs a query per tick.
 *
 * Bursts are coalesced: paths are collected until `debounceMs` pass without a new one (at most
 * `maxWaitMs` after the first, so a run logging continuously still shows up). Then the store's optional
 * `refresh(changedPaths)` is awaited (the FileStore index cache re-reads just those runs) before the
 * change is reported, so a refetch triggered by the report sees the new data. Batches never overlap.
 */
import { type FSWatcher, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoreKind } from '../../../common/types';
import type { StoreChanges, TrackingStore } from '../../stores/TrackingStore';
import {
  classifyPaths,
  EVERYTHING,
  isEmptyChange,
  mergeChanges,
  type StoreChange,
} from './changeSet';
import { FileStorePoller } from './fileStorePoller';
import { watchTree } from './treeWatcher';

export interface WatchOptions {
  /** Poll instead of using file system events (network drives). Default: RUNLENS_POLL=1. */
  poll?: boolean;
  /** Quiet time that ends a burst of changes. */
  debounceMs?: number;
  /** Longest a change waits for its burst to end. */
  maxWaitMs?: number;
  /** Polling period for mlruns folders (a scan that takes longer stretches it). */
  pollIntervalMs?: number;
  /** Polling period for SQLite files (two stats per tick). */
  sqliteIntervalMs?: number;
  /**
   * Background work (each step of the first walk of the folders, each polling scan of an mlruns folder)
   * waits for this: the service resolves it when no call is in flight, so watching never delays an
   * answer. Nothing is missed meanwhile: the walk ends with a re-check of every run (WALKED).
   */
  whenQuiet?: () => Promise<void>;
}

/** A store whose index can re-check what changed (the FileStore's `refresh`); optional on any store. */
type MaybeRefreshable = TrackingStore & {
  refresh?: (changedPaths?: string[]) => Promise<StoreChanges>;
};

export interface WatchTarget {
  kind: StoreKind;
  /** The mlruns folder or the .db file. */
  location: string;
  store: TrackingStore;
}

export interface StoreWatcher {
  /** 'events' (fs.watch) or 'polling'; 'off' for stores that cannot be watched (remote). */
  readonly mode: 'events' | 'polling' | 'off';
  /**
   * Settles once every later change is seen: the folder watches are all in place, or the poller has
   * its baseline. It never rejects.
   */
  readonly ready: Promise<void>;
  close(): void;
}

/** A coalescer entry that is no path (NUL is in no file name): the initial folder walk finished. */
const WALKED = '\0walked';
/**
 * Watching resumed after a pause (every listener had left): re-check every run, and report what the
 * store finds changed — not "anything", which made every resubscription (a tab reloading) refetch
 * everything from a quiet store. The index's experiment signature was taken when it last refreshed, so
 * its experimentsChanged is news here.
 */
const CAUGHT_UP = '\0caught-up';

const DEFAULTS = { debounceMs: 200, maxWaitMs: 500, pollIntervalMs: 1000, sqliteIntervalMs: 500 };

export function pollingRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.RUNLENS_POLL === '1' || env.RUNLENS_POLL === 'true';
}

/**
 * Which folders of an `mlruns` tree are watched: all but the model registry (`<root>/models`, which no
 * screen refreshes from) and what lies below a run's `artifacts/` folder (the runs table shows
 * nothing from inside it; a new top-level artifact still reports its run). Artifact trees can hold
 * far more folders than the rest of the store.
 */
function watchedFolder(parts: readonly string[]): boolean {
  if (parts.length === 1 && parts[0] === 'models') return false;
  return !(parts.length > 3 && parts[2] === 'artifacts');
}

/**
 * Starts file-system events for an `mlruns` folder; throws when the root cannot be watched. macOS and
 * Windows watch a tree natively (FSEvents, ReadDirectoryChangesW: no walk); elsewhere (Linux) one
 * watch per folder, added without holding the event loop (see treeWatcher.ts).
 */
function watchFolders(
  root: string,
  onPath: (relativePath: string) => void,
  onFail: () => void,
  whenQuiet: (() => Promise<void>) | undefined,
): { close(): void; ready: Promise<void> } {
  if (process.platform === 'darwin' || process.platform === 'win32') {
    const native: FSWatcher = watch(root, { recursive: true, persistent: false }, (_e, name) =>
      onPath(name ?? ''),
    );
    native.on('error', onFail);
    return { close: () => native.close(), ready: Promise.resolve() };
  }
  return watchTree(root, onPath, onFail, {
    include: watchedFolder,
    ...(whenQuiet ? { beforeBatch: whenQuiet } : {}),
  });
}

/** Collects paths and hands them over in batches, one batch at a time. */
class Coalescer {
  private pending = new Set<string>();
  private firstAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private closed = false;

  constructor(
    private readonly options: { debounceMs: number; maxWaitMs: number },
    private readonly onBatch: (paths: string[]) => Promise<void>,
  ) {}

  add(paths: Iterable<string>, immediate = false): void {
    if (this.closed) return;
    const wasEmpty = this.pending.size === 0;
    for (const p of paths) this.pending.add(p);
    if (this.pending.size === 0) return;
    if (wasEmpty) this.firstAt = Date.now();
    this.schedule(immediate ? 0 : this.options.debounceMs);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private schedule(quietMs: number): void {
    if (this.running) return; // flush() reschedules when the running batch ends
    clearTimeout(this.timer);
    const left = this.options.maxWaitMs - (Date.now() - this.firstAt);
    this.timer = setTimeout(() => void this.flush(), Math.max(0, Math.min(quietMs, left)));
    this.timer.unref();
  }

  private async flush(): Promise<void> {
    if (this.closed || this.pending.size === 0) return;
    const paths = [...this.pending];
    this.pending = new Set();
    this.running = true;
    try {
      await this.onBatch(paths);
    } finally {
      this.running = false;
      if (this.pending.size > 0) this.schedule(0);
    }
  }
}

async function refreshed(
  store: MaybeRefreshable,
  change: StoreChange,
  paths?: string[],
): Promise<StoreChange> {
  if (typeof store.refresh !== 'function') return change;
  try {
    const result = await store.refresh(paths);
    const runIds = [...result.changedRunIds, ...result.removedRunIds];
    return mergeChanges(change, {
      experimentIds: result.experimentIds,
      runIds,
      experimentsChanged: result.experimentsChanged,
    });
  } catch {
    // A failed refresh leaves the cache to its next read; the UI refetches everything.
    return EVERYTHING;
  }
}

/**
 * Starts watching; `onChange` is called after each batch of changes (never for an empty one).
 * `catchUp`: the store went unwatched for a while (every listener had left, e.g. the last browser tab
 * reloading): whatever changed meanwhile is brought in by one full refresh, which reports what it found.
 */
export function watchStore(
  target: WatchTarget,
  options: WatchOptions,
  onChange: (change: StoreChange) => void,
  catchUp = false,
): StoreWatcher {
  const o = { ...DEFAULTS, ...options, poll: options.poll ?? pollingRequested() };
  const store = target.store as MaybeRefreshable;
  if (target.kind === 'sqlite')
    return watchDbFile(target.location, o.sqliteIntervalMs, store, onChange);
  if (target.kind !== 'file')
    return { mode: 'off', ready: Promise.resolve(), close: () => undefined };

  const root = target.location;
  // Only a store that can refresh can say what changed while unwatched; any other reports "anything".
  const resume = typeof store.refresh === 'function' ? CAUGHT_UP : '';
  const coalescer = new Coalescer(o, async (paths) => {
    // '' is "anything may have changed" (no file name, a catch-up): re-check every run by stat.
    // WALKED: re-check every run, but report only what the store finds changed (see below).
    const named = paths.filter((p) => p !== WALKED && p !== CAUGHT_UP);
    const classified = classifyPaths(named);
    const everyRun = paths.includes('') || paths.includes(WALKED) || paths.includes(CAUGHT_UP);
    let change = await refreshed(
      store,
      classified,
      everyRun ? undefined : named.map((p) => join(root, p)),
    );
    // An index that never listed the experiments says they changed; after a walk that is no news.
    const walkOnly = !paths.includes('') && !paths.includes(CAUGHT_UP);
    if (paths.includes(WALKED) && walkOnly && change !== EVERYTHING)
      change = { ...change, experimentsChanged: classified.experimentsChanged };
    if (!isEmptyChange(change)) onChange(change);
  });
  let mode: 'events' | 'polling' = 'events';
  let tree: { close(): void } | undefined;
  let stopPolling: (() => void) | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolveReady) => (markReady = resolveReady));

  const startPolling = (): void => {
    mode = 'polling';
    tree?.close();
    tree = undefined;
    const poller = new FileStorePoller(root);
    let timer: NodeJS.Timeout | undefined;
    let stopped = false;
    const tick = async (): Promise<void> => {
      const started = Date.now();
      try {
        await o.whenQuiet?.();
        if (stopped) return;
        const paths = await poller.scan();
        if (paths.length > 0) coalescer.add(paths, true);
      } catch {
        // A failed scan is retried on the next tick (a network drive that hiccups).
      }
      markReady();
      if (stopped) return;
      timer = setTimeout(() => void tick(), Math.max(o.pollIntervalMs, Date.now() - started));
      timer.unref();
    };
    void tick();
    stopPolling = () => {
      stopped = true;
      clearTimeout(timer);
    };
  };

  if (o.poll) {
    if (catchUp) coalescer.add([resume]);
    startPolling();
  } else {
    try {
      const events = watchFolders(
        root,
        (path) => coalescer.add([path]),
        () => {
          startPolling();
          // Whatever happened between the failure and the poller's baseline is reported as "anything".
          coalescer.add(['']);
        },
        o.whenQuiet,
      );
      tree = events;
      // Until the walk reached a folder, a change in it went unseen: once every folder is watched, one
      // refresh re-checks the runs already served (an index that never listed an experiment has nothing
      // stale to correct), and reports only what it finds, so subscribing causes no refetch by itself.
      // After a pause in watching (catchUp) the refresh reports what changed meanwhile (CAUGHT_UP).
      void events.ready.then(() => {
        if (mode !== 'events') return;
        coalescer.add([catchUp ? resume : WALKED], true);
        markReady();
      });
    } catch {
      if (catchUp) coalescer.add([resume]);
      startPolling();
    }
  }

  return {
    get mode() {
      return mode;
    },
    ready,
    close() {
      markReady();
      coalescer.close();
      tree?.close();
      stopPolling?.();
    },
  };
}

/** SQLite: a change of the file or its WAL (size or mtime) means "something changed". */
function watchDbFile(
  path: string,
  intervalMs: number,
  store: MaybeRefreshable,
  onChange: (change: StoreChange) => void,
): StoreWatcher {
  const files = [path, `${path}-wal`];
  const signatureOf = async (): Promise<string> => {
    const parts = await Promise.all(
      files.map((f) =>
        stat(f).then(
          (s) => `${s.size}:${s.mtimeMs}`,
          () => '-',
        ),
      ),
    );
    return parts.join('|');
  };
  let last: string | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolveReady) => (markReady = resolveReady));
  const tick = async (): Promise<void> => {
    const now = await signatureOf();
    markReady();
    if (last !== undefined && now !== last && !stopped)
      onChange(await refreshed(store, EVERYTHING));
    last = now;
    if (stopped) return;
    timer = setTimeout(() => void tick(), intervalMs);
    timer.unref();
  };
  void tick();
  return {
    mode: 'polling',
    ready,
    close() {
      markReady();
      stopped = true;
      clearTimeout(timer);
    },
  };
}
