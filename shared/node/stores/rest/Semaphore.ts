/**
 * At most `limit` holders at once, first come first served. Waiters that are cancelled leave the queue
 * without taking a slot, so a cancelled page load never delays the next one.
 */
import { cancelled } from './retry';

export class Semaphore {
  private active = 0;
  private readonly waiting: { grant: () => void }[] = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`maxInFlight must be a positive integer (got ${limit})`);
  }

  get inFlight(): number {
    return this.active;
  }

  /** Waits for a slot; the returned function gives it back (call it exactly once). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw cancelled();
    if (this.active < this.limit) {
      this.active++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const waiter = {
        grant: (): void => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        const i = this.waiting.indexOf(waiter);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(cancelled());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
    });
    return this.releaser();
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter; `active` stays the same.
      if (next) next.grant();
      else this.active--;
    };
  }
}
