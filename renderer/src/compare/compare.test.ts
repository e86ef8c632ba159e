import { describe, expect, it } from 'vitest';
import type { Run } from '../../../shared/common/types';
import { bestOf, paramRows, seriesExtremes } from './compareModel';
import { deleteSet, loadSets, parseRunRef, saveSet } from './compareSets';

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
  };
}

const run = (params: Record<string, string>): Run =>
  ({ info: {}, data: { params, metrics: {}, tags: {} } }) as unknown as Run;

describe('compare sets', () => {
  it('saves, replaces by name, lists sorted, deletes, survives corrupt storage', () => {
    const s = memoryStorage();
    saveSet({ name: 'b', runs: ['f:1'] }, s);
    saveSet({ name: 'a', runs: ['f:2', 'q:3'], metrics: ['mape'] }, s);
    expect(saveSet({ name: 'b', runs: ['f:9'] }, s).map((x) => [x.name, x.runs])).toEqual([
      ['a', ['f:2', 'q:3']],
      ['b', ['f:9']],
    ]);
    expect(deleteSet('a', s).map((x) => x.name)).toEqual(['b']);
    s.setItem('runlens.compareSets.v1', '{not json');
    expect(loadSets(s)).toEqual([]);
  });
  it('parses run references', () => {
    expect(parseRunRef('s1:abc')).toEqual({ storeId: 's1', runId: 'abc' });
    expect(parseRunRef('nocolon')).toBeUndefined();
    expect(parseRunRef(':x')).toBeUndefined();
  });
});

describe('compare tables', () => {
  it('params: one value per run, "only differences" keeps differing rows (missing counts)', () => {
    const runs = [run({ lr: '0.1', model: 'a' }), run({ lr: '0.1', model: 'b', extra: 'x' })];
    expect(paramRows(runs, false).map((r) => [r.key, r.differs])).toEqual([
      ['extra', true],
      ['lr', false],
      ['model', true],
    ]);
    expect(paramRows(runs, true).map((r) => r.key)).toEqual(['extra', 'model']);
  });
  it('params: a run without a key named like an Object.prototype member has no value', () => {
    const rows = paramRows([run({ constructor: 'c' }), run({ lr: '1' })], false);
    expect(rows.find((r) => r.key === 'constructor')?.values).toEqual(['c', undefined]);
  });
  it('metrics: extremes ignore NaN/inf; the best follows the direction', () => {
    const pts = [1, NaN, -Infinity, 3, 0.5].map((value, step) => ({
      key: 'k',
      step,
      timestamp: 0,
      value,
    }));
    const series = {
      key: 'k',
      totalPoints: 5,
      sampled: false,
      points: pts,
      nonFinite: { nan: 1, posInf: 0, negInf: 1 },
    };
    expect(seriesExtremes(series)).toEqual({ min: 0.5, max: 3 });
    const stats = [{ latest: 2 }, { latest: 1 }, { latest: NaN }];
    expect(bestOf(stats, 'latest', 'min')).toBe(1);
    expect(bestOf(stats, 'latest', 'max')).toBe(0);
  });
});
