/**
 * The parsed histories of metric files the index has just read in this thread, kept for a while by a
 * long-lived host (the app, `serve`). Opening an experiment and charting it read and parsed every
 * history twice — for the latest values (the index), then for the chart series — ~0.3 s each for
 * 50 runs × 3 metrics × 10,000 steps (bench C). A chart series now comes from the kept columns while
 * the file's stat is still the one the index read it with.
 *
 * Exact by the index's own rule (index/fingerprint.ts): the stat compared is mtime, ctime, size and
 * inode, and a file whose mtime was within RACY_MS of its read is not kept (it could change again
 * within the timestamp granularity with the same stat), so a run being logged to is read for each chart.
 *
 * Bounded: files of MIN_POINTS points up to WHOLE_FILE_BYTES only (a shorter history parses in less
 * time than keeping it costs; a longer one is streamed), up to `maxBytes` of columns in all, the least
 * recently used dropped first.
 */
import type { Stats } from 'node:fs';
import { RACY_MS, statStamp } from './index/fingerprint';
import type { ParsedColumns } from './metricColumns';
import { WHOLE_FILE_BYTES } from './metricStream';

/** Fewer points than this are not kept. */
export const MIN_POINTS = 1000;
/** Columns kept in all (3 doubles a point): the bench's 150 histories of 10,000 points are 36 MB. */
export const RECENT_HISTORY_BYTES = 64 * 1024 * 1024;
/** Bytes of a metric file below which the index does not even parse it into columns (~20 bytes a line). */
const MIN_FILE_BYTES = MIN_POINTS * 16;

interface Kept {
  stamp: string;
  parsed: ParsedColumns;
  bytes: number;
}

export class RecentHistories {
  /** In use order: the first is the least recently used. */
  private readonly kept = new Map<string, Kept>();
  private held = 0;

  constructor(
    private readonly maxBytes = RECENT_HISTORY_BYTES,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether a metric file of `size` bytes read now with `stats` would be kept once parsed. */
  wants(size: number, stats: Stats): boolean {
    return (
      size >= MIN_FILE_BYTES &&
      size <= WHOLE_FILE_BYTES &&
      this.now() - stats.mtimeMs >= RACY_MS &&
      this.maxBytes > 0
    );
  }

  /** Keeps the history of `path` as parsed from the bytes it had with `stats`. */
  keep(path: string, stats: Stats, parsed: ParsedColumns): void {
    this.drop(path);
    if (parsed.cols.length < MIN_POINTS || !this.wants(stats.size, stats)) return;
    const bytes = parsed.cols.step.length * 24 + parsed.badLines.length * 8;
    if (bytes > this.maxBytes) return;
    while (this.held + bytes > this.maxBytes) {
      const oldest = this.kept.keys().next().value;
      if (oldest === undefined) break;
      this.drop(oldest);
    }
    this.kept.set(path, { stamp: statStamp(stats), parsed, bytes });
    this.held += bytes;
  }

  /** The kept history of `path` if the file still has the stat it was read with. */
  find(path: string, stats: Stats): ParsedColumns | undefined {
    const entry = this.kept.get(path);
    if (!entry) return undefined;
    if (entry.stamp !== statStamp(stats)) {
      this.drop(path);
      return undefined;
    }
    // Now the most recently used.
    this.kept.delete(path);
    this.kept.set(path, entry);
    return entry.parsed;
  }

  /** Bytes of columns held. */
  get heldBytes(): number {
    return this.held;
  }

  private drop(path: string): void {
    const entry = this.kept.get(path);
    if (!entry) return;
    this.kept.delete(path);
    this.held -= entry.bytes;
  }
}
