/**
 * Watches a folder tree with one non-recursive `fs.watch` per folder, added asynchronously in small
 * batches. Why not `fs.watch(root, {recursive: true})`: on Linux, Node 20 implements it by walking the
 * whole tree synchronously before it returns, so on a 2,000-run `mlruns` folder the first `/api/events`
 * subscriber held the event loop for seconds and every answer waited behind it (issue 12). Here each
 * batch is a few inotify_add_watch calls plus async readdirs, and the event loop is free between
 * batches; `beforeBatch` lets the service hold each batch while it answers calls (the walk of a
 * 2,000-run store is ~230 ms of this thread's time): watching never delays an answer.
 *
 * A folder is watched before it is listed, so whatever appears in it after the listing is reported.
 * Until the walk reaches a folder, changes inside it go unseen here, as they did while Node's own walk
 * ran; `ready` settles when the walk is done, and storeWatcher.ts then re-checks every run once by stat
 * (its WALKED refresh, tested there), so nothing changed during the walk is missed. New folders (a new
 * run, a new metrics/ folder) are watched as they appear and then reported once more, so files written
 * into them before their watch started are not missed. Folders that vanish drop their watches.
 */
import { type FSWatcher, watch } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

export interface TreeWatch {
  /** Settles when the initial walk is done (every folder that existed is watched). */
  readonly ready: Promise<void>;
  close(): void;
}

export interface TreeWatchOptions {
  /** Folders listed per turn of the event loop. */
  batchSize?: number;
  /** False for a folder (relative to the root, '/'-separated parts) whose subtree is not watched. */
  include?: (parts: readonly string[]) => boolean;
  /** Awaited before each batch of the walk (the service: until no call is in flight). */
  beforeBatch?: () => Promise<void>;
}

const BATCH_SIZE = 16;

/**
 * Starts watching `root`. `onPath` gets paths relative to the root ('' for "something in the root,
 * name unknown"); `onFail` is called once if watching cannot go on (the root cannot be watched, no
 * inotify watches left): the caller then falls back to polling. `fs.watch` on the root itself is
 * started synchronously, so a root that cannot be watched fails at once.
 */
export function watchTree(
  root: string,
  onPath: (relativePath: string) => void,
  onFail: (error: unknown) => void,
  options: TreeWatchOptions = {},
): TreeWatch {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const include = options.include ?? (() => true);
  const watchers = new Map<string, FSWatcher>();
  const queue: string[] = [];
  /** Folders that appeared after the walk passed: reported again once watched. */
  const reportWhenWatched = new Set<string>();
  let closed = false;
  let failed = false;
  let pumping: Promise<void> | undefined;

  const fail = (error: unknown): void => {
    if (closed || failed) return;
    failed = true;
    close();
    onFail(error);
  };

  const close = (): void => {
    closed = true;
    queue.length = 0;
    for (const w of watchers.values()) w.close();
    watchers.clear();
  };

  const dropSubtree = (rel: string): void => {
    for (const [dir, w] of watchers) {
      if (dir === rel || dir.startsWith(rel + sep)) {
        w.close();
        watchers.delete(dir);
      }
    }
  };

  /**
   * A name in a watched folder was created, removed or moved. If it is a folder it is (re)watched
   * from scratch: a folder removed and made again under the same name is a new inode, and the old
   * watches went with the old one.
   */
  const checkEntry = async (child: string): Promise<void> => {
    const stats = await lstat(join(root, child)).catch(() => undefined);
    if (closed) return;
    dropSubtree(child);
    if (stats?.isDirectory() && include(child.split(sep))) {
      reportWhenWatched.add(child);
      enqueue(child);
    }
  };

  const addWatch = (rel: string): void => {
    if (watchers.has(rel)) return;
    const w = watch(join(root, rel), { persistent: false }, (event, filename) => {
      if (closed) return;
      if (filename === null || filename === '') {
        onPath(rel);
        return;
      }
      const child = rel === '' ? filename : join(rel, filename);
      onPath(child);
      if (event === 'rename') void checkEntry(child);
    });
    w.on('error', (error) => {
      w.close();
      watchers.delete(rel);
      // A watched folder that was removed may end its watch with an error: only the root matters.
      if (rel === '') fail(error);
    });
    watchers.set(rel, w);
  };

  /** Watches one folder, then lists it and queues its subfolders. */
  const visit = async (rel: string): Promise<void> => {
    try {
      addWatch(rel);
    } catch (error) {
      // Gone since it was listed: nothing to watch. Anything else (ENOSPC: out of inotify watches,
      // EACCES on the root) means this tree cannot be watched by events.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' && rel !== '') return;
      fail(error);
      return;
    }
    // A folder that appeared after the walk: it, and every folder in it, is reported once watched.
    const fresh = reportWhenWatched.delete(rel);
    if (fresh) onPath(rel);
    const entries = await readdir(join(root, rel), { withFileTypes: true }).catch(() => []);
    if (closed) return;
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const child = rel === '' ? entry.name : join(rel, entry.name);
      if (!include(child.split(sep))) continue;
      if (fresh) reportWhenWatched.add(child);
      queue.push(child);
    }
  };

  const pump = async (): Promise<void> => {
    while (!closed && queue.length > 0) {
      await options.beforeBatch?.();
      if (closed) break;
      const batch = queue.splice(0, batchSize);
      await Promise.all(batch.map(visit));
      await yieldToEventLoop();
    }
    pumping = undefined;
  };

  function enqueue(rel: string): void {
    queue.push(rel);
    pumping ??= pump();
  }

  // The root is watched synchronously: a missing or unwatchable root throws here, to the caller.
  addWatch('');
  const ready = (async () => {
    await yieldToEventLoop();
    await options.beforeBatch?.();
    const entries = await readdir(root, { withFileTypes: true }).catch(() => []);
    for (const entry of entries)
      if (entry.isDirectory() && include([entry.name])) queue.push(entry.name);
    while (!closed && (queue.length > 0 || pumping !== undefined)) {
      pumping ??= pump();
      await pumping;
    }
  })();

  return { ready, close };
}
