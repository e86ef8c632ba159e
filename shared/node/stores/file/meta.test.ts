import { describe, expect, it } from 'vitest';
import { enumField, num, optStr, parseMeta, str, stringMap } from './meta';

describe('parseMeta', () => {
  it('keeps every digit of an unquoted 18-digit id', () => {
    expect(str(parseMeta('experiment_id: 596793538227028894\n'), 'experiment_id')).toBe('596793538227028894');
  });

  it('reads int and string ids alike, CRLF and quoted values', () => {
    const meta = parseMeta("experiment_id: 0\r\nname: 'Default: the first'\r\nrun_name: \"x\"\r\n");
    expect(str(meta, 'experiment_id')).toBe('0');
    expect(str(meta, 'name')).toBe('Default: the first');
    expect(str(meta, 'run_name')).toBe('x');
  });

  it('skips a byte-order mark', () => {
    expect(str(parseMeta('\uFEFFname: x\n'), 'name')).toBe('x');
  });

  it('reads folded multi-line strings', () => {
    const meta = parseMeta("schema: '{\"a\": 1,\n  \"b\": 2}'\n");
    expect(JSON.parse(str(meta, 'schema') ?? '')).toEqual({ a: 1, b: 2 });
  });

  it('lets a repeated key win silently, as PyYAML does', () => {
    expect(str(parseMeta('name: a\nname: b\n'), 'name')).toBe('b');
  });

  it.each([
    ['', 'empty meta.yaml'],
    ['run_id: abc\nstatus: [3', 'invalid YAML'],
    ['- a\n- b\n', 'not a mapping'],
  ])('rejects %j', (text, message) => {
    expect(() => parseMeta(text)).toThrow(message);
  });
});

describe('field readers', () => {
  const meta = parseMeta("a: 1717200000000\nb: null\nc: ''\nd: '42'\ne: abc\nstatus: 3\nstage: failed\ntags:\n  k: v\n  n: 1\n");

  it('num', () => {
    expect(num(meta, 'a')).toBe(1717200000000);
    expect(num(meta, 'b')).toBeNull();
    expect(num(meta, 'missing')).toBeNull();
    expect(num(meta, 'd')).toBe(42);
    expect(num(meta, 'e')).toBeNull();
  });

  it('optStr maps null, missing and empty to null', () => {
    expect(optStr(meta, 'b')).toBeNull();
    expect(optStr(meta, 'c')).toBeNull();
    expect(optStr(meta, 'missing')).toBeNull();
    expect(optStr(meta, 'e')).toBe('abc');
  });

  it('enumField reads numbers and names', () => {
    const names = ['', 'RUNNING', 'SCHEDULED', 'FINISHED'];
    expect(enumField(meta, 'status', names, '?')).toBe('FINISHED');
    expect(enumField(meta, 'stage', names, '?')).toBe('FAILED');
    expect(enumField(meta, 'missing', names, '?')).toBe('?');
  });

  it('stringMap stringifies scalar values', () => {
    expect(stringMap(meta, 'tags')).toEqual({ k: 'v', n: '1' });
    expect(stringMap(meta, 'missing')).toEqual({});
  });
});
