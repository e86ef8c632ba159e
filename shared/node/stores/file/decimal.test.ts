/**
 * plainDecimal computes exactly what Number() gives for every plain decimal it accepts, alike over text
 * and bytes, and leaves everything else (NaN) to the caller's general parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalEnd, plainDecimal } from './decimal';

function both(token: string, suffix = ''): [number, number] {
  const line = `${token}${suffix}`;
  return [
    plainDecimal(line, 0, line.length),
    plainDecimal(Buffer.from(line, 'latin1'), 0, line.length),
  ];
}

describe('plainDecimal', () => {
  it('equals Number() on plain decimals of up to 15 digits, from text and bytes', () => {
    const plain = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^[0-9]{1,8}$/),
        fc.option(fc.stringMatching(/^[0-9]{0,7}$/)),
      )
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`);
    fc.assert(
      fc.property(plain, (token) => {
        const [text, bytes] = both(token);
        expect(Object.is(text, Number(token))).toBe(true);
        expect(Object.is(bytes, Number(token))).toBe(true);
      }),
    );
  });

  it('equals Number() on long digit strings wherever it answers, and answers up to 2^53', () => {
    const long = fc
      .tuple(
        fc.boolean(),
        fc.stringMatching(/^[0-9]{1,20}$/),
        fc.option(fc.stringMatching(/^[0-9]{0,24}$/)),
      )
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === null ? '' : `.${frac}`}`);
    // Python's repr of floats, as MLflow writes values: up to 17 significant digits.
    const repr = fc
      .double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 })
      .map(String)
      .filter((t) => !t.includes('e'));
    fc.assert(
      fc.property(fc.oneof(long, repr), (token) => {
        for (const v of both(token))
          if (!Number.isNaN(v)) expect(Object.is(v, Number(token))).toBe(true);
        const digits = token.replace(/[-.]/g, '').replace(/^0+/, '');
        const fraction = token.includes('.') ? token.length - token.indexOf('.') - 1 : 0;
        if (digits.length <= 15 && fraction <= 22)
          expect(both(token).map(Number.isNaN), token).toEqual([false, false]);
      }),
      { numRuns: 2000, seed: 11 },
    );
    expect(both('0.6931471805599453')).toEqual([0.6931471805599453, 0.6931471805599453]);
    expect(both('9007199254740991')).toEqual([9007199254740991, 9007199254740991]);
    expect(both('9007199254740992').map(Number.isNaN)).toEqual([true, true]);
  });

  it('stops at a space and says where', () => {
    expect(both('0.8125', ' 3')).toEqual([0.8125, 0.8125]);
    expect(decimalEnd[0]).toBe(6);
    expect(both('-12.', ' 3')).toEqual([-12, -12]);
  });

  it('leaves every other spelling to the general parser', () => {
    for (const token of [
      '',
      '-',
      '.',
      '1e5',
      '+1',
      'nan',
      'inf',
      '1.2.3',
      '12345678901234567',
      '0.9666666666666667',
      `0.${'0'.repeat(22)}1`,
      '1x',
    ])
      expect(both(token).map(Number.isNaN), token).toEqual([true, true]);
  });
});
