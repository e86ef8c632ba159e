import { describe, expect, it } from 'vitest';
import { columnSpec } from './columns';
import { moveColumn, orderedVisible, parsePrefs, prefsKey } from './columnPrefs';
import { csvField, toCsv, tsvField } from './csv';
import { completeFilter, placeholderFilter } from './filterSuggestions';
import { aggregate, groupRows } from './grouping';
import { testRun as run } from '../../../test/support/renderer/testRuns';

describe('toCsv', () => {
  it('neutralises text a spreadsheet would run as a formula, and quotes what needs it', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-cmd')).toBe("'-cmd");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\tx')).toBe("'\tx");
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('line\nbreak')).toBe('"line\nbreak"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(-0.5)).toBe('-0.5');
    expect(csvField(NaN)).toBe('NaN');
    expect(csvField(-Infinity)).toBe('-Infinity');
    expect(csvField(null)).toBe('');
  });

  it('tsvField (clipboard copies) neutralises formulas and keeps a value in one cell', () => {
    expect(tsvField('=1+1')).toBe("'=1+1");
    expect(tsvField('@x')).toBe("'@x");
    expect(tsvField('a\tb\r\nc')).toBe('a b c');
    expect(tsvField('\t=cmd')).toBe("' =cmd");
    expect(tsvField('0.5')).toBe('0.5');
  });

  it('writes a BOM, a header and CRLF lines', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [null, '=1'],
        ],
      ),
    ).toBe("\ufeffa,b\r\n1,x\r\n,'=1\r\n");
  });
});

describe('completeFilter', () => {
  const keys = {
    metrics: ['accuracy', 'f1', 'system/cpu', 'val loss'],
    params: ['solver', 'C'],
    tags: ['mlflow.runName', 'stage'],
  };

  it('offers entity prefixes for a bare word', () => {
    expect(completeFilter('met', 3, keys)?.items.map((i) => i.insert)).toEqual(['metrics.']);
    expect(completeFilter('', 0, keys)).toBeNull();
  });

  it('offers the keys of the experiment after an entity, quoting what needs it', () => {
    const c = completeFilter('metrics.f1 > 0.9 and metrics.', 29, keys);
    expect(c).toMatchObject({ from: 21, to: 29 });
    expect(c?.items.map((i) => i.insert)).toEqual([
      'metrics.accuracy',
      'metrics.f1',
      'metrics.system/cpu',
      'metrics.`val loss`',
    ]);
    expect(completeFilter('params.s', 8, keys)?.items.map((i) => i.label)).toEqual(['solver']);
    expect(completeFilter('attributes.st', 13, keys)?.items.map((i) => i.label)).toEqual([
      'status',
      'start_time',
    ]);
  });

  it('stays quiet inside a quoted value and once a key is complete', () => {
    expect(completeFilter("params.solver = 'met", 20, keys)).toBeNull();
    expect(completeFilter('params.solver', 13, keys)).toBeNull();
  });

  it('builds a placeholder from keys that exist', () => {
    expect(placeholderFilter(keys)).toBe(
      "Filter runs: metrics.accuracy > 0.5 and params.solver = '…'",
    );
    expect(placeholderFilter({ metrics: [], params: [], tags: [] })).toContain('status');
  });
});

describe('grouping', () => {
  it('aggregates finite values only', () => {
    expect(aggregate([1, 2, NaN, null, 'x', 6])).toEqual({ mean: 3, min: 1, max: 6, n: 3 });
    expect(aggregate([null])).toBeNull();
  });

  it('makes one header per value with count and the metric aggregate, "(none)" last', () => {
    const by = columnSpec('p:solver');
    const metric = columnSpec('m:f1');
    if (!by || !metric) throw new Error('columns');
    const runs = [
      run('a', { params: { solver: 'saga' }, metrics: { f1: 0.5 } }),
      run('b', { params: { solver: 'lbfgs' }, metrics: { f1: 0.9 } }),
      run('c', { metrics: { f1: 0.1 } }),
      run('d', { params: { solver: 'lbfgs' }, metrics: { f1: 0.7 } }),
    ].map((r) => ({ storeId: 's1', run: r }));
    const rows = groupRows(runs, by, metric, undefined, new Set());
    expect(rows.map((r) => (r.kind === 'group' ? `[${r.value}]` : r.run.info.runId))).toEqual([
      '[lbfgs]',
      'b',
      'd',
      '[saga]',
      'a',
      '[null]',
      'c',
    ]);
    expect(rows[0]).toMatchObject({ count: 2, aggregate: { min: 0.7, max: 0.9, n: 2 } });
    const collapsed = groupRows(runs, by, null, undefined, new Set([rows[0]?.key ?? '']));
    expect(collapsed.filter((r) => r.kind === 'run')).toHaveLength(2);
  });
});

describe('column preferences', () => {
  it('keys a set of experiments regardless of order', () => {
    expect(prefsKey(['s2:1', 's1:0'])).toBe(prefsKey(['s1:0', 's2:1']));
  });

  it('reads what it wrote and rejects junk', () => {
    expect(
      parsePrefs(
        JSON.stringify({
          visible: ['name', 'm:f1'],
          pinned: ['name'],
          widths: { 'm:f1': 150, x: 'wide', y: 9 },
        }),
      ),
    ).toEqual({ visible: ['name', 'm:f1'], pinned: ['name'], widths: { 'm:f1': 150 } });
    expect(parsePrefs('{')).toBeNull();
    expect(parsePrefs(JSON.stringify({ visible: 'name' }))).toBeNull();
  });

  it('puts pinned columns first and always shows the name', () => {
    expect(orderedVisible({ visible: ['status', 'm:f1', 'p:x'], pinned: ['p:x'] })).toEqual([
      'p:x',
      'name',
      'status',
      'm:f1',
    ]);
  });

  it('moves a column one place, not past the ends', () => {
    expect(moveColumn(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveColumn(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c']);
  });
});
