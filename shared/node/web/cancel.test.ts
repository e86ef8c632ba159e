/**
 * The web host cancels a call whose client went away: an HTTP request aborted before its answer aborts
 * the signal the service's handler (and through it the store) was given.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type CallContext, type RunlensHandlers } from '../../common/contract';
import type { Result } from '../../common/errors';
import type { Run } from '../../common/types';
import { toWireJson } from '../../common/wire';
import { InspectorService } from '../service/InspectorService';
import { MemoryStore, experiment } from '../../../test/support/MemoryStore';
import { startWebHost, type WebHost } from './startWebHost';

/** A store whose run listing takes a minute unless its signal aborts first. */
class SlowStore extends MemoryStore {
  readonly signals: (AbortSignal | undefined)[] = [];
  override async listRuns(_experimentIds: readonly string[], signal?: AbortSignal): Promise<Run[]> {
    this.signals.push(signal);
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 60_000);
      signal?.addEventListener('abort', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return [];
  }
}

const TOKEN = 'cancel-test-token-0123456789';
const store = new SlowStore('/slow/mlruns', { experiments: [experiment('1', 'slow')] });
const service = new InspectorService({ createStore: async () => store });
const answers: Result<unknown>[] = [];
let host: WebHost;
// openStore detects the store kind on disk: an empty mlruns folder to point at.
const root = mkdtempSync(join(tmpdir(), 'runlens-cancel-'));
mkdirSync(join(root, 'mlruns/0'), { recursive: true });

beforeAll(async () => {
  // The service as the host sees it, recording what each handler answered (the host sends nothing back
  // to a client that left, so the answer is only visible here).
  const recording = Object.fromEntries(
    METHOD_NAMES.map((name) => [
      name,
      async (request: unknown, ctx?: CallContext) => {
        const handler = service[name] as (r: unknown, c?: CallContext) => Promise<Result<unknown>>;
        const result = await handler.call(service, request, ctx);
        answers.push(result);
        return result;
      },
    ]),
  ) as unknown as RunlensHandlers;
  host = await startWebHost({ service: recording, staticDir: '/nonexistent', token: TOKEN });
});

afterAll(async () => {
  await host.close();
  await service.dispose();
  rmSync(root, { recursive: true, force: true });
});

it('aborts the handler signal when the client closes the request before the answer', async () => {
  const opened = await service.openStore({ location: join(root, 'mlruns') });
  if (!opened.ok || opened.value.state !== 'ready') throw new Error(JSON.stringify(opened));
  const req = httpRequest({
    host: '127.0.0.1',
    port: host.port,
    path: '/api/searchRuns',
    method: 'POST',
    headers: {
      host: `127.0.0.1:${host.port}`,
      cookie: `runlens_token_${host.port}=${TOKEN}`,
      'content-type': 'application/json',
    },
  });
  req.on('error', () => undefined); // the abort below
  req.end(toWireJson({ storeId: opened.value.storeId, experimentIds: ['1'] }));

  await vi.waitFor(() => expect(store.signals).toHaveLength(1));
  const signal = store.signals[0];
  expect(signal?.aborted).toBe(false);
  req.destroy();
  await vi.waitFor(() => expect(signal?.aborted).toBe(true), { timeout: 2000 });
  await vi.waitFor(() =>
    expect(answers).toContainEqual({
      ok: false,
      error: { code: 'CANCELLED', message: 'The request was cancelled' },
    }),
  );
});
