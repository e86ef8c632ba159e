import { describe, expect, it } from 'vitest';
import { summarizeSeries } from './metricSummary';

describe('summarizeSeries', () => {
  it('takes finite extremes and counts non-finite points', () => {
    const s = summarizeSeries({
      key: 'mape',
      totalPoints: 20,
      sampled: true,
      points: [
        { key: 'mape', value: 0.5, step: 0, timestamp: 1 },
        { key: 'mape', value: NaN, step: 3, timestamp: 2 },
        { key: 'mape', value: -2, step: 4, timestamp: 3 },
        { key: 'mape', value: 7, step: 9, timestamp: 4 },
      ],
      nonFinite: { nan: 2, posInf: 1, negInf: 1 },
    });
    expect(s).toEqual({ min: -2, max: 7, points: 20, nonFinite: 4 });
  });
  it('has no extremes when every point is NaN', () => {
    const s = summarizeSeries({
      key: 'rmse',
      totalPoints: 1,
      sampled: false,
      points: [{ key: 'rmse', value: NaN, step: 0, timestamp: 1 }],
      nonFinite: { nan: 1, posInf: 0, negInf: 0 },
    });
    expect(s.min).toBeNull();
    expect(s.max).toBeNull();
  });
});
