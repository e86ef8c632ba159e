import { describe, expect, it } from 'vitest';
import { numericTicks } from './ParallelCoords';

describe('numericTicks', () => {
  it('labels the bottom, middle and top of a numeric axis', () => {
    expect(numericTicks([0.1, 100])).toEqual([
      { label: '0.1', pos: 0 },
      { label: '50.05', pos: 0.5 },
      { label: '100', pos: 1 },
    ]);
  });

  it('gives one tick in the middle when every run has the same value (not three equal labels)', () => {
    expect(numericTicks([200, 200])).toEqual([{ label: '200', pos: 0.5 }]);
  });
});
