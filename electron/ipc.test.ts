import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, ipcChannel, type RunlensHandlers } from '../shared/common/contract';
import { StoreError } from '../shared/common/errors';
import { registerIpcHandlers, type IpcInvokeEventLike, type IpcMainLike } from './ipc';
import { isAppMainFrame } from './security';
import { CANCEL_CHANNEL } from './bridge';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;
type SendListener = (event: IpcInvokeEventLike, ...args: unknown[]) => void;

function fakeIpcMain(): IpcMainLike & {
  listeners: Map<string, Listener>;
  sendListeners: Map<string, SendListener[]>;
} {
  const listeners = new Map<string, Listener>();
  const sendListeners = new Map<string, SendListener[]>();
  return {
    listeners,
    sendListeners,
    handle(channel, listener) {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
      listeners.set(channel, listener);
    },
    removeHandler(channel) {
      listeners.delete(channel);
    },
    on(channel, listener) {
      sendListeners.set(channel, [...(sendListeners.get(channel) ?? []), listener]);
    },
    removeListener(channel, listener) {
      sendListeners.set(
        channel,
        (sendListeners.get(channel) ?? []).filter((l) => l !== listener),
      );
    },
  };
}

function fakeHandlers(): RunlensHandlers {
  const entries = METHOD_NAMES.map((name) => [
    name,
    vi.fn(async () => ({ ok: true, value: `${name} answer` })),
  ]);
  return Object.fromEntries(entries) as unknown as RunlensHandlers;
}

const trusted = isAppMainFrame;
const APP_FRAME = { url: 'app://runlens/index.html', parent: null };
const fromApp: IpcInvokeEventLike = { senderFrame: APP_FRAME };

function setup(handlers = fakeHandlers()) {
  const ipc = fakeIpcMain();
  /** What the error log received (the app's logs/runlens.log in Electron). */
  const logged: string[] = [];
  const unregister = registerIpcHandlers(ipc, handlers, trusted, (entry) => logged.push(entry));
  const call = (
    channel: string,
    event: IpcInvokeEventLike,
    request: unknown,
    ...rest: unknown[]
  ) => {
    const listener = ipc.listeners.get(channel);
    if (!listener) throw new Error(`no handler on ${channel}`);
    return listener(event, request, ...rest);
  };
  /** ipcRenderer.send(CANCEL_CHANNEL, callId) as the main process receives it. */
  const cancel = (event: IpcInvokeEventLike, callId: unknown) => {
    for (const listener of ipc.sendListeners.get(CANCEL_CHANNEL) ?? []) listener(event, callId);
  };
  return { ipc, handlers, unregister, call, cancel, logged };
}

