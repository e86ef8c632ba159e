import { describe, expect, it } from 'vitest';
import type { Run } from '../../../shared/common/types';
import { nestRuns, PARENT_RUN_TAG, problemFor, type TreeRow } from './runTree';

function run(runId: string, parent?: string): Run {
  return {
    info: {
      runId,
      runName: runId,
      experimentId: '1',
      userId: 'u',
      status: 'FINISHED',
      startTime: 0,
      endTime: 1,
      artifactUri: '',
      lifecycleStage: 'active',
    },
    data: { metrics: {}, params: {}, tags: parent ? { [PARENT_RUN_TAG]: parent } : {} },
    inputs: { datasetInputs: [] },
    outputs: { modelOutputs: [] },
  };
}

const loaded = (runs: Run[], storeId = 's1') => runs.map((r) => ({ storeId, run: r }));
const shape = (rows: TreeRow[]) =>
  rows.map(
    (r) => `${'  '.repeat(r.depth)}${r.kind === 'run' ? r.run.info.runId : `[missing ${r.runId}]`}`,
  );

describe('nestRuns', () => {
  it('puts children under their parent in the given order', () => {
    const runs = [run('c1', 'p'), run('a'), run('p'), run('g', 'c1'), run('c2', 'p')];
    expect(shape(nestRuns(loaded(runs), new Set()))).toEqual(['a', 'p', '  c1', '    g', '  c2']);
  });

  it('keeps a sorted order among siblings (a sort never flattens the tree)', () => {
    const byMetric = [run('c2', 'p'), run('z'), run('c1', 'p'), run('p')];
    expect(shape(nestRuns(loaded(byMetric), new Set()))).toEqual(['z', 'p', '  c2', '  c1']);
  });

  it('keeps a run whose parent is merely not shown at the top level, naming the parent', () => {
    const rows = nestRuns(loaded([run('x', 'gone')]), new Set());
    expect(shape(rows)).toEqual(['x']);
    expect(rows[0]).toMatchObject({ kind: 'run', parentId: 'gone' });
  });

  it('puts the children of an unreadable parent under one placeholder, never at the top', () => {
    const runs = [run('a'), run('k1', 'broken'), run('k2', 'broken')];
    const rows = nestRuns(loaded(runs), new Set(), (_s, id) =>
      id === 'broken' ? 'has no meta.yaml' : null,
    );
    expect(shape(rows)).toEqual(['a', '[missing broken]', '  k1', '  k2']);
    expect(rows[1]).toMatchObject({ childCount: 2, reason: 'has no meta.yaml' });
    const collapsed = nestRuns(loaded(runs), new Set([rows[1]?.key ?? '']), () => 'x');
    expect(shape(collapsed)).toEqual(['a', '[missing broken]']);
  });

  it('hides the descendants of a collapsed run', () => {
    const runs = [run('p'), run('c', 'p'), run('g', 'c'), run('z')];
    const rows = nestRuns(loaded(runs), new Set(['s1:p']));
    expect(shape(rows)).toEqual(['p', 'z']);
    expect(rows[0]?.childCount).toBe(1);
  });

  it('does not lose runs in a parent cycle', () => {
    const rows = nestRuns(loaded([run('a', 'b'), run('b', 'a')]), new Set());
    expect(
      shape(rows)
        .map((s) => s.trim())
        .sort(),
    ).toEqual(['a', 'b']);
  });

  it('never links runs of different stores', () => {
    const rows = nestRuns(
      [...loaded([run('p')], 's1'), ...loaded([run('c', 'p')], 's2')],
      new Set(),
    );
    expect(rows.map((r) => r.depth)).toEqual([0, 0]);
  });
});

describe('problemFor', () => {
  it('finds the problem whose path has the run id as a segment', () => {
    const problems = [
      { path: '/m/1/meta.yaml', message: 'bad experiment' },
      { path: '/m/1/abc123/meta.yaml', message: 'bad run' },
    ];
    expect(problemFor(problems, 'abc123')).toBe('bad run');
    expect(problemFor(problems, 'abc')).toBeNull();
  });
});
