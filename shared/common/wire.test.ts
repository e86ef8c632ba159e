import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromWireJson, toWireJson } from './wire';

const roundTrip = (value: unknown): unknown => fromWireJson(toWireJson(value));

describe('wire JSON', () => {
  it('keeps NaN and both infinities, anywhere in the tree', () => {
    const value = {
      ok: true,
      value: [
        { key: 'mape', value: NaN },
        { key: 'mape', value: Infinity },
        { key: 'mape', value: -Infinity },
      ],
      nested: { deep: [[NaN]] },
    };
    const back = roundTrip(value) as typeof value;
    expect(Number.isNaN(back.value[0]?.value)).toBe(true);
    expect(back.value[1]?.value).toBe(Infinity);
    expect(back.value[2]?.value).toBe(-Infinity);
    expect(Number.isNaN(back.nested.deep[0]?.[0])).toBe(true);
  });

  it('encodes non-finite numbers as tagged objects', () => {
    expect(toWireJson([NaN, Infinity, -Infinity, 1.5])).toBe(
      '[{"$n":"NaN"},{"$n":"Infinity"},{"$n":"-Infinity"},1.5]',
    );
    expect(roundTrip(NaN)).toBeNaN();
  });

  it('is plain JSON for ordinary data', () => {
    const value = { a: 1, b: 'x', c: [true, null, { d: -0.25 }], e: 'NaN' };
    expect(toWireJson(value)).toBe(JSON.stringify(value));
    expect(roundTrip(value)).toEqual(value);
  });

  it('never confuses data that looks like a tag with a number', () => {
    const tags = { $n: 'NaN', $$n: 'Infinity', $: 'dollar', plain: 'v' };
    const back = roundTrip({ tags });
    expect(back).toEqual({ tags });
    expect(toWireJson({ $n: 'NaN' })).toBe('{"$$n":"NaN"}');
  });

  it('keeps a __proto__ key as data, not as a prototype', () => {
    const back = fromWireJson('{"__proto__":{"polluted":1},"$x":2}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const again = fromWireJson('{"__proto__":{"polluted":1},"$$x":2}') as Record<string, unknown>;
    expect(Object.keys(again).sort()).toEqual(['$x', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops undefined like JSON and still produces text at the top level', () => {
    expect(toWireJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(toWireJson(undefined)).toBe('null');
  });

  it('rejects text that is not JSON', () => {
    expect(() => fromWireJson('{nope')).toThrow(SyntaxError);
  });

  it('reads a tag or an escaped key written with \\u0024 as one written with $', () => {
    expect(fromWireJson('[{"\\u0024n":"NaN"}]')).toEqual([NaN]);
    expect(fromWireJson('{"\\u0024$n":"NaN"}')).toEqual({ $n: 'NaN' });
  });

  it('keeps a __proto__ key as data on the plain path too', () => {
    const back = fromWireJson('{"__proto__":{"polluted":1}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('round-trips any tree of numbers, strings and $ keys, whichever path it takes', () => {
    // -0 is excluded: JSON has no negative zero, on either path.
    const number = fc.oneof(
      fc.double().map((d) => (Object.is(d, -0) ? 0 : d)),
      fc.constantFrom(NaN, Infinity, -Infinity),
    );
    const key = fc.oneof(fc.string(), fc.constantFrom('$n', '$$n', '$', '__proto__', 'a$'));
    const tree = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        number,
        fc.string(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('node')),
        fc.dictionary(key, tie('node')),
      ),
    })).node;
    fc.assert(
      fc.property(tree, (value) => {
        expect(roundTrip(value)).toEqual(value);
      }),
      { seed: 12, numRuns: 500 },
    );
  });

  it('gives the same text for a class instance as JSON with tags (not the plain path)', () => {
    class Point {
      constructor(readonly value: number) {}
    }
    expect(toWireJson({ p: new Point(NaN), d: new Date(0) })).toBe(
      '{"p":{"value":{"$n":"NaN"}},"d":"1970-01-01T00:00:00.000Z"}',
    );
  });
});
