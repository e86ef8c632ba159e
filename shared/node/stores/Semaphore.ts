/**
 * The one concurrency limit of the stores: at most `limit` holders at once, first come first served.
 * The FileStore bounds its open files with it (file/io.ts IoLimiter), the RestStore its requests in
 * flight (rest/HttpClient.ts). Waiters that are cancelled leave the queue without taking a slot, so a
 * cancelled page load never delays the next one.
 */
import { StoreError } from '../../common/errors';

const cancelledWait = (): StoreError => new StoreError('CANCELLED', 'Cancelled while waiting');

export class Semaphore {
  private active = 0;
  private readonly waiting: { grant: () => void }[] = [];

  /** `cancelled` makes the error a cancelled wait rejects with (each store words its own). */
  constructor(
    private readonly limit: number,
    private readonly cancelled: () => Error = cancelledWait,
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`maxInFlight must be a positive integer (got ${limit})`);
  }

  get inFlight(): number {
    return this.active;
  }

  /** Runs `task` in a slot and gives the slot back however it ends. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(signal);
    try {
      return await task();
    } finally {
      release();
    }
  }

  /** Waits for a slot; the returned function gives it back (call it exactly once). */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw this.cancelled();
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
        reject(this.cancelled());
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
