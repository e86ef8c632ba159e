/**
 * The index cache's rows of experiment folders not indexed yet, with their summaries decoded once and
 * shared: the app asks for the cached preview (RunIndex.cachedPage) and the exact list (RunIndex.runs)
 * together, and both start from the same rows. Reading and decoding them twice was most of a warm
 * open's main-thread time (issue 12). The exact open takes a folder out once it has installed it.
 */
import { decodeSummary, type StringPool, type RunSummary } from '../runSummary';
import type { Fingerprint } from './fingerprint';
import type { CachedRun, IndexCache } from './IndexCache';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/** One indexed run folder (RunIndex's unit). */
export interface Entry {
  summary: RunSummary;
  fingerprint: Fingerprint;
}

/** An experiment folder's cached rows, and their entries as they are decoded. */
export interface CachedFolder {
  rows: ReadonlyMap<string, CachedRun>;
  /** The rows that decode (a damaged row is left out, so its run is read again). */
  entries: Promise<Map<string, Entry>>;
}

/**
 * How long decoding may hold the event loop before it lets other work in (worker results, requests).
 * A request's handler awaits several file reads, each of which waits for the slice running when it
 * completes: with 256-row slices (~7 ms) the page's boot answers took the whole warm-up (~60 ms).
 */
const DECODE_SLICE_MS = 1;
/** Rows decoded between two looks at the clock. */
const ROWS_PER_CLOCK_CHECK = 8;

export class CachedFolders {
  private readonly folders = new Map<string, CachedFolder>();

  constructor(
    private readonly cache: IndexCache | null,
    /** Absolute run folder of a root-relative one. */
    private readonly abs: (runRel: string) => string,
    private readonly counts: { summariesDecoded: number },
    /** The index's metric keys: a decoded summary's keys are taken from it. */
    private readonly keys: StringPool,
  ) {}

  /** The folder's rows (read now if not yet) and their decoding; undefined without a cache. */
  get(experimentRel: string): CachedFolder | undefined {
    if (!this.cache) return undefined;
    const known = this.folders.get(experimentRel);
    if (known) return known;
    const rows = this.cache.loadRows(experimentRel);
    const folder: CachedFolder = { rows, entries: this.decode(rows) };
    this.folders.set(experimentRel, folder);
    return folder;
  }

  /**
   * Reads ahead and decodes the cached runs of these folders, in order, skipping a folder that would
   * take the total past `maxRuns`: they stay in memory until indexed, so the bound is what a read-ahead
   * of folders never opened may cost (a few kB a run).
   */
  async warm(experimentRels: readonly string[], maxRuns: number): Promise<void> {
    let taken = 0;
    for (const rel of experimentRels) {
      if (!this.cache) return;
      if (!this.folders.has(rel)) {
        const count = this.cache.countRows(rel);
        if (count === 0 || taken + count > maxRuns) continue;
        taken += count;
      }
      await this.get(rel)?.entries;
    }
  }

  /** The folder is indexed: memory answers for it from now on. */
  delete(experimentRel: string): void {
    this.folders.delete(experimentRel);
  }

  /** Decodes in slices that let other work in (worker results, other requests). */
  private async decode(rows: ReadonlyMap<string, CachedRun>): Promise<Map<string, Entry>> {
    const out = new Map<string, Entry>();
    let n = 0;
    let sliceStart = performance.now();
    for (const [runRel, row] of rows) {
      try {
        out.set(runRel, {
          summary: decodeSummary(row.summary, this.keys),
          fingerprint: fingerprintOf(row),
        });
        this.counts.summariesDecoded++;
      } catch {
        // Damaged row: as if not cached.
      }
      if (++n % ROWS_PER_CLOCK_CHECK === 0 && performance.now() - sliceStart >= DECODE_SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    return out;
  }
}

/** The fingerprint part of a cached row (its summary text is not posted to the workers). */
export function fingerprintOf(row: CachedRun): Fingerprint {
  return { paths: row.paths, hash: row.hash };
}
