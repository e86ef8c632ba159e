/**
 * Disk access for the FileStore: every read goes through one `IoLimiter`, so a store of 10,000 runs ×
 * 50 files never has more than a few dozen files open at once (too many and the OS says EMFILE; too
 * few and a network drive is slow). Nothing here writes.
 */
import type { Dirent } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import type { StoreProblem } from '../../../common/types';
import { Semaphore } from '../Semaphore';

/** Files that may be read in flight at once, per store. */
const MAX_IN_FLIGHT = 48;

/** A counting semaphore for leaf I/O calls. Only leaf calls take a slot, so callers never deadlock. */
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

export function describeError(err: unknown): string {
  const code = errnoCode(err);
  if (code === 'ENOENT') return 'file not found (deleted while reading, or a broken link)';
  if (code === 'ENOTDIR') return 'not a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

/**
 * First read size: just under Node's Buffer pool threshold, so the buffer of a small file (nearly all
 * params, tags and meta.yaml files) is a pool slice rather than a fresh allocation.
 */
const FIRST_READ = 4095;
const NEXT_READ = 1 << 20;

/**
 * Reads one file's bytes through the limiter. open/read/close rather than `readFile`: readFile also
 * fstat()s every file, and each call is a trip to libuv's thread pool — on a store of 500,000 small
 * files this halves the time. A short read means end of file (a file still being appended to is read
 * up to where it was).
 */
export function readBytes(io: IoLimiter, path: string): Promise<Buffer> {
  return io.run(async () => {
    const handle = await open(path, 'r');
    try {
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

/** Lists a folder through the limiter; a missing folder is an empty one. */
export async function listDir(io: IoLimiter, path: string): Promise<Dirent[]> {
  try {
    return await io.run(() => readdir(path, { withFileTypes: true }));
  } catch (err) {
    if (isMissing(err)) return [];
    throw err;
  }
}

/** Entries that may be folders: real folders and symlinks (followed when read; a broken one fails then). */
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
