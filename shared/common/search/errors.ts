import { StoreError } from '../errors';

/** Every search error is the caller's fault: a bad filter, order_by, page token or max_results. */
export function invalid(message: string): never {
  throw new StoreError('INVALID_ARGUMENT', message);
}
