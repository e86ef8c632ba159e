import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, type RunlensBridgeHandlers } from '../../../shared/common/contract';
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
    const page = await api.searchRuns({
      storeId: 's1',
      filter: 'metrics.f1 > 0.8',
      orderBy: undefined,
      experimentIds: ['1'],
      viewType: undefined,
      maxResults: 10,
      pageToken: undefined,
    });
    expect(page).toEqual(value);
    expect(calls[0]?.url).toBe('/api/searchRuns');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(calls[0]?.init?.credentials).toBe('same-origin');
    expect(fromWireJson(String(calls[0]?.init?.body))).toEqual({
      storeId: 's1',
      filter: 'metrics.f1 > 0.8',
      experimentIds: ['1'],
      maxResults: 10,
    });
  });

  it('rejects with ApiError carrying the code of a failed result', async () => {
    const error = { code: 'INVALID_ARGUMENT', message: 'bad filter' };
    const api = createApi(
      httpTransport(
        fakeFetch(() => new Response(toWireJson({ ok: false, error }), { status: 400 })).impl,
      ),
    );
    const failure = await api.listStores({}).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject(error);
  });

  it('turns a 401 page into UNAUTHORIZED', async () => {
    const api = createApi(
      httpTransport(fakeFetch(() => new Response('<p>sign in</p>', { status: 401 })).impl),
    );
    await expect(api.listStores({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('turns a lost connection into REMOTE_ERROR', async () => {
    const api = createApi(
      httpTransport(fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))).impl),
    );
    await expect(api.listStores({})).rejects.toMatchObject({ code: 'REMOTE_ERROR' });
  });
});

describe('createApi over the Electron bridge', () => {
  it('calls the bridge function of the method and unwraps its result', async () => {
    const seen: unknown[] = [];
    const bridge = Object.fromEntries(
      METHOD_NAMES.map((name) => [
        name,
        async (request: unknown) => {
          seen.push([name, request]);
          return { ok: true, value: name };
        },
      ]),
    ) as unknown as RunlensBridgeHandlers;
    const api = createApi(electronTransport(bridge));
    await expect(api.getRun({ storeId: 's', runId: 'r' })).resolves.toBe('getRun');
    expect(seen).toEqual([['getRun', { storeId: 's', runId: 'r' }]]);
  });

  it('reports a bridge that throws as INTERNAL instead of an unhandled rejection', async () => {
    const bridge = {
      listStores: () => Promise.reject(new Error('ipc gone')),
    } as unknown as RunlensBridgeHandlers;
    await expect(createApi(electronTransport(bridge)).listStores({})).rejects.toMatchObject({
      code: 'INTERNAL',
    });
  });
});

describe('cancelling a call', () => {
  it('over HTTP: aborts the fetch and rejects CANCELLED at once', async () => {
    let fetchSignal: AbortSignal | undefined;
    const { impl } = fakeFetch(
      (call) =>
        new Promise<Response>((_resolve, reject) => {
          fetchSignal = call.init?.signal ?? undefined;
          fetchSignal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          );
        }),
    );
    const api = createApi(httpTransport(impl));
    const controller = new AbortController();
    const pending = api.listStores({}, { signal: controller.signal });
    await vi.waitFor(() => expect(fetchSignal).toBeDefined());
    expect(fetchSignal?.aborted).toBe(false);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(fetchSignal?.aborted).toBe(true);
  });

  it('over HTTP: an already aborted signal sends nothing', async () => {
    const { impl, calls } = fakeFetch(() => new Response(toWireJson({ ok: true, value: [] })));
    await expect(
      createApi(httpTransport(impl)).listStores({}, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(calls[0]?.init?.signal?.aborted ?? true).toBe(true);
  });

  it('over the Electron bridge: sends the call id, and cancels that id', async () => {
    const ids: unknown[] = [];
    const bridge = {
      searchRuns: (_request: unknown, call?: { callId: string }) => {
        ids.push(call?.callId);
        return new Promise(() => undefined);
      },
      getRun: (_request: unknown, call?: { callId: string }) => {
        ids.push(call?.callId);
        return Promise.resolve({ ok: true, value: 'run' });
      },
    } as unknown as RunlensBridgeHandlers;
    const cancel = vi.fn();
    const api = createApi(electronTransport(bridge, { cancel }));
    const controller = new AbortController();
    const pending = api.searchRuns({ storeId: 's' }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(typeof ids[0]).toBe('string');
    expect(cancel).toHaveBeenCalledWith(ids[0]);
    // Without a signal no id is made; an answered call is never cancelled.
    await expect(api.getRun({ storeId: 's', runId: 'r' })).resolves.toBe('run');
    const done = new AbortController();
    await expect(api.getRun({ storeId: 's', runId: 'r' }, { signal: done.signal })).resolves.toBe(
      'run',
    );
    done.abort();
    expect(ids[1]).toBeUndefined();
    expect(cancel).toHaveBeenCalledTimes(1);
  });
});
