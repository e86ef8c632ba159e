import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { enumField, num, optStr, parseFlatMeta, parseMeta, str, stringMap } from './meta';

describe('parseMeta', () => {
  it('keeps every digit of an unquoted 18-digit id', () => {
    expect(str(parseMeta('experiment_id: 596793538227028894\n'), 'experiment_id')).toBe(
      '596793538227028894',
    );
  });

  it('reads int and string ids alike, CRLF and quoted values', () => {
    const meta = parseMeta('experiment_id: 0\r\nname: \'Default: the first\'\r\nrun_name: "x"\r\n');
    expect(str(meta, 'experiment_id')).toBe('0');
    expect(str(meta, 'name')).toBe('Default: the first');
    expect(str(meta, 'run_name')).toBe('x');
  });

  it('skips a byte-order mark', () => {
    expect(str(parseMeta('\uFEFFname: x\n'), 'name')).toBe('x');
  });

  it('reads folded multi-line strings', () => {
    const meta = parseMeta('schema: \'{"a": 1,\n  "b": 2}\'\n');
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
  const meta = parseMeta(
    "a: 1717200000000\nb: null\nc: ''\nd: '42'\ne: abc\nstatus: 3\nstage: failed\ntags:\n  k: v\n  n: 1\n",
  );

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

describe('parseFlatMeta (the fast path) agrees with the YAML parser', () => {
  const yamlOf = (text: string): unknown => parse(text, { intAsBigInt: true, uniqueKeys: false });

  it('on every meta.yaml of the fixtures, and reads the run ones itself', () => {
    const fixtures = resolve(import.meta.dirname, '../../../../test/fixtures');
    const metas = readdirSync(fixtures, { recursive: true, encoding: 'utf8' }).filter((p) =>
      p.endsWith('meta.yaml'),
    );
    expect(metas.length).toBeGreaterThan(100);
    let fast = 0;
    for (const rel of metas) {
      const text = readFileSync(join(fixtures, rel), 'utf8');
      const flat = parseFlatMeta(text);
      if (flat) {
        fast++;
        expect(flat, rel).toEqual(yamlOf(text));
      }
    }
    expect(fast).toBeGreaterThan(metas.length / 2);
  });

  it.each([
    'a: 1\nb: -7\nc: 007\n',
    "a: ''\nb: 'it''s'\nc: ' spaced '\n",
    'a:\nb: \nc: ~\nd: null\ne: NULL\n',
    'a: true\nb: False\nc: yes\nd: off\n',
    'a: []\nb: {}\n',
    'a: file:///x/y\nb: mlflow-artifacts:/1/2\nc: my run (v2), final\nd: x=1+2@h\n',
    'a: 1.5\n',
    'a: .inf\n',
    'a: "double"\n',
    'a: b: c\n',
    'a: x #comment\n',
    'a: 1\na: 2\n',
    'a: 1\r\nb: 2\r\n',
    'a:\n  b: 1\n',
    'tags:\n- x\n',
    '- a\n',
    'a: x:\n',
    'a: x  y\n',
    'a: 0x1F\n',
    'a: +5\n',
    'a: 03ba8557a83748d28bd6896aa88376b0\nb: 1234e5\nc: 12e45x\nd: 0o17\ne: 1.\n',
  ])('%j', (text) => {
    const flat = parseFlatMeta(text);
    let expected: unknown;
    try {
      expected = yamlOf(text);
    } catch {
      // Invalid YAML: the fast path must not accept it, and parseMeta rejects it.
      expect(flat).toBeUndefined();
      expect(() => parseMeta(text)).toThrow();
      return;
    }
    if (flat !== undefined) expect(flat).toEqual(expected);
    // Whatever the path, parseMeta gives what the YAML parser gives (for mappings).
    if (expected !== null && typeof expected === 'object' && !Array.isArray(expected))
      expect(parseMeta(text)).toEqual(expected);
  });
});
