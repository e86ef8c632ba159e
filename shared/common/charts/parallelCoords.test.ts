import { describe, expect, it } from 'vitest';
import { axisPosition, insideBrushes, makeAxis } from './parallelCoords';

describe('parallel coordinates', () => {
  const rows = [
    { lr: '0.1', model: 'prophet', f1: 0.9 },
    { lr: '0.01', model: 'arima', f1: 0.5 },
    { lr: '0.001', model: 'lstm', f1: undefined },
  ];
  const lr = makeAxis(
    'lr',
    rows.map((r) => r.lr),
  );
  const model = makeAxis(
    'model',
    rows.map((r) => r.model),
  );
  const f1 = makeAxis(
    'f1',
    rows.map((r) => r.f1),
  );

  it('numeric strings give numeric axes, other params ordinal ones', () => {
    expect(lr).toMatchObject({ kind: 'numeric', domain: [0.001, 0.1] });
    expect(model).toEqual({
      key: 'model',
      kind: 'categorical',
      categories: ['arima', 'lstm', 'prophet'],
    });
    expect(axisPosition(model, 'lstm')).toBe(0.5);
    expect(axisPosition(lr, '0.1')).toBe(1);
    expect(axisPosition(f1, undefined)).toBeUndefined();
  });
  it('brushes on any axis filter the runs, all brushes together', () => {
    const axes = [lr, model, f1];
    const keep = (b: Record<string, [number, number]>) =>
      rows.filter((r) => insideBrushes(axes, r, b)).map((r) => r.model);
    expect(keep({})).toEqual(['prophet', 'arima', 'lstm']);
    expect(keep({ model: [0.4, 1] })).toEqual(['prophet', 'lstm']);
    expect(keep({ model: [1, 0.4], f1: [0.5, 1] })).toEqual(['prophet']);
    // A run without a value on a brushed axis is filtered out.
    expect(keep({ f1: [0, 1] })).toEqual(['prophet', 'arima']);
  });
});
