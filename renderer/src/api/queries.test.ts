import { QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import type { RunlensEvent } from '../../../shared/common/contract';
import { createLiveInvalidator } from './liveInvalidation';
import { createQueryClient, isAffectedBy } from './queries';

const changed = (over: Partial<Extract<RunlensEvent, { type: 'storeChanged' }>> = {}) =>
  ({
    type: 'storeChanged',
    storeId: 's1',
    experimentIds: ['1'],
    runIds: ['r1'],
    experimentsChanged: false,
    ...over,
  }) as RunlensEvent;

describe('isAffectedBy', () => {
  it.each([
    // The store list follows any change (problem counts), and stores opened or closed.
    [['listStores', {}], changed(), true],
    [['listStores', {}], { type: 'storesChanged', stores: [] }, true],
    [['listConnections', {}], { type: 'storesChanged', stores: [] }, true],
    [['searchRuns', { storeId: 's1' }], { type: 'storesChanged', stores: [] }, false],
    // Another store's queries never.
    [['searchRuns', { storeId: 's2', experimentIds: ['1'] }], changed(), false],
    [['getRun', { storeId: 's2', runId: 'r1' }], changed(), false],
    // Run lists: by experiment; a search over every experiment, or an unknown set, always.
    [['searchRuns', { storeId: 's1', experimentIds: ['1', '2'] }], changed(), true],
    [['searchRuns', { storeId: 's1', experimentIds: ['2'] }], changed(), false],
    [['searchRuns', { storeId: 's1' }], changed(), true],
    [
      ['searchRuns', { storeId: 's1', experimentIds: ['2'] }],
      changed({ experimentIds: null }),
      true,
    ],
    [['countRuns', { storeId: 's1', experimentIds: ['2'] }], changed(), false],
    [['countRuns', { storeId: 's1', experimentIds: ['1'] }], changed(), true],
    // One run's queries: that run only, or any run when the change is unknown.
    [['getRun', { storeId: 's1', runId: 'r1' }], changed(), true],
    [['getRun', { storeId: 's1', runId: 'r9' }], changed(), false],
    [
      ['getMetricHistory', { storeId: 's1', runId: 'r9', key: 'loss' }],
      changed({ runIds: null }),
      true,
    ],
    [['getMetricRanges', { storeId: 's1', runIds: ['r8', 'r1'], keys: ['f1'] }], changed(), true],
    [['getMetricRanges', { storeId: 's1', runIds: ['r8'], keys: ['f1'] }], changed(), false],
    // The experiment list only when it changed.
    [['searchExperiments', { storeId: 's1' }], changed(), false],
    [['searchExperiments', { storeId: 's1' }], changed({ experimentsChanged: true }), true],
    [['getStoreProblems', { storeId: 's1' }], changed(), true],
    // Progress is not a change; keys that are not contract calls never.
    [
      ['searchRuns', { storeId: 's1' }],
      { type: 'loadProgress', storeId: 's1', what: 'runs', loaded: 1, total: null, done: false },
      false,
    ],
    [[42, { storeId: 's1' }], changed(), false],
    [['completePath', { prefix: '/' }], changed(), false],
  ] as [unknown[], RunlensEvent, boolean][])('%j after %j → %s', (key, event, expected) => {
    expect(isAffectedBy(key, event)).toBe(expected);
  });
});

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('createLiveInvalidator', () => {
  /** A query on screen whose fetches the test answers one by one. */
  function watched(key: unknown[]) {
    const client = createQueryClient();
    const answers: ReturnType<typeof deferred<number>>[] = [];
    const observer = new QueryObserver(client, {
      queryKey: key,
      queryFn: () => {
        const answer = deferred<number>();
        answers.push(answer);
        return answer.promise;
      },
    });
    const off = observer.subscribe(() => undefined);
    return { client, answers, off };
  }
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('refetches an affected query on screen, and leaves the others', async () => {
    const affected = watched(['searchRuns', { storeId: 's1', experimentIds: ['1'] }]);
    const other = watched(['searchRuns', { storeId: 's1', experimentIds: ['2'] }]);
    affected.answers[0]?.resolve(1);
    other.answers[0]?.resolve(1);
    await settle();
    createLiveInvalidator(affected.client).onEvent(changed());
    createLiveInvalidator(other.client).onEvent(changed());
    await settle();
    expect(affected.answers).toHaveLength(2);
    expect(other.answers).toHaveLength(1);
    affected.off();
    other.off();
  });

  it('coalesces changes during a fetch into one more fetch after it', async () => {
    const q = watched(['searchRuns', { storeId: 's1', experimentIds: ['1'] }]);
    const live = createLiveInvalidator(q.client);
    q.answers[0]?.resolve(1);
    await settle();
    live.onEvent(changed());
    await settle();
    expect(q.answers).toHaveLength(2);
    // Ten changes while the second fetch runs: none cancels it, one fetch follows it.
    for (let i = 0; i < 10; i++) live.onEvent(changed());
    await settle();
    expect(q.answers).toHaveLength(2);
    q.answers[1]?.resolve(2);
    await settle();
    expect(q.answers).toHaveLength(3);
    q.answers[2]?.resolve(3);
    await settle();
    expect(q.answers).toHaveLength(3);
    expect(q.client.getQueryData(['searchRuns', { storeId: 's1', experimentIds: ['1'] }])).toBe(3);
    live.dispose();
    q.off();
  });

  it('refetches everything when the stream comes back after a drop', async () => {
    const q = watched(['getRun', { storeId: 's9', runId: 'x' }]);
    const live = createLiveInvalidator(q.client);
    q.answers[0]?.resolve(1);
    await settle();
    live.onLive(true);
    await settle();
    expect(q.answers).toHaveLength(1);
    live.onLive(false);
    live.onLive(true);
    await settle();
    expect(q.answers).toHaveLength(2);
    q.off();
  });
});
