import { describe, expect, it } from 'vitest';
import { buildChartData } from './chartData';
import { chartExtent, linePath, niceTicks, roundTicksWithin, ticksFit } from './extent';
import { X_STEP } from './xAxis';

const pts = (values: number[]) =>
  values.map((value, step) => ({ key: 'm', value, timestamp: step, step }));

describe('chartExtent', () => {
  it('spans every drawn point of every line, the smoothed ones when drawn', () => {
    const data = buildChartData(
      [{ points: pts([1, 5, NaN, 3]) }, { points: pts([-2, 0]) }, { points: [] }],
      X_STEP,
      { smoothing: 0.9 },
    );
    expect(chartExtent(data, false)).toEqual({ x: [0, 3], y: [-2, 5] });
    const smoothed = chartExtent(data, true);
    expect(smoothed?.y[0]).toBe(-2);
    expect(smoothed?.y[1]).toBe(5);
    expect(chartExtent(buildChartData([{ points: [] }], X_STEP), false)).toBeUndefined();
  });
});

describe('niceTicks', () => {
  it('covers the range with round steps and starts and ends on a tick', () => {
    expect(niceTicks([0.013, 1.96])).toEqual([0, 0.5, 1, 1.5, 2]);
    expect(niceTicks([-0.43, 1.97])).toEqual([-0.5, 0, 0.5, 1, 1.5, 2]);
    expect(niceTicks([120, 980])).toEqual([0, 200, 400, 600, 800, 1000]);
    expect(niceTicks([3, 3])).toEqual([2.6, 2.8, 3, 3.2, 3.4]);
    expect(niceTicks([0, 0])).toEqual([-1, -0.5, 0, 0.5, 1]);
  });
});

describe('roundTicksWithin', () => {
  it('gives round values inside the range, never beyond it', () => {
    expect(roundTicksWithin([3.2, 491.7])).toEqual([100, 200, 300, 400]);
    expect(roundTicksWithin([0, 9999])).toEqual([0, 2000, 4000, 6000, 8000]);
    expect(roundTicksWithin([0.013, 0.0871])).toEqual([0.02, 0.04, 0.06, 0.08]);
  });

  it("leaves an empty or one-point range to the chart's own ticks", () => {
    expect(roundTicksWithin([5, 5])).toBeUndefined();
    expect(roundTicksWithin([NaN, 1])).toBeUndefined();
  });
});

describe('linePath', () => {
  it('draws straight segments at 0.1 px and breaks where a pixel is not finite', () => {
    const xs = Float64Array.from([0, 1, 2, 3]);
    const ys = Float64Array.from([1, 2, -1, 4]);
    const toPy = (y: number) => (y > 0 ? 100 / y : NaN);
    expect(linePath(xs, ys, (x) => x * 10.04, toPy)).toBe('M0,100L10,50M30.1,25');
  });
});

describe('ticksFit', () => {
  const plain = (v: number) => String(v);
  it('fits x labels whose estimated width leaves a gap in each slot', () => {
    const ticks = [0, 2000, 4000, 6000, 8000, 10000];
    // 6 ticks over 500 px: 100 px slots; "10000" is ~38 px.
    expect(ticksFit(ticks, plain, 500, 'x')).toBe(true);
    // 6 ticks over 150 px: 30 px slots, too narrow: recharts then drops colliding labels itself.
    expect(ticksFit(ticks, plain, 150, 'x')).toBe(false);
    // Long labels need wide slots.
    expect(ticksFit(ticks, (v) => `${v} steps of training`, 500, 'x')).toBe(false);
  });
  it('fits y labels by line height', () => {
    expect(ticksFit([0, 0.5, 1, 1.5, 2], plain, 200, 'y')).toBe(true);
    expect(ticksFit([0, 0.5, 1, 1.5, 2], plain, 60, 'y')).toBe(false);
  });
  it('never claims to fit without at least two ticks of our own', () => {
    expect(ticksFit(undefined, plain, 1000, 'x')).toBe(false);
    expect(ticksFit([1], plain, 1000, 'y')).toBe(false);
  });
});
