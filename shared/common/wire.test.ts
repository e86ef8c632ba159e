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
});
