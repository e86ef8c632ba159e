import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, type RunlensHandlers, type StoreInfo } from '../../common/contract';
import { experimentsRequest } from '../../common/firstScreen';
import { bootAnswers } from './bootData';

const STORES = [
  { storeId: 's1', kind: 'file', state: 'ready', location: '/home/ana/projects/mlruns' },
  { storeId: 's2', kind: 'sqlite', state: 'error', location: '/home/ana/broken.db' },
  { storeId: 's3', kind: 'rest', state: 'ready', location: 'http://mlflow.example:5000' },
  { storeId: 's4', kind: 'sqlite', state: 'ready', location: '/home/ana/slow.db' },
] as unknown as StoreInfo[];

/** A service whose experiment lists for s3 (remote) and s4 (local) take `slowMs`. */
function fakeService(slowMs: number) {
  const calls: { name: string; request: unknown }[] = [];
  const service = Object.fromEntries(
    METHOD_NAMES.map((name) => [
      name,
      async (request: { storeId?: string }, ctx: { signal: AbortSignal }) => {
        calls.push({ name, request });
        if (name === 'listStores') return { ok: true, value: STORES };
        if (name === 'listConnections') return { ok: true, value: [] };
        if (name === 'searchExperiments') {
          if (request.storeId === 's3' || request.storeId === 's4') {
            await new Promise((r) => setTimeout(r, slowMs));
            return ctx.signal.aborted
              ? { ok: false, error: { code: 'CANCELLED', message: 'cancelled' } }
              : { ok: true, value: { experiments: [{ name: 'late' }] } };
          }
          return {
            ok: true,
            value: {
              experiments: [
                { name: 'Default', artifactLocation: '/home/ana/projects/mlruns/0', score: NaN },
              ],
            },
          };
        }
        return { ok: false, error: { code: 'INTERNAL', message: 'not expected' } };
      },
    ]),
  ) as unknown as RunlensHandlers;
  return { service, calls };
}

describe('bootAnswers', () => {
  it('answers the stores, the profiles and each ready store’s experiments, with the renderer’s requests', async () => {
    const { service, calls } = fakeService(0);
    const answers = await bootAnswers(service, { remote: false });
    expect(answers.map((a) => [a.method, a.request])).toEqual([
      ['listStores', {}],
      ['listConnections', {}],
      ['searchExperiments', experimentsRequest('s1')],
      ['searchExperiments', experimentsRequest('s3')],
      ['searchExperiments', experimentsRequest('s4')],
    ]);
    // The store in error is never asked for experiments.
    expect(calls.filter((c) => c.name === 'searchExperiments')).toHaveLength(3);
    expect(answers[2]?.value).toMatchObject({ experiments: [{ name: 'Default' }] });
  });

  it('waits for a local store, but not past its budget for a remote server', async () => {
    const { service } = fakeService(400);
    const answers = await bootAnswers(service, { remote: false, remoteBudgetMs: 50 });
    const requests = answers.map((a) => a.request);
    expect(requests).toContainEqual(experimentsRequest('s4'));
    expect(requests).not.toContainEqual(experimentsRequest('s3'));
  });

  it('does not wait past the local safety budget either', async () => {
    const { service } = fakeService(5_000);
    const started = Date.now();
    const answers = await bootAnswers(service, {
      remote: false,
      remoteBudgetMs: 50,
      localBudgetMs: 200,
    });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(answers.map((a) => a.request)).toContainEqual(experimentsRequest('s1'));
    expect(answers.map((a) => a.request)).not.toContainEqual(experimentsRequest('s4'));
  });

  it('cuts local folders for a viewer on another machine, as its API answers are', async () => {
    const { service } = fakeService(0);
    const text = JSON.stringify(await bootAnswers(service, { remote: true }));
    expect(text).not.toContain('/home/ana');
    const local = JSON.stringify(await bootAnswers(service, { remote: false }));
    expect(local).toContain('/home/ana/projects/mlruns');
  });
});
