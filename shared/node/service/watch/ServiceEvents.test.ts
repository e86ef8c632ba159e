import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunlensEvent } from '../../../common/contract';
import { InspectorService } from '../InspectorService';
import {
  appendMetric,
  copyFixture,
  copyRun,
  FORECASTING,
  PROPHET_09,
  type TempStore,
} from '../../../../test/support/watchStore';

let service: InspectorService | undefined;
let temps: TempStore[] = [];
afterEach(async () => {
  await service?.dispose();
  service = undefined;
  for (const t of temps) t.dispose();
  temps = [];
});

function copy(): string {
  const temp = copyFixture([FORECASTING]);
  temps.push(temp);
  return temp.root;
}

describe('InspectorService.onEvent', () => {
  it('reports a metric point of a running run as a storeChanged event of its store', async () => {
    const root = copy();
    service = new InspectorService();
    const opened = await service.openStore({ location: root });
    if (!opened.ok) throw new Error(opened.error.message);
    const events: RunlensEvent[] = [];
    service.onEvent((e) => events.push(e));
    await service.eventsReady();
    appendMetric(root, FORECASTING, PROPHET_09, 'loss', 0.5, 500);
    // experimentsChanged is the store's to say (an index cache that never listed them says true).
    const expected = {
      type: 'storeChanged',
      storeId: opened.value.storeId,
      experimentIds: [FORECASTING],
      runIds: [PROPHET_09],
    };
    await vi.waitFor(() => expect(events).toEqual([expect.objectContaining(expected)]), {
      timeout: 2000,
    });
    // The data behind the event is there when the event arrives.
    const history = await service.getMetricHistory({
      storeId: opened.value.storeId,
      runId: PROPHET_09,
      key: 'loss',
    });
    expect(history.ok && history.value.at(-1)?.value).toBe(0.5);
  });

  it('walks the folders to watch only while no call is being answered', async () => {
    const root = copy();
    service = new InspectorService();
    const opened = await service.openStore({ location: root });
    if (!opened.ok) throw new Error(opened.error.message);
    const order: string[] = [];
    // The page's first screen and its event stream start together, as at a launch.
    const answer = service
      .searchRuns({ storeId: opened.value.storeId, experimentIds: [FORECASTING] })
      .then((r) => order.push(r.ok ? 'answer' : 'failed'));
    service.onEvent(() => undefined);
    const watching = service.eventsReady().then(() => order.push('watching'));
    await Promise.all([answer, watching]);
    expect(order).toEqual(['answer', 'watching']);
  });

  it('does not mistake its own reading of the store for a change (no refetch loop)', async () => {
    const root = copy();
    service = new InspectorService();
    const opened = await service.openStore({ location: root });
    if (!opened.ok) throw new Error(opened.error.message);
    const events: RunlensEvent[] = [];
    service.onEvent((e) => events.push(e));
    const storeId = opened.value.storeId;
    for (let i = 0; i < 3; i++) {
      await service.searchRuns({ storeId, experimentIds: [FORECASTING] });
      await service.getMetricHistory({ storeId, runId: PROPHET_09, key: 'loss' });
      await service.listArtifacts({ storeId, runId: PROPHET_09 });
    }
    await new Promise((r) => setTimeout(r, 1000));
    // The first search indexes the runs, which is reported as progress: not a change to refetch for.
    expect(events.filter((e) => e.type !== 'loadProgress')).toEqual([]);
  });

  it('reports stores opened and closed, and stops watching with the last listener', async () => {
    service = new InspectorService({ watch: { poll: true } });
    const first = await service.openStore({ location: copy() });
    const events: RunlensEvent[] = [];
    const off = service.onEvent((e) => events.push(e));
    const second = await service.openStore({ location: copy() });
    if (!first.ok || !second.ok) throw new Error('open failed');
    expect(events).toEqual([{ type: 'storesChanged', stores: expect.any(Array) }]);
    expect((events[0] as { stores: unknown[] }).stores).toHaveLength(2);
    // Opening the same store again changes nothing.
    await service.openStore({ location: temps[0]?.root ?? '' });
    expect(events).toHaveLength(1);
    await service.closeStore({ storeId: second.value.storeId });
    expect(events.at(-1)).toMatchObject({
      type: 'storesChanged',
      stores: [{ storeId: first.value.storeId }],
    });
    off();
    appendMetric(temps[0]?.root ?? '', FORECASTING, PROPHET_09, 'loss', 1, 501);
    await new Promise((r) => setTimeout(r, 1500));
    expect(events.filter((e) => e.type === 'storeChanged')).toEqual([]);
  });

  it('catches up on changes made while nobody listened (a reload, a tab handing over)', async () => {
    const root = copy();
    service = new InspectorService();
    const opened = await service.openStore({ location: root });
    if (!opened.ok) throw new Error(opened.error.message);
    const storeId = opened.value.storeId;
    const count = async () => {
      const page = await service?.searchRuns({ storeId, experimentIds: [FORECASTING] });
      return page?.ok ? page.value.runs.length : -1;
    };
    const off = service.onEvent(() => undefined);
    expect(await count()).toBe(10);
    off();
    // Written while unwatched: the index cache cannot know.
    copyRun(root, FORECASTING, PROPHET_09, 'feedc0de0000000000000000000000aa', 'while-away');
    const events: RunlensEvent[] = [];
    service.onEvent((e) => events.push(e));
    await vi.waitFor(() => expect(events.some((e) => e.type === 'storeChanged')).toBe(true), {
      timeout: 3000,
    });
    // It names the run's experiment: that is what makes the runs table (searchRuns of it) refetch.
    expect(events.find((e) => e.type === 'storeChanged')).toMatchObject({
      experimentIds: [FORECASTING],
      runIds: ['feedc0de0000000000000000000000aa'],
    });
    expect(await count()).toBe(11);
  });

  it.each([{ poll: false }, { poll: true }])(
    'a quiet store emits no storeChanged across unsubscribe and resubscribe (%o)',
    async (watch) => {
      const root = copy();
      service = new InspectorService({ watch });
      const opened = await service.openStore({ location: root });
      if (!opened.ok) throw new Error(opened.error.message);
      const storeId = opened.value.storeId;
      const events: RunlensEvent[] = [];
      const listen = async () => {
        const off = service?.onEvent((e) => events.push(e));
        await service?.eventsReady();
        await service?.searchRuns({ storeId, experimentIds: [FORECASTING] });
        await new Promise((r) => setTimeout(r, 1200));
        return off;
      };
      for (let i = 0; i < 3; i++) (await listen())?.();
      await listen();
      expect(events.filter((e) => e.type === 'storeChanged')).toEqual([]);
    },
  );
});
