import { describe, expect, it } from 'vitest';
import { splitIdentifier, tokenize } from './tokenizer';

describe('tokenize', () => {
  it('reads words, strings, numbers, operators and punctuation with 1-based positions', () => {
    const tokens = tokenize('metrics.f1>=-1.5e3 and tags.`a b` IN (\'x\', "y")', 'filter');
    expect(tokens.map((t) => [t.kind, t.text, t.pos])).toEqual([
      ['word', 'metrics.f1', 1],
      ['op', '>=', 11],
      ['number', '-1.5e3', 13],
      ['word', 'and', 20],
      ['word', 'tags.`a b`', 24],
      ['word', 'IN', 35],
      ['lparen', '(', 38],
      ['string', 'x', 39],
      ['comma', ',', 42],
      ['word', '"y"', 44],
      ['rparen', ')', 47],
      ['eof', '', 48],
    ]);
  });

  it.each<[string, string]>([
    ["'it''s'", "it's"],
    ["'it\\'s'", "it's"],
    ["'50%'", '50%'],
    ["''", ''],
  ])('unquotes %s', (source, text) => {
    expect(tokenize(source, 'filter')[0]).toMatchObject({ kind: 'string', text });
  });

  it.each<[string, string]>([
    ["'open", "unterminated ' quote starting at position 1"],
    ['tags.`open', 'unterminated ` quote starting at position 6'],
    ['a # b', "unexpected '#' at position 3"],
  ])('rejects %j', (source, message) => {
    expect(() => tokenize(source, 'filter')).toThrow(`Invalid filter '${source}': ${message}`);
  });
});

describe('splitIdentifier', () => {
  it.each<[string, string | null, string]>([
    ['metrics.f1', 'metrics', 'f1'],
    ['tags.mlflow.parentRunId', 'tags', 'mlflow.parentRunId'],
    ['params.optimizer/lr', 'params', 'optimizer/lr'],
    ['metrics.`my metric`', 'metrics', 'my metric'],
    ['tags."a.b c"', 'tags', 'a.b c'],
    ['`metrics`.f1', 'metrics', 'f1'],
    ['start_time', null, 'start_time'],
    ['`Run name`', null, 'Run name'],
    ['`a.b`', null, 'a.b'],
  ])('%s', (raw, entity, key) => {
    expect(splitIdentifier(raw)).toEqual({ entity, key });
  });
});
