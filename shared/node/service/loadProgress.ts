/**
 * Turns a store's progress callbacks into `loadProgress` events (contract.ts), throttled: a cold index
 * reports after every batch of run folders, a remote listing after every page, and a UI needs a few
 * updates a second, not hundreds. The first report of a load and its end are always sent.
 * Loads of one store and kind overlap rarely (two windows); they then share one indicator.
 */
import type { LoadProgressEvent } from '../../common/contract';

/** Least time between two events of one load (storeId + what). */
export const PROGRESS_INTERVAL_MS = 100;

export class LoadProgress {
  private readonly lastSent = new Map<string, number>();

  constructor(
    private readonly emit: (event: LoadProgressEvent) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** A load goes on: `loaded` of `total` (null: unknown). Ends by itself when loaded reaches total. */
  report(
    storeId: string,
    what: LoadProgressEvent['what'],
    loaded: number,
    total: number | null,
  ): void {
    if (total !== null && loaded >= total) {
      this.done(storeId, what, loaded, total);
      return;
    }
    const key = `${storeId}\u0000${what}`;
    const last = this.lastSent.get(key);
    const at = this.now();
    if (last !== undefined && at - last < PROGRESS_INTERVAL_MS) return;
    this.lastSent.set(key, at);
    this.emit({ type: 'loadProgress', storeId, what, loaded, total, done: false });
  }

  /**
   * The load ended (finished, failed or cancelled): the indicator goes away. Sent only for a load that
   * reported before, so a load done in one step (a refresh of two runs) makes no event at all.
   */
  done(
    storeId: string,
    what: LoadProgressEvent['what'],
    loaded: number,
    total: number | null,
  ): void {
    if (!this.lastSent.delete(`${storeId}\u0000${what}`)) return;
    this.emit({ type: 'loadProgress', storeId, what, loaded, total, done: true });
  }
}
