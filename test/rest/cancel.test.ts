/**
 * Cancelling through the service reaches the network: a RestStore behind a slow server (the fault
 * proxy holds runs/search) stops its in-flight HTTP request as soon as the caller's signal aborts,
 * and the handler answers CANCELLED at once instead of after the server's delay.
 */
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import type { LoadProgressEvent, RunlensEvent } from '../../shared/common/contract';
import { InspectorService } from '../../shared/node/service/InspectorService';
import { RestStore } from '../../shared/node/stores/rest';
import { fixtureDir, loadIds } from '../conformance/captures';
import { type FaultProxy, startFaultProxy } from './faultProxy';
import { type ReplayServer, startReplayServer } from './replayServer';

const RUNS_SEARCH = '/api/2.0/mlflow/runs/search';
const SLOW_MS = 10_000;
/** runs/search is replayed for the bodies MLflow's client sent while capturing: one experiment's. */
const iris = loadIds('mlflow-3.1.2.dev0', 'sqlite').experiments.iris ?? '';

let replay: ReplayServer;
let proxy: FaultProxy;
let service: InspectorService;

beforeAll(async () => {
  replay = await startReplayServer(join(fixtureDir('mlflow-3.1.2.dev0'), 'rest'));
});
afterAll(async () => {
  await replay?.close();
});
beforeEach(async () => {
  proxy = await startFaultProxy(replay.url);
  service = new InspectorService({
    createStore: async ({ path }) =>
      new RestStore(path, { retries: 2, retryBaseDelayMs: 10, timeoutMs: 30_000 }),
  });
});
afterEach(async () => {
  await service.dispose();
  await proxy.close();
});

async function openStore(): Promise<string> {
  const opened = await service.openStore({ location: proxy.url });
  if (!opened.ok || opened.value.state !== 'ready')
    throw new Error(`cannot open ${proxy.url}: ${JSON.stringify(opened)}`);
  return opened.value.storeId;
}

it('a cancel stops the in-flight runs/search request and answers CANCELLED at once', async () => {
  const storeId = await openStore();
  proxy.rules.push({ when: (_m, p) => p === RUNS_SEARCH, fault: { kind: 'delay', ms: SLOW_MS } });
  const controller = new AbortController();
  const started = Date.now();
  const answer = service.searchRuns(
    { storeId, experimentIds: [iris] },
    { signal: controller.signal },
  );
  await vi.waitFor(() => expect(proxy.hitsOn(RUNS_SEARCH).length).toBeGreaterThan(0));
  expect(proxy.active).toBeGreaterThan(0);

  controller.abort();
  await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  // The request itself is gone (the proxy saw its client leave), long before the server's delay ends,
  // and it was not retried.
  await vi.waitFor(() => expect(proxy.active).toBe(0), { timeout: 1000 });
  expect(Date.now() - started).toBeLessThan(SLOW_MS / 5);
  const hits = proxy.hitsOn(RUNS_SEARCH).length;
  await new Promise((r) => setTimeout(r, 100));
  expect(proxy.hitsOn(RUNS_SEARCH)).toHaveLength(hits);
});

it("reports a server's runs as loadProgress events, page by page, ending with done", async () => {
  const storeId = await openStore();
  const events: LoadProgressEvent[] = [];
  const off = service.onEvent((event: RunlensEvent) => {
    if (event.type === 'loadProgress') events.push(event);
  });
  const seen: number[] = [];
  // A filter the server's grammar lacks: searched in memory over every run listed (a query the server
  // can answer is one runs/search request, with nothing to report).
  const filter = "attributes.lifecycle_stage = 'active'";
  const answer = await service.searchRuns(
    { storeId, experimentIds: [iris], filter },
    { onProgress: ({ loaded }) => seen.push(loaded) },
  );
  off();
  if (!answer.ok) throw new Error(JSON.stringify(answer.error));
  expect(seen.length).toBeGreaterThan(0);
  expect(events.length).toBeGreaterThanOrEqual(2);
  expect(events.every((e) => e.storeId === storeId && e.what === 'runs' && e.total === null)).toBe(
    true,
  );
  expect(events.at(-1)?.done).toBe(true);
  expect(events.slice(0, -1).every((e) => !e.done)).toBe(true);
  expect(events.at(-1)?.loaded).toBe(seen.at(-1));
});
