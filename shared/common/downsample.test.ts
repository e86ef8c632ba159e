import { describe, expect, it } from 'vitest';
import { bucketSeries } from './downsample';
import type { Metric } from './types';

const pt = (step: number, value: number, timestamp = step * 10): Metric => ({
  key: 'm',
  value,
  timestamp,
  step,
});
const series = (values: number[]): Metric[] => values.map((v, i) => pt(i, v));
const steps = (points: Metric[]): number[] => points.map((p) => p.step);

describe('bucketSeries', () => {
  it.each<[string, Metric[], Parameters<typeof bucketSeries>[1], number[]]>([
    ['empty input', [], { buckets: 4 }, []],
    ['one point', [pt(5, 1)], { buckets: 4 }, [5]],
    [
      'a rising line keeps its ends (first = min, last = max)',
      series([1, 2, 3, 4]),
      { buckets: 1 },
      [0, 3],
    ],
    // 10 steps in 2 buckets of 5: first, min, max, last of each.
    [
      'first, min, max, last per bucket',
      series([5, 9, 1, 4, 6, 7, 0, 3, 8, 2]),
      { buckets: 2 },
      [0, 1, 2, 4, 5, 6, 8, 9],
    ],
    [
      'a one-point spike survives',
      series([...Array(50).fill(1), 1000, ...Array(49).fill(1)]),
      { buckets: 1 },
      [0, 50, 99],
    ],
    [
      'a negative spike survives',
      series([...Array(30).fill(0), -7, ...Array(69).fill(0)]),
      { buckets: 2 },
      [0, 30, 49, 50, 99],
    ],
    ['equal extremes keep the earliest', series([2, 2, 2, 2, 2, 2]), { buckets: 1 }, [0, 5]],
    [
      'step range filters and fixes the edges',
      series([1, 9, 2, 8, 3, 7, 4]),
      { buckets: 1, minStep: 2, maxStep: 5 },
      [2, 3, 5],
    ],
    [
      'one step value everywhere is one bucket',
      [pt(3, 1), pt(3, 5), pt(3, 2), pt(3, 0)],
      { buckets: 10 },
      [3, 3, 3],
    ],
    [
      'x = timestamp buckets by time',
      [pt(0, 1, 0), pt(1, 5, 1), pt(2, 0, 100), pt(3, 9, 101), pt(4, 2, 102)],
      { buckets: 2, x: 'timestamp' },
      [0, 1, 2, 3, 4],
    ],
  ])('%s', (_name, points, opts, expected) => {
    expect(steps(bucketSeries(points, opts).points)).toEqual(expected);
  });

  it('counts NaN and ±Infinity per bucket and keeps the first of each kind', () => {
    const out = bucketSeries(series([1, NaN, NaN, Infinity, 2, -Infinity, 3, Infinity]), {
      buckets: 2,
    });
    expect(
      out.buckets.map(({ index, count, nan, posInf, negInf }) => ({
        index,
        count,
        nan,
        posInf,
        negInf,
      })),
    ).toEqual([
      { index: 0, count: 4, nan: 2, posInf: 1, negInf: 0 },
      { index: 1, count: 4, nan: 0, posInf: 1, negInf: 1 },
    ]);
    expect(steps(out.points)).toEqual([0, 1, 3, 4, 5, 6, 7]);
    expect(out.buckets[0]?.min?.value).toBe(1);
    expect(out.buckets[0]?.max?.value).toBe(1);
  });

  it('a bucket of only NaN has no finite extremes', () => {
    const out = bucketSeries([pt(0, NaN), pt(1, NaN)], { buckets: 1 });
    expect(out.buckets).toEqual([{ index: 0, count: 2, nan: 2, posInf: 0, negInf: 0 }]);
    expect(steps(out.points)).toEqual([0]);
  });

  it('leaves out empty buckets and reports the range', () => {
    const out = bucketSeries([pt(0, 1), pt(100, 2)], { buckets: 10 });
    expect(out.buckets.map((b) => b.index)).toEqual([0, 9]);
    expect(out).toMatchObject({ inRange: 2, x0: 0, width: 10 });
  });

  it('keeps at most 4 finite points per bucket on a long noisy series, spikes included', () => {
    const values = Array.from({ length: 100_000 }, (_, i) => Math.sin(i) + (i === 77_777 ? 50 : 0));
    const out = bucketSeries(series(values), { buckets: 500 });
    expect(out.points.length).toBeLessThanOrEqual(2000);
    expect(out.points.some((p) => p.value > 49)).toBe(true);
    expect(steps(out.points)).toEqual([...steps(out.points)].sort((a, b) => a - b));
  });
});
