/** slashRelative gives path.relative's answer, '/'-separated, by a prefix cut where it can. */
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slashRelative } from './slashRelative';

describe('slashRelative', () => {
  const base = join('/store', 'mlruns');
  it.each([
    [base, ''],
    [join(base, '1'), '1'],
    [join(base, '1', 'run', 'metrics', 'loss'), '1/run/metrics/loss'],
    [join('/store', 'other', 'x'), '../other/x'],
    [join('/store', 'mlruns-2', 'x'), '../mlruns-2/x'],
  ])('%s', (path, expected) => {
    expect(slashRelative(base, path)).toBe(expected);
    expect(slashRelative(base, path)).toBe(relative(base, path).split('\\').join('/'));
  });
  it('takes a base that ends with a separator', () => {
    expect(slashRelative(`${base}/`, join(base, '1', 'run'))).toBe('1/run');
  });
});