describe('registerIpcHandlers', () => {
  it('registers exactly one channel per contract method', () => {
    const { ipc } = setup();
    expect([...ipc.listeners.keys()].sort()).toEqual(
      METHOD_NAMES.map((name) => ipcChannel(name)).sort(),
    );
    expect(ipc.listeners.size).toBe(METHOD_NAMES.length);
  });

  it('passes a valid request to the handler and returns its Result unchanged', async () => {
    const { handlers, call } = setup();
    const answer = await call('runlens:getRun', fromApp, { storeId: 's1', runId: 'r1' });
    expect(answer).toEqual({ ok: true, value: 'getRun answer' });
    expect(handlers.getRun).toHaveBeenCalledWith({ storeId: 's1', runId: 'r1' }, {});
  });

  it('refuses callers that are not the app origin, without calling the handler', async () => {
    const { handlers, call } = setup();
    for (const senderFrame of [
      { url: 'https://evil.example/index.html', parent: null },
      { url: 'file:///tmp/index.html', parent: null },
      { url: 'app://other/index.html', parent: null },
      // An iframe of the app's own origin is not the window.
      { url: 'app://runlens/index.html', parent: APP_FRAME },
      null,
    ]) {
      const answer = await call('runlens:listStores', { senderFrame }, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(handlers.listStores).not.toHaveBeenCalled();
  });

  it('refuses a foreign sender on every contract channel', async () => {
    const { handlers, ipc, call } = setup();
    const foreign = [
      { senderFrame: { url: 'https://evil.example/', parent: null } },
      { senderFrame: { url: 'app://runlens/index.html', parent: APP_FRAME } },
      { senderFrame: null },
    ];
    for (const channel of ipc.listeners.keys()) {
      for (const event of foreign) {
        const answer = await call(channel, event, { storeId: 's1', runId: 'r', key: 'k' });
        expect(answer, channel).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      }
    }
    for (const name of METHOD_NAMES) expect(handlers[name]).not.toHaveBeenCalled();
  });

  it('turns a throwing handler into an INTERNAL error instead of rejecting', async () => {
    const handlers = fakeHandlers();
    handlers.listStores = vi.fn(async () => {
      throw new Error('boom');
    });
    const { call } = setup(handlers);
    await expect(call('runlens:listStores', fromApp, {})).resolves.toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'boom' },
    });
  });

  it('logs what became INTERNAL once, with its stack and cause, secrets redacted', async () => {
    const handlers = fakeHandlers();
    handlers.listStores = vi.fn(async () => {
      throw new TypeError('token=abcdef0123456789 rejected', { cause: new Error('inner') });
    });
    const { call, logged } = setup(handlers);
    await expect(call('runlens:listStores', fromApp, {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(logged).toHaveLength(1);
    const entry = logged[0] ?? '';
    expect(entry).toMatch(/^\S+ runlens: INTERNAL error in listStores \(IPC\)\n/);
    expect(entry).toContain('TypeError: token=[redacted] rejected');
    expect(entry).toMatch(/\n {4}at .*ipc\.test\.ts/);
    expect(entry).toContain('Caused by: Error: inner');
    expect(entry).not.toContain('abcdef0123456789');
  });

  it('logs nothing for an error that keeps its code, nor for a bad request', async () => {
    const handlers = fakeHandlers();
    handlers.getRun = vi.fn(async () => {
      throw new StoreError('NOT_FOUND', 'no run r9');
    });
    const { call, logged } = setup(handlers);
    await call('runlens:getRun', fromApp, { storeId: 's', runId: 'r9' });
    await expect(call('runlens:getRun', fromApp, { bogus: 1 })).resolves.toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(logged).toEqual([]);
  });

  it('keeps the code of a thrown StoreError', async () => {
    const handlers = fakeHandlers();
    handlers.getRun = vi.fn(async () => {
      throw new StoreError('NOT_FOUND', 'no run r9');
    });
    const { call } = setup(handlers);
    await expect(call('runlens:getRun', fromApp, { storeId: 's', runId: 'r9' })).resolves.toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'no run r9' },
    });
  });

  it.each([
    ['a missing field', { storeId: 's1' }],
    ['a wrong type', { storeId: 's1', runId: 42 }],
    ['no object at all', 'getRun please'],
    ['undefined', undefined],
  ])('answers INVALID_ARGUMENT for %s', async (_label, request) => {
    const { handlers, call } = setup();
    const answer = await call('runlens:getRun', fromApp, request);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(handlers.getRun).not.toHaveBeenCalled();
  });

  it('removes every channel it registered when unregistered', () => {
    const { ipc, unregister } = setup();
    unregister();
    expect(ipc.listeners.size).toBe(0);
    expect(ipc.sendListeners.get(CANCEL_CHANNEL)).toEqual([]);
  });
});

describe('cancelling a call over IPC', () => {
  /** A handler that waits until its signal aborts, then answers CANCELLED (as InspectorService does). */
  function slowHandlers() {
    const handlers = fakeHandlers();
    const seen: { signal: AbortSignal | undefined }[] = [];
    handlers.searchRuns = vi.fn(async (_request, ctx) => {
      const signal = ctx?.signal as AbortSignal | undefined;
      seen.push({ signal });
      await new Promise<void>((resolve) =>
        signal?.addEventListener('abort', () => resolve(), { once: true }),
      );
      return { ok: false as const, error: { code: 'CANCELLED' as const, message: 'cancelled' } };
    });
    return { handlers, seen };
  }

  it('aborts the signal of the call named by a cancel from the app', async () => {
    const { handlers, seen } = slowHandlers();
    const { call, cancel } = setup(handlers);
    const answer = call('runlens:searchRuns', fromApp, { storeId: 's1' }, { callId: 'c-1' });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]?.signal?.aborted).toBe(false);
    cancel(fromApp, 'c-2'); // another call's id: nothing happens
    expect(seen[0]?.signal?.aborted).toBe(false);
    cancel(fromApp, 'c-1');
    expect(seen[0]?.signal?.aborted).toBe(true);
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('ignores a cancel from a frame that is not the app', async () => {
    const { handlers, seen } = slowHandlers();
    const { call, cancel } = setup(handlers);
    const answer = call('runlens:searchRuns', fromApp, { storeId: 's1' }, { callId: 'c-1' });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    cancel({ senderFrame: { url: 'https://evil.example/', parent: null } }, 'c-1');
    cancel({ senderFrame: null }, 'c-1');
    expect(seen[0]?.signal?.aborted).toBe(false);
    cancel(fromApp, 'c-1');
    await answer;
  });

  it('gives a call without a valid call id no signal, and forgets ids once answered', async () => {
    const { handlers, call, cancel } = setup();
    await call('runlens:getRun', fromApp, { storeId: 's', runId: 'r' }, { callId: 42 });
    expect(handlers.getRun).toHaveBeenLastCalledWith({ storeId: 's', runId: 'r' }, {});
    await call('runlens:getRun', fromApp, { storeId: 's', runId: 'r' }, { callId: 'done-1' });
    const ctx = vi.mocked(handlers.getRun).mock.lastCall?.[1];
    cancel(fromApp, 'done-1');
    expect(ctx?.signal?.aborted).toBe(false);
  });
});
