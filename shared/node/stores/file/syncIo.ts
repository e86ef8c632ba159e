/**
 * Synchronous disk access for reading whole runs in bulk (inside worker threads, or in-thread for a few
 * runs): one `fs.promises` call per small file costs a trip through libuv's thread pool and made a store
 * of 10,000 runs × 50 files take ~22 s, where the same reads done synchronously take ~3 s.
 *
 * Every path a run's content depends on is reported to a `StatRecorder` with the stat taken BEFORE its
 * content was read, so a change made while reading shows up as a changed stat next time (never as a
 * stale entry that looks fresh). Nothing here writes.
 */
import {
  closeSync,
  type Dirent,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  statSync,
  type Stats,
} from 'node:fs';
import { assertRegularFile, isMissing, linkNotFollowed, READ_FLAGS } from './io';

/** Receives (path, stat before reading; undefined when it does not exist / cannot be stat'ed). */
export type StatRecorder = (path: string, stats: Stats | undefined) => void;

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

const BUFFER_SIZE = 64 * 1024;

export class SyncReader {
  /** One buffer reused for every small file: no allocation per file. */
  private buffer = Buffer.allocUnsafe(BUFFER_SIZE);

  constructor(private readonly record: StatRecorder) {}

  /**
   * Reads a file as UTF-8. `fingerprinted: false` is for files MLflow writes once (params): their
   * folder's mtime covers them. A file that cannot be opened is always recorded, with what stat says
   * about it then, so that fixing it (a broken link repaired, a permission granted) is seen.
   */
  readText(path: string, fingerprinted = true): string {
    return this.readWith(path, (bytes) => bytes.toString('utf8'), fingerprinted);
  }

  /**
   * Reads a file and hands its bytes (and the stat of the open file) to `use`, whose answer is
   * returned: the bytes are a view of a buffer reused by the next read, so `use` must not keep them (a
   * metric file is scanned without decoding it to a string first).
   */
  readWith<T>(path: string, use: (bytes: Buffer, stats: Stats) => T, fingerprinted = true): T {
    let fd: number;
    try {
      fd = openSync(path, READ_FLAGS);
    } catch (err) {
      this.record(path, statOrUndefined(path));
      throw err;
    }
    try {
      // The type check needs the fstat anyway (a FIFO opened non-blocking reads as empty, a device
      // never ends); it is one syscall on an open descriptor, not a thread-pool trip.
      const stats = fstatSync(fd);
      assertRegularFile(stats, path);
      if (fingerprinted) this.record(path, stats);
      // Sized from the stat when the file is bigger than the buffer: growing it read by read copied
      // each long metric file up to three times (one buffer per run's reader).
      let buffer =
        stats.size < this.buffer.length ? this.buffer : Buffer.allocUnsafe(stats.size + 1);
      let total = 0;
      for (;;) {
        if (total === buffer.length) {
          const bigger = Buffer.allocUnsafe(buffer.length * 4);
          buffer.copy(bigger, 0, 0, total);
          buffer = bigger;
        }
        const wanted = buffer.length - total;
        const n = readSync(fd, buffer, total, wanted, null);
        total += n;
        // A short read is the end of a regular file (one being appended to is read up to where it was):
        // no extra read() that returns 0, which is a syscall per file.
        if (n < wanted) break;
      }
      this.buffer = buffer;
      return use(buffer.subarray(0, total), stats);
    } finally {
      closeSync(fd);
    }
  }

  /** Records a path this read depends on without reading it (content already known). */
  recordOnly(path: string): void {
    this.record(path, statOrUndefined(path));
  }

  /** Lists a folder (recorded: its mtime changes when entries are added or removed); missing → []. */
  listDir(path: string): Dirent[] {
    // lstat, not stat: a folder that is a symlink is refused (never followed out of the store), and
    // for a real folder both are the same.
    let info: Stats | undefined;
    try {
      info = lstatSync(path, { throwIfNoEntry: false });
    } catch {
      info = undefined;
    }
    this.record(path, info);
    if (info?.isSymbolicLink()) throw linkNotFollowed(path);
    try {
      return readdirSync(path, { withFileTypes: true });
    } catch (err) {
      if (isMissing(err)) return [];
      throw err;
    }
  }
}
