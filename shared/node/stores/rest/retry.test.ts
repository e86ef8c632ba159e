import { describe, expect, it } from 'vitest';
import { backoffDelay, parseRetryAfter, sleep } from './retry';

describe('backoff and Retry-After', () => {
  it('full jitter: uniform below min(max, base·2^attempt)', () => {
    expect(backoffDelay(0, 500, 10_000, () => 0.999)).toBe(499);
    expect(backoffDelay(3, 500, 10_000, () => 0.5)).toBe(2000);
    expect(backoffDelay(10, 500, 10_000, () => 0.999)).toBe(9990);
    expect(backoffDelay(2, 500, 10_000, () => 0)).toBe(0);
  });

  it('reads delta seconds and HTTP-dates', () => {
    const now = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:27:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('sleep rejects CANCELLED when aborted', async () => {
    const c = new AbortController();
    const p = sleep(10_000, c.signal);
    c.abort();
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
