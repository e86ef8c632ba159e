import { describe, expect, it } from 'vitest';
import { buildRunLine, combineLines, emptyNotDrawn } from '../../../shared/common/charts/chartData';
import { X_STEP } from '../../../shared/common/charts/xAxis';
import { atOneX, nothingToDraw } from './emptyChart';

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

describe('atOneX', () => {
  const line = (points: ReturnType<typeof point>[], i = 0) => buildRunLine({ points }, i, X_STEP);

  it('gives each run’s value when every point sits at one step (a final score, logged once or twice)', () => {
    const auc = atOneX([line([point(0, 0.9359), point(0, 0.9359)]), line([point(0, 0.91)], 1)]);
    expect(auc).toEqual({ x: 0, values: [0.9359, 0.91], varies: false });
    // A run without the metric has no value; the others still show.
    expect(atOneX([line([point(3, 1)]), line([], 1)])?.values).toEqual([1, undefined]);
  });

  it('says when different values are stacked at one step (system metrics at step 0)', () => {
    expect(atOneX([line([point(0, 12), point(0, 80), point(0, 45)])])?.varies).toBe(true);
  });

  it('is undefined when the points spread over x, or nothing is drawn', () => {
    expect(atOneX([line([point(0, 1), point(1, 2)])])).toBeUndefined();
    expect(atOneX([line([point(0, 1)]), line([point(1, 1)], 1)])).toBeUndefined();
    expect(atOneX([line([])])).toBeUndefined();
  });
});
