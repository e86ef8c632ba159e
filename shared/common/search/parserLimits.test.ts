/** Filter size limits (issue 11, defect 5): hostile filters get INVALID_ARGUMENT, never a stack overflow. */
import { describe, expect, it } from 'vitest';
import { StoreError } from '../errors';
import { parseRunFilter } from './index';
import { MAX_FILTER_LENGTH, MAX_FILTER_NESTING } from './parser';

function errorOf(filter: string): StoreError {
  try {
    parseRunFilter(filter);
  } catch (err) {
    if (err instanceof StoreError) return err;
    throw err;
  }
  throw new Error('parsed');
}

const nested = (depth: number): string =>
  `${'('.repeat(depth)}metrics.loss < 1${')'.repeat(depth)}`;

describe('filter limits', () => {
  it('5,000 nested parentheses: INVALID_ARGUMENT naming the limit', () => {
    const err = errorOf(nested(5000));
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toMatch(/nested deeper than 100 levels/);
    expect(err.message.length).toBeLessThan(200);
  });

  it('nesting up to the limit still parses', () => {
    expect(() => parseRunFilter(nested(MAX_FILTER_NESTING))).not.toThrow();
    expect(errorOf(nested(MAX_FILTER_NESTING + 1)).code).toBe('INVALID_ARGUMENT');
  });

  it('an over-long filter is refused without echoing it', () => {
    const long = Array.from({ length: 6000 }, (_, i) => `params.p${i} = 'x'`).join(' AND ');
    expect(long.length).toBeGreaterThan(MAX_FILTER_LENGTH);
    const err = errorOf(long);
    expect(err.code).toBe('INVALID_ARGUMENT');
    expect(err.message).toMatch(/limit is 100000/);
    expect(err.message.length).toBeLessThan(200);
  });
});
