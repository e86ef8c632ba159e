/**
 * Run fingerprints: when a cached run may be used without reading it again.
 *
 * What is compared, per run, is the stat (mtimeMs, ctimeMs, size, inode; or "absent") of exactly the
 * paths its last read depended on, in the order it read them:
 * - the run folder itself (a new part folder such as metrics/ changes its mtime) and its meta.yaml
 *   (status, end time, name, lifecycle_stage: MLflow rewrites it in place or replaces it);
 * - metrics/ and every metric file (logging a point appends a line: the file's mtime and size change,
 *   its folder's do not; a new key adds a file: the folder's mtime changes);
 * - tags/ and every tag file (set_tag rewrites the file in place; a new or deleted tag changes the
 *   folder's mtime);
 * - params/ and its subfolders, but not the param files: MLflow writes a param once and refuses another
 *   value, so a new param (a new file: the folder's mtime) is the only change it makes. A param file that
 *   could not be read is compared, so repairing it is seen;
 * - inputs/, outputs/, each input/output meta.yaml, and the dataset meta.yaml each input names
 *   (`<exp>/datasets/<id>/meta.yaml`).
 * Subfolders of key folders (keys with '/') are compared like their parents.
 *
 * Why every metric and tag file is stat'ed, even for FINISHED runs (issue 12 asked whether folder
 * mtimes could stand in): a folder's mtime changes only when an entry is added, removed or renamed in it.
 * MLflow's FileStore appends a metric point to the existing file and rewrites a tag file in place
 * (`open(path, "w")`), neither of which touches the folder; and it accepts both on any run whose
 * lifecycle is active, whatever its status (`MlflowClient().log_metric` on a finished run is common).
 * So a folder mtime proves only that no key came or went; each file's own stat is the cheapest exact
 * proof that its content did not change. Absent paths could be skipped in principle (their parent's
 * mtime covers them), but MLflow's runs record none (25 present paths a run in the bench). Measured on the
 * 2,000-run bench store (50,000 stats): ~6 µs a stat on this VM's ext4, ~300 ms of CPU, the same
 * through libuv's pool as in a thread; the workers split it across the CPUs. Measured again on
 * 2026-12-06: the 50,000 `statSync` calls alone take 150 ms in one thread (the same `stat` calls from C,
 * 110 ms), and writing each stat as text to join and hash took ~35 ms more. The stats are therefore
 * hashed as four doubles a path (10,000 runs: a warm `runlens runs --json` ~70 ms faster).
 *
 * Racy entries (the git index's "racy clean" problem): a file modified twice within the file system's
 * timestamp granularity (1–10 ms on Linux, 2 s on FAT) can keep its mtime, and a same-size rewrite would
 * then look unchanged. A fingerprint in which any mtime is within RACY_MS of the moment it was taken is
 * therefore never trusted: that run is read again next time (a run being written is re-read anyway).
 */
import { createHash } from 'node:crypto';
import { statSync, type Stats } from 'node:fs';
import { slashRelative } from './slashRelative';

export const RACY_MS = 3000;

/** Separates paths in `Fingerprint.paths`: no file name can hold a NUL. */
export const PATH_SEPARATOR = '\0';

export interface Fingerprint {
  /**
   * Paths compared, relative to the run folder ('' = the folder), '/'-separated, joined by NUL: one string
   * per run is cheaper than an array to keep, store, and post to a worker (200,000 paths on 10,000 runs).
   */
  paths: string;
  /** Hash over their stats; '' = racy, never equal to a fresh one. */
  hash: string;
}

/** One path's stat as text (mtime, ctime, size, inode; '-' when absent), for a single comparison. */
export function statStamp(stats: Stats | undefined): string {
  return stats ? `${stats.mtimeMs}/${stats.ctimeMs}/${stats.size}/${stats.ino}` : '-';
}

/** What a fingerprint compares of the `i`th path: its mtime, ctime, size and inode; -1s when absent. */
function putStamp(out: Float64Array | number[], i: number, stats: Stats | undefined): void {
  const at = 4 * i;
  out[at] = stats ? stats.mtimeMs : -1;
  out[at + 1] = stats ? stats.ctimeMs : -1;
  out[at + 2] = stats ? stats.size : -1;
  out[at + 3] = stats ? stats.ino : -1;
}

function digest(stamps: Float64Array): string {
  return createHash('sha1').update(stamps).digest('base64');
}

/** Collects the stats a run read records (syncIo's StatRecorder) into a fingerprint. */
export class FingerprintBuilder {
  private readonly paths: string[] = [];
  private readonly stamps: number[] = [];
  private readonly seen = new Set<string>();
  private racy = false;

  constructor(
    private readonly runDir: string,
    private readonly now = Date.now(),
  ) {}

  readonly record = (path: string, stats: Stats | undefined): void => {
    const rel = slashRelative(this.runDir, path);
    if (this.seen.has(rel)) return;
    this.seen.add(rel);
    this.paths.push(rel);
    putStamp(this.stamps, this.paths.length - 1, stats);
    if (stats && stats.mtimeMs > this.now - RACY_MS) this.racy = true;
  };

  result(): Fingerprint {
    return {
      paths: this.paths.join(PATH_SEPARATOR),
      hash: this.racy ? '' : digest(new Float64Array(this.stamps)),
    };
  }
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** True when every compared path still has the stat it had when the fingerprint was taken. */
export function fingerprintMatches(runDir: string, known: Fingerprint): boolean {
  if (known.hash === '') return false;
  // '/' works as a separator on Windows too; join() would cost more than the stat on 200,000 paths.
  const base = `${runDir}/`;
  const rels = known.paths.split(PATH_SEPARATOR);
  const stamps = new Float64Array(4 * rels.length);
  rels.forEach((rel, i) => putStamp(stamps, i, statOrUndefined(rel === '' ? runDir : base + rel)));
  return digest(stamps) === known.hash;
}
