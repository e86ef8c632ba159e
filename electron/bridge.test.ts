import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES, ipcChannel } from '../shared/common/contract';
import type { RunlensEvent } from '../shared/common/contract';
import {
  CANCEL_CHANNEL,
  EVENT_CHANNEL,
  STORES_CHANGED_CHANNEL,
  buildBridge,
  buildCallsBridge,
  buildEventsBridge,
  type StoresChangedEvent,
} from './bridge';

describe('buildBridge', () => {
  it('exposes exactly one function per contract method, and nothing else', () => {
    const bridge = buildBridge(vi.fn());
    expect(Object.keys(bridge)).toEqual(METHOD_NAMES);
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
    // The surface as a literal list, so a change to it shows up in review (Insomnia's IPC snapshot).
    expect(Object.keys(bridge).sort()).toMatchInlineSnapshot(`
      [
        "buildGovernanceReport",
        "closeStore",
        "completePath",
        "connect",
        "countRuns",
        "deleteConnection",
        "evaluateGovernance",
        "getExperiment",
        "getLoggedModel",
        "getMetricHistory",
        "getMetricRanges",
        "getMetricSeries",
        "getMetricSeriesBatch",
        "getModelVersion",
        "getObservedHistory",
        "getRegisteredModel",
        "getRun",
        "getStoreProblems",
        "getTraceData",
        "getTraceInfo",
        "listArtifacts",
        "listConnections",
        "listStores",
        "openStore",
        "readArtifact",
        "saveConnection",
        "searchExperiments",
        "searchLoggedModels",
        "searchModelVersions",
        "searchRegisteredModels",
        "searchRuns",
        "searchTraces",
        "testConnection",
      ]
    `);
  });

  it('sends each method on its own channel with the request as the only argument', async () => {
    const invoke = vi.fn(async (channel: string, request: unknown) => ({
      ok: true,
      value: { channel, request },
    }));
    const bridge = buildBridge(invoke) as unknown as Record<
      string,
      (request: unknown) => Promise<unknown>
    >;
    for (const name of METHOD_NAMES) {
      const request = { storeId: `store-of-${name}` };
      const method = bridge[name];
      if (!method) throw new Error(`missing ${name}`);
      await expect(method(request)).resolves.toEqual({
        ok: true,
        value: { channel: ipcChannel(name), request },
      });
    }
    expect(invoke).toHaveBeenCalledTimes(METHOD_NAMES.length);
  });

  it('passes a call id on, and nothing else the page adds to it', async () => {
    const invoke = vi.fn(async () => ({ ok: true, value: null }));
    const bridge = buildBridge(invoke) as unknown as Record<
      string,
      (request: unknown, call?: unknown) => Promise<unknown>
    >;
    await bridge.getRun?.({ storeId: 's', runId: 'r' }, { callId: 'c-1', extra: 'dropped' });
    await bridge.getRun?.({ storeId: 's', runId: 'r' }, { callId: 7 });
    expect(invoke.mock.calls).toEqual([
      ['runlens:getRun', { storeId: 's', runId: 'r' }, { callId: 'c-1' }],
      ['runlens:getRun', { storeId: 's', runId: 'r' }],
    ]);
  });
});

describe('buildCallsBridge', () => {
  it('sends a cancel as a one-way message naming the call, and only string ids', () => {
    const send = vi.fn();
    const calls = buildCallsBridge(send);
    expect(Object.keys(calls)).toEqual(['cancel']);
    calls.cancel('c-1');
    calls.cancel(42 as unknown as string);
    expect(send.mock.calls).toEqual([[CANCEL_CHANNEL, 'c-1']]);
  });
});

describe('buildEventsBridge', () => {
  it('exposes onStoresChanged, on the storesChanged channel, with an unsubscribe', () => {
    const unsubscribe = vi.fn();
    let registered: ((payload: unknown) => void) | undefined;
    const subscribe = vi.fn((channel: string, listener: (payload: unknown) => void) => {
      expect(channel).toBe(STORES_CHANGED_CHANNEL);
      registered = listener;
      return unsubscribe;
    });
    const events = buildEventsBridge(subscribe);
    expect(Object.keys(events)).toEqual(['onStoresChanged', 'onEvent']);

    const received: StoresChangedEvent[] = [];
    const off = events.onStoresChanged((event) => received.push(event));
    const payload: StoresChangedEvent = { stores: [], openedStoreId: 's1' };
    registered?.(payload);
    expect(received).toEqual([payload]);
    off();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it('forwards every service event on the event channel (live updates)', () => {
    let registered: ((payload: unknown) => void) | undefined;
    const unsubscribe = vi.fn();
    const events = buildEventsBridge((channel, listener) => {
      expect(channel).toBe(EVENT_CHANNEL);
      registered = listener;
      return unsubscribe;
    });
    const received: RunlensEvent[] = [];
    const off = events.onEvent((event) => received.push(event));
    const payload: RunlensEvent = {
      type: 'storeChanged',
      storeId: 's1',
      experimentIds: ['1'],
      runIds: null,
      experimentsChanged: false,
    };
    registered?.(payload);
    expect(received).toEqual([payload]);
    off();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it('rejects a callback that is not a function', () => {
    const events = buildEventsBridge(vi.fn());
    expect(() => events.onStoresChanged('nope' as unknown as () => void)).toThrow(TypeError);
    expect(() => events.onEvent('nope' as unknown as () => void)).toThrow(TypeError);
  });

  it('does not collide with a contract channel', () => {
    const channels = METHOD_NAMES.map((name) => ipcChannel(name) as string);
    expect(channels).not.toContain(STORES_CHANGED_CHANNEL);
    expect(channels).not.toContain(EVENT_CHANNEL);
    expect(channels).not.toContain(CANCEL_CHANNEL);
  });
});
