import { describe, expect, it } from 'vitest';
import { ilike, like } from './like';

describe('LIKE / ILIKE', () => {
  it.each<[string, string, boolean, boolean]>([
    // value, pattern, LIKE, ILIKE
    ['iris-classification', 'iris%', true, true],
    ['Iris', 'iris', false, true],
    ['eval-prompt-v3', 'eval-prompt-%', true, true],
    ['abc', 'a_c', true, true],
    ['ac', 'a_c', false, false],
    ['abc', '%', true, true],
    ['', '%', true, true],
    ['', '_', false, false],
    ['axb', 'a.b', false, false], // only % and _ are special
    ['a.b', 'a.b', true, true],
    ['a+b', 'a+b', true, true],
    ['[x]', '[x]', true, true],
    ['(x)|y', '(x)|y', true, true],
    ['c:\\path', 'c:\\path', true, true],
    ['line1\nline2', 'line1%', true, true], // % spans newlines as in SQL
    ['✨ sparkle', '_ sparkle', true, true], // _ is one character, not one UTF-16 unit
    ['ÄBC', 'äbc', false, true],
    ['prefix-middle-suffix', '%middle%', true, true],
  ])('%j vs %j', (value, pattern, likeResult, ilikeResult) => {
    expect(like(value, pattern)).toBe(likeResult);
    expect(ilike(value, pattern)).toBe(ilikeResult);
  });
});
