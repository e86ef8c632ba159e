/**
 * RestStore when the network or the server misbehaves: a fault proxy (faultProxy.ts) in front of the
 * replay of MLflow 3.1's captures. Every test has a bounded time (small timeouts and backoffs) and
 * asserts the outcome: retried then succeeded, or a clear error — and how many requests it took.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../shared/common/errors';
import { RestStore, type RestStoreOptions } from '../../shared/node/stores/rest';
import { fixtureDir, loadIds, runId } from '../conformance/captures';
import { type FaultProxy, type FaultRule, startFaultProxy } from './faultProxy';
import { type ReplayServer, startReplayServer } from './replayServer';

const EXPERIMENTS = '/api/2.0/mlflow/experiments/search';
const RUNS_GET = '/api/2.0/mlflow/runs/get';
const HISTORY = '/api/2.0/mlflow/metrics/get-history';
const FAST: RestStoreOptions = {
  retries: 2,
  retryBaseDelayMs: 10,
  retryMaxDelayMs: 40,
  timeoutMs: 2000,
};
const ids = loadIds('mlflow-3.1.2.dev0', 'sqlite');
const iris0 = runId(ids, 'iris-0');

let replay: ReplayServer;
let proxy: FaultProxy;
const stores: RestStore[] = [];

function store(options: RestStoreOptions = FAST): RestStore {
  const s = new RestStore(proxy.url, options);
  stores.push(s);
  return s;
}

function on(path: string, fault: FaultRule['fault'], times?: number): void {
  proxy.rules.push({
    when: (_m, p) => p === path,
    fault,
    ...(times === undefined ? {} : { times }),
  });
}

async function failure(promise: Promise<unknown>): Promise<StoreError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  return err as StoreError;
}

beforeAll(async () => {
  replay = await startReplayServer(join(fixtureDir('mlflow-3.1.2.dev0'), 'rest'));
});
afterAll(async () => {
  await replay?.close();
});
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  await proxy?.close();
});

describe('RestStore over a faulty network', () => {
  beforeEach(async () => {
    proxy = await startFaultProxy(replay.url);
  });

  it('retries a connection cut mid-body, then succeeds', async () => {
    on(EXPERIMENTS, { kind: 'reset-mid-body' }, 1);
    expect(await store().listExperiments()).toHaveLength(6);
    expect(proxy.hitsOn(EXPERIMENTS).map((h) => h.fault)).toEqual(['reset-mid-body', null]);
  });

  it('a well-framed but cut JSON body is malformed JSON, named with its URL, and not retried', async () => {
    on(EXPERIMENTS, { kind: 'truncate-body' });
    const err = await failure(store().listExperiments());
    expect(err.code).toBe('REMOTE_ERROR');
    expect(err.message).toMatch(new RegExp(`^malformed JSON from ${proxy.url}${EXPERIMENTS}`));
    expect(proxy.hitsOn(EXPERIMENTS)).toHaveLength(1);
  });

  it('honours Retry-After in seconds on 429', async () => {
    on(EXPERIMENTS, { kind: 'status', status: 429, retryAfter: '1' }, 1);
    const started = Date.now();
    expect(await store().listExperiments()).toHaveLength(6);
    const [first, second] = proxy.hitsOn(EXPERIMENTS);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('honours Retry-After as an HTTP-date on 503, capped by retryAfterCapMs', async () => {
    on(
      EXPERIMENTS,
      { kind: 'status', status: 503, retryAfter: new Date(Date.now() + 60_000).toUTCString() },
      1,
    );
    const started = Date.now();
    expect(await store({ ...FAST, retryAfterCapMs: 300 }).listExperiments()).toHaveLength(6);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(280);
    expect(elapsed).toBeLessThan(2000);
  });

  it('gives up on a server that keeps failing, with a message and no HTML', async () => {
    on(EXPERIMENTS, { kind: 'status', status: 503 });
    const err = await failure(store().listExperiments());
    expect(err.message).toMatch(/HTTP 503\) after 3 attempts/);
    expect(err.message).not.toMatch(/</);
    expect(proxy.hitsOn(EXPERIMENTS)).toHaveLength(3);
  });

  it('never retries a 4xx answer', async () => {
    await expect(store().getExperiment('999999')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(proxy.hitsOn('/api/2.0/mlflow/experiments/get')).toHaveLength(1);
  });

  it('stops on a page token that never advances (3.x get-history without max_results, mlflow#23916)', async () => {
    // The proxy drops max_results and page_token: the server gives its real buggy answer every time.
    on(HISTORY, {
      kind: 'rewrite',
      change: (url) => {
        url.searchParams.delete('max_results');
        url.searchParams.delete('page_token');
      },
    });
    const err = await failure(store().getMetricHistory(iris0, 'loss'));
    expect(err.code).toBe('REMOTE_ERROR');
    expect(err.message).toMatch(/same page token twice.*mlflow#23916/);
    expect(proxy.hitsOn(HISTORY)).toHaveLength(2);
    // RestStore itself sent max_results (as MLflow's client does); the proxy took it out.
    expect(proxy.hitsOn(HISTORY)[0]?.query).toBe(
      `?run_id=${iris0}&metric_key=loss&max_results=25000`,
    );
  });

  it('times out a slow-loris answer (bytes trickling in) and says so', async () => {
    on(EXPERIMENTS, { kind: 'trickle', intervalMs: 50 });
    const started = Date.now();
    const err = await failure(store({ ...FAST, retries: 1, timeoutMs: 300 }).listExperiments());
    expect(err.message).toMatch(/No complete answer from .* within 0\.3 s \(2 attempts\)/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('waits for a slow server within the timeout', async () => {
    on(RUNS_GET, { kind: 'delay', ms: 200 });
    expect((await store().getRun(iris0)).info.runName).toBe('logreg-C0');
  });

  it('keeps at most maxInFlight requests open', async () => {
    on(RUNS_GET, { kind: 'delay', ms: 80 });
    const s = store({ ...FAST, maxInFlight: 2 });
    await s.listExperiments();
    const runs = await Promise.all(Array.from({ length: 8 }, () => s.getRun(iris0)));
    expect(runs).toHaveLength(8);
    expect(proxy.hitsOn(RUNS_GET)).toHaveLength(8);
    expect(proxy.maxConcurrent).toBe(2);
  });

  it('an AbortSignal cancels in-flight and queued requests at once', async () => {
    on(RUNS_GET, { kind: 'delay', ms: 3000 });
    const s = store({ ...FAST, maxInFlight: 1, timeoutMs: 5000 });
    await s.listExperiments();
    const controller = new AbortController();
    const started = Date.now();
    const pending = [s.getRun(iris0, controller.signal), s.getRun(iris0, controller.signal)];
    setTimeout(() => controller.abort(), 100);
    for (const p of pending) await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(proxy.hitsOn(RUNS_GET)).toHaveLength(1);
  });

  it('close() cancels what is in flight', async () => {
    on(EXPERIMENTS, { kind: 'delay', ms: 3000 });
    const s = store();
    const pending = s.listExperiments();
    setTimeout(() => void s.close(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('falls back to the v2 trace search when the server lacks the v3 one', async () => {
    const v3 = await store().listTraces(['3']);
    on('/api/3.0/mlflow/traces/search', { kind: 'not-found' });
    const v2 = await store().listTraces(['3']);
    expect(proxy.hitsOn('/api/2.0/mlflow/traces')).toHaveLength(1);
    const view = (t: {
      traceId: string;
      experimentId: string;
      state: string;
      requestTime: number;
      executionDurationMs: number | null;
    }) => [t.traceId, t.experimentId, t.state, t.requestTime, t.executionDurationMs];
    expect(v2.map(view)).toEqual(v3.map(view));
    expect(v2.map((t) => t.tags['mlflow.traceName'])).toEqual(
      v3.map((t) => t.tags['mlflow.traceName']),
    );
  });
});

describe('RestStore when the server cannot be reached', () => {
  it('connection refused: retried, then a clear message', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    const s = new RestStore(`http://127.0.0.1:${port}`, FAST);
    const err = await failure(s.open());
    expect(err.code).toBe('REMOTE_ERROR');
    expect(err.message).toBe(
      `Cannot reach http://127.0.0.1:${port}: connection refused (3 attempts) — is the MLflow server running at this address and port?`,
    );
    await s.close();
  });

  it('a server answering 200 with something other than JSON is named as not an MLflow server', async () => {
    // A web page at the address (a proxy's login page, another app): 200 with HTML for every path.
    const page = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html><body>Sign in</body></html>');
    });
    await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
    const { port } = page.address() as AddressInfo;
    const s = new RestStore(`http://127.0.0.1:${port}`, FAST);
    try {
      const err = await failure(s.open());
      expect(err.code).toBe('REMOTE_ERROR');
      expect(err.message).toBe(
        `http://127.0.0.1:${port} is not an MLflow server (it answers, but not with MLflow's JSON) — check the URL`,
      );
    } finally {
      await s.close();
      await new Promise<void>((r) => page.close(() => r()));
    }
  });
});
