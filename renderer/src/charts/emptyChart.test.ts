import { describe, expect, it } from 'vitest';
import { buildRunLine, combineLines, emptyNotDrawn } from '../../../shared/common/charts/chartData';
import { X_STEP } from '../../../shared/common/charts/xAxis';
import { nothingToDraw } from './emptyChart';

const point = (step: number, value: number) => ({ key: 'm', step, timestamp: 0, value });

describe('nothingToDraw', () => {
  it('counts NaN and ±inf when no value is finite (rmse, mape of the fixtures)', () => {
    const data = combineLines([
      buildRunLine({ points: [point(0, NaN), point(1, NaN)] }, 0, X_STEP),
      buildRunLine({ points: [point(0, NaN), point(1, Infinity)] }, 1, X_STEP),
    ]);
    expect(nothingToDraw(data.pointCount, data.notDrawn, 'rmse')).toBe(
      'Nothing to draw: 3 NaN, 1 +inf',
    );
  });

  it('says nothing when one point is drawn', () => {
    const data = combineLines([buildRunLine({ points: [point(0, NaN), point(1, 2)] }, 0, X_STEP)]);
    expect(nothingToDraw(data.pointCount, data.notDrawn, 'rmse')).toBeUndefined();
  });

  it('names log-scale drops and runs without the metric', () => {
    const data = combineLines([
      buildRunLine({ points: [point(0, 0), point(1, -Infinity)] }, 0, X_STEP, { logScale: true }),
    ]);
    expect(nothingToDraw(data.pointCount, data.notDrawn, 'loss')).toBe(
      'Nothing to draw: 1 −inf, 1 ≤ 0 (log scale)',
    );
    expect(nothingToDraw(0, emptyNotDrawn(), 'loss')).toBe(
      'Nothing to draw: these runs logged no value of loss',
    );
  });
});
