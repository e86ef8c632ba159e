// The stores' one semaphore (file/io.ts IoLimiter, rest/HttpClient.ts).
import { describe, expect, it } from 'vitest';
import { Semaphore } from './Semaphore';

describe('Semaphore', () => {
  it('grants in order, never more than the limit, and drops cancelled waiters', async () => {
    const s = new Semaphore(1);
    const release = await s.acquire();
    const c = new AbortController();
    const cancelledWait = s.acquire(c.signal);
    const order: string[] = [];
    const next = s.acquire().then((r) => {
      order.push('next');
      return r;
    });
    c.abort();
    await expect(cancelledWait).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(s.inFlight).toBe(1);
    release();
    (await next)();
    expect(order).toEqual(['next']);
    expect(s.inFlight).toBe(0);
  });

  it('run() holds a slot for the task only, released when it throws too', async () => {
    const s = new Semaphore(2);
    let peak = 0;
    const task = async (fail: boolean): Promise<number> => {
      peak = Math.max(peak, s.inFlight);
      await new Promise((r) => setTimeout(r, 5));
      if (fail) throw new Error('boom');
      return 1;
    };
    const results = await Promise.allSettled(
      [true, false, false, true, false].map((f) => s.run(() => task(f))),
    );
    expect(results.map((r) => r.status)).toEqual([
      'rejected',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(peak).toBe(2);
    expect(s.inFlight).toBe(0);
  });

  it('rejects a cancelled wait with the error its owner chose', async () => {
    const s = new Semaphore(1, () => new Error('stopped by the owner'));
    const release = await s.acquire();
    const c = new AbortController();
    const waiting = s.run(async () => 1, c.signal);
    c.abort();
    await expect(waiting).rejects.toThrow('stopped by the owner');
    release();
    expect(s.inFlight).toBe(0);
  });
});
