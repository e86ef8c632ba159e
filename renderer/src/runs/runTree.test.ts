import { describe, expect, it } from 'vitest';
import type { Run } from '../../../shared/common/types';
import { nestRuns, PARENT_RUN_TAG } from './runTree';

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

const shape = (rows: ReturnType<typeof nestRuns>) =>
  rows.map((r) => `${'  '.repeat(r.depth)}${r.run.info.runId}`);

describe('nestRuns', () => {
  it('puts children under their parent in the given order', () => {
    const runs = [run('c1', 'p'), run('a'), run('p'), run('g', 'c1'), run('c2', 'p')];
    expect(shape(nestRuns(runs, new Set()))).toEqual(['a', 'p', '  c1', '    g', '  c2']);
  });

  it('keeps a run whose parent is missing at the top level', () => {
    expect(shape(nestRuns([run('x', 'gone')], new Set()))).toEqual(['x']);
  });

  it('hides the descendants of a collapsed run', () => {
    const runs = [run('p'), run('c', 'p'), run('g', 'c'), run('z')];
    const rows = nestRuns(runs, new Set(['p']));
    expect(shape(rows)).toEqual(['p', 'z']);
    expect(rows[0]?.childCount).toBe(1);
  });

  it('does not lose runs in a parent cycle', () => {
    const runs = [run('a', 'b'), run('b', 'a')];
    expect(
      nestRuns(runs, new Set())
        .map((r) => r.run.info.runId)
        .sort(),
    ).toEqual(['a', 'b']);
  });
});
