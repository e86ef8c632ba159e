import { describe, expect, it } from 'vitest';
import type { Run } from '../../../shared/common/types';
import { buildColumns, orderByFor, sortLocally } from './columns';

function run(
  runId: string,
  start: number | null,
  end: number | null,
  metrics: Record<string, number> = {},
): Run {
  return {
    info: {
      runId,
      runName: runId,
      experimentId: '1',
      userId: 'u',
      status: 'FINISHED',
      startTime: start,
      endTime: end,
      artifactUri: '',
      lifecycleStage: 'active',
    },
    data: {
      metrics: Object.fromEntries(
        Object.entries(metrics).map(([key, value]) => [key, { key, value, step: 0, timestamp: 0 }]),
      ),
      params: {},
      tags: {},
    },
    inputs: { datasetInputs: [] },
    outputs: { modelOutputs: [] },
  };
}

describe('orderByFor', () => {
  it.each([
    [{ columnId: 'm:f1', ascending: false }, ['metrics.f1 DESC', 'attributes.start_time DESC']],
    [
      { columnId: 'm:system/cpu', ascending: true },
      ['metrics.`system/cpu` ASC', 'attributes.start_time DESC'],
    ],
    [
      { columnId: 'p:optimizer.lr', ascending: true },
      ['params.`optimizer.lr` ASC', 'attributes.start_time DESC'],
    ],
    [{ columnId: 'start', ascending: true }, ['attributes.start_time ASC']],
    [
      { columnId: 'user', ascending: true },
      ['attributes.user_id ASC', 'attributes.start_time DESC'],
    ],
    [{ columnId: 'duration', ascending: true }, []],
    [{ columnId: 'm:odd`key', ascending: true }, []],
  ])('%o -> %o', (sort, expected) => {
    expect(orderByFor(sort)).toEqual(expected);
  });

  it('is the store default when unsorted', () => {
    expect(orderByFor(null)).toEqual([]);
  });
});

describe('buildColumns', () => {
  it('adds one sorted column per metric key after the run columns', () => {
    const ids = buildColumns([
      run('a', 0, 1, { loss: 1 }),
      run('b', 0, 1, { acc: 1, loss: 2 }),
    ]).map((c) => c.id);
    expect(ids).toEqual(['name', 'status', 'start', 'duration', 'user', 'm:acc', 'm:loss']);
  });
});

describe('sortLocally', () => {
  it('sorts by duration with unknown durations last', () => {
    const runs = [run('slow', 0, 900), run('open', 0, null), run('fast', 0, 100)];
    expect(
      sortLocally(runs, { columnId: 'duration', ascending: true }).map((r) => r.info.runId),
    ).toEqual(['fast', 'slow', 'open']);
    expect(
      sortLocally(runs, { columnId: 'duration', ascending: false }).map((r) => r.info.runId),
    ).toEqual(['slow', 'fast', 'open']);
  });
});
