import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, ipcChannel, type RunlensHandlers } from '../shared/common/contract';
import { StoreError } from '../shared/common/errors';
import { registerIpcHandlers, type IpcInvokeEventLike, type IpcMainLike, type SenderFrameLike } from './ipc';
import { isAppUrl } from './appProtocol';

type Listener = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain(): IpcMainLike & { listeners: Map<string, Listener> } {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    handle(channel, listener) {
      if (listeners.has(channel)) throw new Error(`second handler for ${channel}`);
      listeners.set(channel, listener);
    },
    removeHandler(channel) {
      listeners.delete(channel);
    },
  };
}

function fakeHandlers(): RunlensHandlers {
  const entries = METHOD_NAMES.map((name) => [name, vi.fn(async () => ({ ok: true, value: `${name} answer` }))]);
  return Object.fromEntries(entries) as unknown as RunlensHandlers;
}

const trusted = (frame: SenderFrameLike): boolean => frame !== null && isAppUrl(frame.url);
const fromApp: IpcInvokeEventLike = { senderFrame: { url: 'app://runlens/index.html' } };

function setup(handlers = fakeHandlers()) {
  const ipc = fakeIpcMain();
  const unregister = registerIpcHandlers(ipc, handlers, trusted);
  const call = (channel: string, event: IpcInvokeEventLike, request: unknown) => {
    const listener = ipc.listeners.get(channel);
    if (!listener) throw new Error(`no handler on ${channel}`);
    return listener(event, request);
  };
  return { ipc, handlers, unregister, call };
}

describe('registerIpcHandlers', () => {
  it('registers exactly one channel per contract method', () => {
    const { ipc } = setup();
    expect([...ipc.listeners.keys()].sort()).toEqual(METHOD_NAMES.map((name) => ipcChannel(name)).sort());
    expect(ipc.listeners.size).toBe(METHOD_NAMES.length);
  });

  it('passes a valid request to the handler and returns its Result unchanged', async () => {
    const { handlers, call } = setup();
    const answer = await call('runlens:getRun', fromApp, { storeId: 's1', runId: 'r1' });
    expect(answer).toEqual({ ok: true, value: 'getRun answer' });
    expect(handlers.getRun).toHaveBeenCalledWith({ storeId: 's1', runId: 'r1' });
  });

  it('refuses callers that are not the app origin, without calling the handler', async () => {
    const { handlers, call } = setup();
    for (const senderFrame of [
      { url: 'https://evil.example/index.html' },
      { url: 'file:///tmp/index.html' },
      { url: 'app://other/index.html' },
      null,
    ]) {
      const answer = await call('runlens:listStores', { senderFrame }, {});
      expect(answer).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }
    expect(handlers.listStores).not.toHaveBeenCalled();
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
  });
});
