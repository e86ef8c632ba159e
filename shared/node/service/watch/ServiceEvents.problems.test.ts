/**
 * The sidebar's problem count follows what a call finds (issue 11): a listArtifacts that meets a refused
 * symlink records a store problem, and the service then sends storesChanged with the new count (the
 * renderer refetches listStores on it); a call that finds nothing new sends nothing.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunlensEvent } from '../../../common/contract';
import { InspectorService } from '../InspectorService';
import {
  copyFixture,
  FORECASTING,
  PROPHET_09,
  type TempStore,
} from '../../../../test/support/watchStore';

let service: InspectorService | undefined;
let temp: TempStore | undefined;
afterEach(async () => {
  await service?.dispose();
  service = undefined;
  temp?.dispose();
  temp = undefined;
});

describe('storesChanged when a call finds new store problems', () => {
  it('is sent once with the grown problem count, not again for the same problem', async () => {
    temp = copyFixture([FORECASTING]);
    const outside = join(temp.root, '..', 'outside-secret.txt');
    writeFileSync(outside, 'secret');
    // MLflow made no artifacts for this run: its folder, where a relocated store's artifacts are.
    const artifacts = join(temp.root, FORECASTING, PROPHET_09, 'artifacts');
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, 'ok.txt'), 'fine');
    symlinkSync(outside, join(artifacts, 'evil.txt'));
    service = new InspectorService();
    const opened = await service.openStore({ location: temp.root });
    if (!opened.ok) throw new Error(opened.error.message);
    const { storeId } = opened.value;
    const events: RunlensEvent[] = [];
    service.onEvent((e) => events.push(e));
    await service.eventsReady();
    const before = await service.listStores({});
    expect(before.ok && before.value.map((s) => s.problemCount)).toEqual([0]);

    const listed = await service.listArtifacts({ storeId, runId: PROPHET_09, path: '' });
    expect(listed.ok && listed.value.map((f) => f.path)).toEqual(['ok.txt']);
    const storesEvents = () => events.filter((e) => e.type === 'storesChanged');
    await vi.waitFor(() => expect(storesEvents()).toHaveLength(1));
    const [event] = storesEvents();
    expect(event).toMatchObject({ type: 'storesChanged', stores: [{ storeId, problemCount: 1 }] });

    // The same link met again: no new problem, no event (no refetch loop).
    await service.listArtifacts({ storeId, runId: PROPHET_09, path: '' });
    await service.listStores({});
    expect(storesEvents()).toHaveLength(1);
  });
});
