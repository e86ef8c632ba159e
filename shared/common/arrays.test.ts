import { describe, expect, it } from 'vitest';
import { maxOf, pushAll } from './arrays';

/** Past the ~120,000 arguments at which a spread call overflows V8's stack. */
const MANY = 300_000;

describe('array helpers for lists of any length', () => {
  it('pushAll appends in order, from arrays and iterables, past the spread limit', () => {
    const many = Array.from({ length: MANY }, (_, i) => i);
    expect(() => [].push(...(many as never[]))).toThrow(RangeError);
    const out = pushAll([-1], many);
    expect(out.length).toBe(MANY + 1);
    expect(out[0]).toBe(-1);
    expect(out[MANY]).toBe(MANY - 1);
    expect(pushAll(['a'], new Map([['b', 1]]).keys())).toEqual(['a', 'b']);
  });

  it('maxOf is Math.max without the spread', () => {
    expect(maxOf(Array.from({ length: MANY }, (_, i) => i % 1000))).toBe(999);
    expect(maxOf([])).toBe(-Infinity);
    expect(maxOf([], 0)).toBe(0);
    expect(maxOf([1, NaN, 3])).toBeNaN();
    expect(maxOf([-5, -2])).toBe(-2);
  });
});
