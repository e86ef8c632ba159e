import { describe, expect, it } from 'vitest';
import { ApiError, asApiError } from './ApiError';

describe('asApiError', () => {
  it('keeps an ApiError, reads an Error, and keeps a plain { code, message } (StoreInfo.error)', () => {
    const e = new ApiError('NOT_FOUND', 'gone');
    expect(asApiError(e)).toBe(e);
    expect(asApiError(new Error('boom'))).toMatchObject({ code: 'INTERNAL', message: 'boom' });
    expect(
      asApiError({ code: 'STORE_UNREADABLE', message: '/tmp/x is not a store' }),
    ).toMatchObject({
      code: 'STORE_UNREADABLE',
      message: '/tmp/x is not a store',
    });
    expect(asApiError({ code: 'WHAT', message: 'm' })).toMatchObject({
      code: 'INTERNAL',
      message: 'm',
    });
    expect(asApiError({ other: 1 }).message).toBe('[object Object]');
  });
});
