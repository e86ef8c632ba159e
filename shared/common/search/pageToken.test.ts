import { describe, expect, it } from 'vitest';
import { StoreError } from '../errors';
import { base64Decode, base64Encode } from './base64';
import { decodePageToken, encodePageToken } from './index';
import { paginate } from './pageToken';

describe('page tokens', () => {
  it.each<[number, string]>([
    [2, 'eyJvZmZzZXQiOiAyfQ=='],
    [4, 'eyJvZmZzZXQiOiA0fQ=='],
    [50, 'eyJvZmZzZXQiOiA1MH0='],
    [0, 'eyJvZmZzZXQiOiAwfQ=='],
    [1000, 'eyJvZmZzZXQiOiAxMDAwfQ=='],
  ])('offset %i ⇄ %s (MLflow’s own bytes)', (offset, token) => {
    expect(encodePageToken(offset)).toBe(token);
    expect(decodePageToken(token)).toBe(offset);
  });

  it.each<[string, number]>([
    ['', 0],
    ['eyJvZmZzZXQiOiAyfQ', 2], // padding dropped
    [base64Encode('{"offset":"7"}'), 7], // offset as a string, as Python's int() accepts
    [base64Encode('{"offset": 3, "extra": true}'), 3],
  ])('reads %j as %i', (token, offset) => {
    expect(decodePageToken(token)).toBe(offset);
  });

  it.each<[string, RegExp]>([
    ['not base64!', /not base64/],
    [base64Encode('hello'), /not JSON/],
    [base64Encode('{"offset": -1}'), /no valid offset/],
    [base64Encode('{"offset": 1.5}'), /no valid offset/],
    [base64Encode('{"page": 2}'), /no valid offset/],
    [base64Encode('[2]'), /no valid offset/],
    ['/w==', /not base64/], // a lone 0xff byte is not UTF-8
  ])('rejects %j', (token, message) => {
    expect(() => decodePageToken(token)).toThrow(StoreError);
    expect(() => decodePageToken(token)).toThrow(message);
  });
});

describe('base64', () => {
  it.each(['', 'a', 'ab', 'abc', 'abcd', '{"offset": 2}', 'llm-eval ✨', 'ünïcødé'])(
    'round-trips %j',
    (text) => {
      expect(base64Decode(base64Encode(text))).toBe(text);
    },
  );

  it('matches the standard encoding', () => {
    expect(base64Encode('llm-eval ✨')).toBe('bGxtLWV2YWwg4pyo');
    expect(base64Decode('bGxtLWV2YWwg4pyo')).toBe('llm-eval ✨');
  });
});

describe('paginate', () => {
  const limits = { defaultMaxResults: 3, maxMaxResults: 10 };
  const items = [1, 2, 3, 4, 5, 6, 7];
  it('returns a token only when more items follow', () => {
    expect(paginate(items, {}, limits)).toEqual({
      items: [1, 2, 3],
      nextPageToken: encodePageToken(3),
    });
    expect(paginate(items, { pageToken: encodePageToken(3), maxResults: 4 }, limits)).toEqual({
      items: [4, 5, 6, 7],
    });
    expect(paginate(items, { pageToken: encodePageToken(99) }, limits)).toEqual({ items: [] });
  });
  it('rejects max_results outside 1..max', () => {
    expect(() => paginate(items, { maxResults: 11 }, limits)).toThrow(
      'Invalid value 11 for max_results',
    );
    expect(() => paginate(items, { maxResults: -1 }, limits)).toThrow(StoreError);
  });
});
