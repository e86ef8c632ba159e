import { describe, expect, it } from 'vitest';
import { contentBytes, contentText, prettyJson, sha256Hex } from './artifactBytes';

describe('artifact bytes', () => {
  it('decodes text and base64 answers to the same bytes', () => {
    const text = contentBytes({
      path: 'a',
      size: 3,
      truncated: false,
      encoding: 'utf8',
      data: 'hé',
    });
    const b64 = contentBytes({
      path: 'a',
      size: 3,
      truncated: false,
      encoding: 'base64',
      data: btoa('h\xc3\xa9'),
    });
    expect(Array.from(text)).toEqual(Array.from(b64));
    expect(
      contentText({ path: 'a', size: 1, truncated: false, encoding: 'base64', data: 'AA==' }),
    ).toBeNull();
  });
  it('hashes with SHA-256 (known vector)', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
  it('pretty-prints JSON or gives null', () => {
    expect(prettyJson('{"a":[1,2]}')).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(prettyJson('{bad')).toBeNull();
  });
});
