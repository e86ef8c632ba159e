import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { humanNumber, humanizeNumbersIn } from './humanNumbers';

describe('humanNumber', () => {
  it.each([
    [0.2219565818085707, '0.222'],
    [0.1244873514258262, '0.1245'],
    [0.718, '0.718'],
    [0.8266666666666667, '0.8267'],
    [-0.045454545454545525, '-0.04545'],
    [12.3456789, '12.35'],
    [12345.678901, '12345.7'],
    [0.0000123456, '1.235e-5'],
    [42, '42'],
    [1e21, '1e+21'],
    [Number.NaN, 'NaN'],
  ])('%s → %s', (x, shown) => expect(humanNumber(x)).toBe(shown));

  it('stays within 0.05% of the value for any finite double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const shown = Number(humanNumber(x));
        expect(Math.abs(shown - x)).toBeLessThanOrEqual(Math.abs(x) * 5e-4);
      }),
    );
  });
});

describe('humanizeNumbersIn', () => {
  it('rewrites long decimals only', () => {
    expect(
      humanizeNumbersIn(
        'accuracy=0.718, psi=0.1244873514258262 of weekly (2027-01-11T06:00:00.000Z) mlflow 2.12.2.dev0 v1.123456',
      ),
    ).toBe(
      'accuracy=0.718, psi=0.1245 of weekly (2027-01-11T06:00:00.000Z) mlflow 2.12.2.dev0 v1.123456',
    );
  });
  it('lets the caller keep the full value (e.g. as an HTML title)', () => {
    expect(humanizeNumbersIn('x=-0.2219565818085707', (s, f) => `[${s}|${f}]`)).toBe(
      'x=[-0.222|-0.2219565818085707]',
    );
  });
});
