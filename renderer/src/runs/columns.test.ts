import { describe, expect, it } from 'vitest';
import {
  availableColumnIds,
  cellValue,
  columnSpec,
  defaultColumnIds,
  indexRanges,
  orderByFor,
  runKeys,
  sortLocally,
  sourceLabel,
} from './columns';
import { testRun as run } from '../../../test/support/renderer/testRuns';

describe('orderByFor', () => {
  it.each([
    [{ columnId: 'm:f1', ascending: false }, ['metrics.f1 DESC']],
    [{ columnId: 'm:system/cpu', ascending: true }, ['metrics.`system/cpu` ASC']],
    [{ columnId: 'p:optimizer.lr', ascending: true }, ['params.`optimizer.lr` ASC']],
    [{ columnId: 't:stage', ascending: true }, ['tags.stage ASC']],
    [{ columnId: 'start', ascending: true }, ['attributes.start_time ASC']],
    [{ columnId: 'user', ascending: true }, ['attributes.user_id ASC']],
    [{ columnId: 'duration', ascending: true }, []],
    [{ columnId: 'mmax:f1', ascending: true }, []],
    [{ columnId: 'experiment', ascending: true }, []],
    [{ columnId: 'm:odd`key', ascending: true }, []],
    [{ columnId: 'nonsense', ascending: true }, []],
  ])('%o -> %o', (sort, expected) => {
    expect(orderByFor(sort)).toEqual(expected);
  });

  it('is the store default when unsorted', () => {
    expect(orderByFor(null)).toEqual([]);
  });
});

describe('columnSpec', () => {
  it('reads the kind and key from the id', () => {
    expect(columnSpec('mmin:val/loss')).toMatchObject({
      group: 'metrics',
      key: 'val/loss',
      agg: 'min',
      label: 'val/loss (min)',
    });
    expect(columnSpec('t:a:b')).toMatchObject({ group: 'tags', key: 'a:b' });
    expect(columnSpec('x:y')).toBeNull();
    expect(columnSpec('m:')).toBeNull();
  });
});

describe('default and available columns', () => {
  const keys = runKeys([
    run('a', { metrics: { loss: 1, Acc: 2 }, params: { lr: '1' }, tags: { team: 'x' } }),
    run('b', { metrics: { b1: 1, b2: 2, b3: 3, b4: 4, b5: 5, b6: 6, b7: 7 } }),
  ]);

  it('shows the run attributes, the first eight metrics and the first params', () => {
    expect(defaultColumnIds(keys, false)).toEqual([
      'name',
      'status',
      'start',
      'duration',
      'user',
      'source',
      'm:Acc',
      'm:b1',
      'm:b2',
      'm:b3',
      'm:b4',
      'm:b5',
      'm:b6',
      'm:b7',
      'p:lr',
    ]);
    expect(defaultColumnIds(keys, true)).toContain('experiment');
  });

  it('offers latest, min and max of every metric, params and tags', () => {
    const ids = availableColumnIds(keys, false);
    expect(ids).toEqual(
      expect.arrayContaining(['m:loss', 'mmin:loss', 'mmax:loss', 'p:lr', 't:team']),
    );
    expect(ids).not.toContain('experiment');
  });
});

describe('cellValue and sortLocally', () => {
  it('a run without a key named like an Object.prototype member has no value there', () => {
    const has = run('has', { params: { constructor: 'c' }, tags: { toString: 't' } });
    const none = run('none');
    for (const id of ['p:constructor', 't:toString', 'm:valueOf', 'p:__proto__']) {
      const spec = columnSpec(id);
      if (!spec) throw new Error(`no spec for ${id}`);
      expect(cellValue(none, spec, undefined)).toBeNull();
    }
    expect(cellValue(has, columnSpec('p:constructor') as never, undefined)).toBe('c');
    expect(cellValue(has, columnSpec('t:toString') as never, undefined)).toBe('t');
  });
  it('sorts by duration with unknown durations last', () => {
    const runs = [run('slow', { end: 900 }), run('open', { end: null }), run('fast', { end: 100 })];
    const spec = columnSpec('duration');
    if (!spec) throw new Error('no duration column');
    expect(sortLocally(runs, spec, true, undefined).map((r) => r.info.runId)).toEqual([
      'fast',
      'slow',
      'open',
    ]);
    expect(sortLocally(runs, spec, false, undefined).map((r) => r.info.runId)).toEqual([
      'slow',
      'fast',
      'open',
    ]);
  });

  it('reads min and max from the ranges', () => {
    const ranges = indexRanges([
      { runId: 'a', key: 'loss', min: 0.1, max: 0.9, points: 5 },
      { runId: 'b', key: 'loss', min: 0.3, max: 0.4, points: 2 },
    ]);
    const min = columnSpec('mmin:loss');
    if (!min) throw new Error('no min column');
    const runs = [run('b'), run('c'), run('a')];
    expect(cellValue(runs[2] as never, min, ranges)).toBe(0.1);
    expect(cellValue(runs[1] as never, min, ranges)).toBeNull();
    expect(sortLocally(runs, min, true, ranges).map((r) => r.info.runId)).toEqual(['a', 'b', 'c']);
  });

  it('labels the source by its last path segment', () => {
    expect(sourceLabel(run('a', { tags: { 'mlflow.source.name': '/home/u/p/train.py' } }))).toBe(
      'train.py',
    );
    expect(sourceLabel(run('a'))).toBe('');
  });
});
