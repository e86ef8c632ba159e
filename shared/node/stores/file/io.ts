/**
 * Disk access for the FileStore: every read goes through one `IoLimiter`, so a store of 10,000 runs ×
 * 50 files never has more than a few dozen files open at once (too many and the OS says EMFILE; too
 * few and a network drive is slow). Nothing here writes.
 */
import { constants, type Dirent, type Stats } from 'node:fs';
import { lstat, open, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { StoreError } from '../../../common/errors';
import type { StoreProblem } from '../../../common/types';
import { Semaphore } from '../Semaphore';

/** Files that may be read in flight at once, per store. */
const MAX_IN_FLIGHT = 48;

/** The FileStore's limit on files read at once (48 unless told): the stores' one semaphore. */
export class IoLimiter extends Semaphore {
  constructor(max = MAX_IN_FLIGHT) {
    super(max);
  }
}

/** Maps items with at most `limit` callbacks pending at once; results keep the input order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

export function errnoCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/** True for errors meaning "not there (any more)": the store is being written or was copied partially. */
export function isMissing(err: unknown): boolean {
  const code = errnoCode(err);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Flags for every read of a store file. O_NONBLOCK: opening a FIFO for reading would otherwise wait for
 * a writer forever (and hold one of libuv's four file-I/O threads meanwhile). O_NOFOLLOW: a symlink is
 * never read through, as it may point outside the store (`ln -s /etc/passwd params/x`).
 */
export const READ_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/** Thrown for a path that is not a regular file (a FIFO, socket or device): it is never read. */
export const NOT_REGULAR = 'ERUNLENS_NOT_REGULAR';

/** Throws NOT_REGULAR unless `stats` (fstat of the open descriptor) is a regular file's. */
export function assertRegularFile(stats: Stats, path: string): void {
  if (stats.isFile()) return;
  const kind = stats.isFIFO()
    ? 'a FIFO'
    : stats.isSocket()
      ? 'a socket'
      : stats.isDirectory()
        ? 'a folder'
        : 'a device';
  throw Object.assign(new Error(`${path} is ${kind}, not a regular file`), {
    code: stats.isDirectory() ? 'EISDIR' : NOT_REGULAR,
  });
}

export function describeError(err: unknown): string {
  const code = errnoCode(err);
  if (code === NOT_REGULAR) return 'not a regular file (FIFOs, sockets and devices are never read)';
  if (code === 'ELOOP') return 'a symbolic link, not followed (it could point outside the store)';
  if (code === 'EISDIR') return 'a folder where a file was expected';
  if (code === 'ENOENT') return 'file not found (deleted while reading, or a broken link)';
  if (code === 'ENOTDIR') return 'not a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

/**
 * The StoreError for a failed read of `path`: a StoreError as it is; anything else STORE_UNREADABLE,
 * with its own message when that names the path, else "Cannot read <path>: <reason>".
 */
export function unreadableError(path: string, err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  const message =
    err instanceof Error && err.message.includes(path)
      ? err.message
      : `Cannot read ${path}: ${describeError(err)}`;
  return new StoreError('STORE_UNREADABLE', message, { cause: err });
}

/**
 * First read size: just under Node's Buffer pool threshold, so the buffer of a small file (nearly all
 * params, tags and meta.yaml files) is a pool slice rather than a fresh allocation.
 */
const FIRST_READ = 4095;
const NEXT_READ = 1 << 20;

/**
 * Reads one regular file's bytes through the limiter: open (non-blocking, never through a symlink),
 * fstat (anything but a regular file is refused before a byte is read: a FIFO would block, a device
 * never ends), then reads until a short read, which means end of file (a file still being appended to
 * is read up to where it was).
 */
export function readBytes(io: IoLimiter, path: string): Promise<Buffer> {
  return io.run(async () => {
    const handle = await open(path, READ_FLAGS);
    try {
      assertRegularFile(await handle.stat(), path);
      const chunks: Buffer[] = [];
      let size = FIRST_READ;
      for (;;) {
        const buffer = Buffer.allocUnsafe(size);
        const { bytesRead } = await handle.read(buffer, 0, size, null);
        chunks.push(buffer.subarray(0, bytesRead));
        if (bytesRead < size) break;
        size = NEXT_READ;
      }
      return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    } finally {
      await handle.close();
    }
  });
}

/** Reads one file as UTF-8 through the limiter (see readBytes). */
export async function readText(io: IoLimiter, path: string): Promise<string> {
  return (await readBytes(io, path)).toString('utf8');
}

/** The error for a symlink met where the store is walked: links are never followed (ELOOP, as O_NOFOLLOW). */
export function linkNotFollowed(path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${path} is a symbolic link, not followed`), { code: 'ELOOP' });
}

/**
 * Lists a folder through the limiter; a missing folder is an empty one. A folder that is a symlink is
 * refused (ELOOP) unless `followLink` (only the store root the user chose): a link inside a store may
 * point anywhere — `/`, `..`, itself — and MLflow never makes one there.
 */
export async function listDir(io: IoLimiter, path: string, followLink = false): Promise<Dirent[]> {
  try {
    return await io.run(async () => {
      if (!followLink && (await lstat(path)).isSymbolicLink()) throw linkNotFollowed(path);
      return readdir(path, { withFileTypes: true });
    });
  } catch (err) {
    if (isMissing(err)) return [];
    throw err;
  }
}

/**
 * Throws ELOOP when a folder between `base` (excluded) and `path` (excluded) is a symlink: for reads
 * of one file by a name the caller builds (a metric key with '/'), where O_NOFOLLOW guards only the last
 * component. A missing folder is left for the read itself to report.
 */
export async function assertNoLinkBetween(
  io: IoLimiter,
  base: string,
  path: string,
): Promise<void> {
  const parts = relative(base, path).split(sep).slice(0, -1);
  let dir = base;
  for (const part of parts) {
    dir = join(dir, part);
    const info = await io.run(() => lstat(dir)).catch(() => undefined);
    if (!info) return;
    if (info.isSymbolicLink()) throw linkNotFollowed(dir);
  }
}

/**
 * Entries that may be folders: real folders and symlinks. A symlink is listed so that reading it fails
 * (links are not followed) and that failure is reported with its path, rather than silently skipped.
 */
export function isDirLike(entry: Dirent): boolean {
  return entry.isDirectory() || entry.isSymbolicLink();
}

/**
 * Parts of the store that could not be read. Keyed by path, so reading the same broken file again (every
 * listRuns call does) does not grow the list.
 */
export class ProblemLog {
  private readonly byPath = new Map<string, StoreProblem>();

  add(path: string, message: string): void {
    this.byPath.set(path, { path, message });
  }

  list(): StoreProblem[] {
    return [...this.byPath.values()];
  }
}
