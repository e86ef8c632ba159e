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
      '1234567890123456',
      '1x',
    ])
      expect(both(token).map(Number.isNaN), token).toEqual([true, true]);
  });
});
