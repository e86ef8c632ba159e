import { describe, expect, it } from 'vitest';
import { METHOD_NAMES, type RunlensHandlers } from '../../../shared/common/contract';
import { fromWireJson, toWireJson } from '../../../shared/common/wire';
import { ApiError } from './ApiError';
import { createApi, electronTransport, httpTransport } from './client';

interface Call {
  url: string;
  init: RequestInit | undefined;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), init };
    calls.push(call);
    return respond(call);
  }) as typeof fetch;
  return { impl, calls };
}

describe('createApi over HTTP', () => {
  it('has one function per contract method', () => {
    const api = createApi(httpTransport(fakeFetch(() => new Response('')).impl));
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES].sort());
    for (const name of METHOD_NAMES) expect(typeof api[name]).toBe('function');
  });

  it('POSTs wire JSON to the method route and keeps NaN and infinities', async () => {
    const value = { runs: [{ v: NaN, w: -Infinity }] };
    const { impl, calls } = fakeFetch(() => new Response(toWireJson({ ok: true, value })));
    const api = createApi(httpTransport(impl));
    const page = await api.searchRuns({ storeId: 's1', filter: 'metrics.f1 > 0.8', orderBy: undefined, experimentIds: ['1'], viewType: undefined, maxResults: 10, pageToken: undefined });
    expect(page).toEqual(value);
    expect(calls[0]?.url).toBe('/api/searchRuns');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.credentials).toBe('same-origin');
    expect(fromWireJson(String(calls[0]?.init?.body))).toEqual({ storeId: 's1', filter: 'metrics.f1 > 0.8', experimentIds: ['1'], maxResults: 10 });
  });

  it('rejects with ApiError carrying the code of a failed result', async () => {
    const error = { code: 'INVALID_ARGUMENT', message: 'bad filter' };
    const api = createApi(httpTransport(fakeFetch(() => new Response(toWireJson({ ok: false, error }), { status: 400 })).impl));
    const failure = await api.listStores({}).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject(error);
  });

  it('turns a 401 page into UNAUTHORIZED', async () => {
    const api = createApi(httpTransport(fakeFetch(() => new Response('<p>sign in</p>', { status: 401 })).impl));
    await expect(api.listStores({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('turns a lost connection into REMOTE_ERROR', async () => {
    const api = createApi(httpTransport(fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))).impl));
    await expect(api.listStores({})).rejects.toMatchObject({ code: 'REMOTE_ERROR' });
  });
});

describe('createApi over the Electron bridge', () => {
  it('calls the bridge function of the method and unwraps its result', async () => {
    const seen: unknown[] = [];
    const bridge = Object.fromEntries(
      METHOD_NAMES.map((name) => [name, async (request: unknown) => {
        seen.push([name, request]);
        return { ok: true, value: name };
      }]),
    ) as unknown as RunlensHandlers;
    const api = createApi(electronTransport(bridge));
    await expect(api.getRun({ storeId: 's', runId: 'r' })).resolves.toBe('getRun');
    expect(seen).toEqual([['getRun', { storeId: 's', runId: 'r' }]]);
  });

  it('reports a bridge that throws as INTERNAL instead of an unhandled rejection', async () => {
    const bridge = { listStores: () => Promise.reject(new Error('ipc gone')) } as unknown as RunlensHandlers;
    await expect(createApi(electronTransport(bridge)).listStores({})).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
