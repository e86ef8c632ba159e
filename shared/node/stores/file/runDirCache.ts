/**
 * Where runs' folders are, remembered for metric reads. Finding a run lists the store's experiments and
 * stats the run's id in each; a chart view asks for 150 series of 50 runs at once, and did that 150
 * times (~35 ms a batch with one experiment, far more with many). A remembered folder is used only while
 * it is still a real folder there (one lstat, never through a link), so a removed run or an experiment
 * moved to `.trash` is looked up afresh. The same run id in two experiments is not a valid store; the
 * folder found first stays in use then.
 */
import { lstat } from 'node:fs/promises';
import type { IoLimiter } from './io';

/** Runs remembered at most; the oldest is forgotten first. */
const DEFAULT_LIMIT = 10_000;

export class RunDirCache {
  private readonly dirs = new Map<string, string>();

  constructor(
    private readonly io: IoLimiter,
    private readonly limit = DEFAULT_LIMIT,
  ) {}

  /**
   * `runId`'s folder: from memory, else `hint` (where the store's index last saw it), each only while it
   * is still a folder there; else from `find`. The answer is remembered.
   */
  async dirOf(runId: string, find: () => Promise<string>, hint?: string): Promise<string> {
    const known = this.dirs.get(runId);
    if (known !== undefined) {
      if (await this.isFolder(known)) return known;
      this.dirs.delete(runId);
    }
    const dir = hint !== undefined && (await this.isFolder(hint)) ? hint : await find();
    if (this.dirs.size >= this.limit) {
      const oldest = this.dirs.keys().next();
      if (!oldest.done) this.dirs.delete(oldest.value);
    }
    this.dirs.set(runId, dir);
    return dir;
  }

  private async isFolder(path: string): Promise<boolean> {
    const stats = await this.io.run(() => lstat(path)).catch(() => undefined);
    return stats?.isDirectory() ?? false;
  }
}
