import { describe, expect, it } from 'vitest';
import {
  experimentsByStore,
  formatSort,
  parseRef,
  parseSort,
  validateRunsSearch,
} from './runsSearch';

describe('validateRunsSearch', () => {
  it('keeps well-formed fields', () => {
    expect(
      validateRunsSearch({
        e: ['s1:0', 's2:12'],
        filter: "metrics.f1 > 0.9 and params.solver = 'lbfgs'",
        sort: 'm:f1:desc',
        cols: ['name', 'm:f1'],
        group: 'p:solver',
        agg: 'mmax:f1',
        view: 'table',
        tab: 'traces',
        sel: ['s1:abc'],
        deleted: true,
      }),
    ).toEqual({
      e: ['s1:0', 's2:12'],
      filter: "metrics.f1 > 0.9 and params.solver = 'lbfgs'",
      sort: 'm:f1:desc',
      cols: ['name', 'm:f1'],
      group: 'p:solver',
      agg: 'mmax:f1',
      view: 'table',
      tab: 'traces',
      sel: ['s1:abc'],
      deleted: true,
    });
  });

  it('accepts one plain value where a list is expected (hand-written and desktop links)', () => {
    expect(validateRunsSearch({ e: 's1:0', sel: 's1:r1' })).toEqual({
      e: ['s1:0'],
      sel: ['s1:r1'],
    });
  });

  it('drops what is malformed instead of failing', () => {
    expect(
      validateRunsSearch({
        e: ['nocolon', ':0', 's1:', 5, null, 's1:0', 's1:0'],
        sort: 'm:f1:sideways',
        group: 'm:f1',
        agg: 'p:x',
        view: 'grid',
        tab: 'runs',
        sel: [{}, 's1'],
        deleted: 'yes',
        filter: '',
        extra: 'ignored',
      }),
    ).toEqual({ e: ['s1:0'] });
    expect(validateRunsSearch({})).toEqual({ e: [] });
  });
});

describe('refs and sorts', () => {
  it('splits a ref at its first colon', () => {
    expect(parseRef('s1:a:b')).toEqual({ storeId: 's1', id: 'a:b' });
    expect(parseRef('s1')).toBeNull();
  });

  it('round-trips a sort whose column id holds colons', () => {
    expect(parseSort('m:sys:cpu:asc')).toEqual({ columnId: 'm:sys:cpu', ascending: true });
    expect(formatSort({ columnId: 'm:sys:cpu', ascending: false })).toBe('m:sys:cpu:desc');
    expect(parseSort(undefined)).toBeNull();
    expect(formatSort(null)).toBeUndefined();
  });

  it('groups experiments by store in order', () => {
    expect([...experimentsByStore(['s1:0', 's2:5', 's1:3', 'bad'])]).toEqual([
      ['s1', ['0', '3']],
      ['s2', ['5']],
    ]);
  });
});
