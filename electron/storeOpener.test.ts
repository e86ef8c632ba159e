import { describe, expect, it, vi } from 'vitest';
import type { StoreInfo } from '../shared/common/contract';
import { describeFailures, openLocations } from './storeOpener';

function store(storeId: string, location: string): StoreInfo {
  return {
    storeId,
    kind: 'file',
    location,
    displayName: location,
    state: 'ready',
    problemCount: 0,
  };
}

describe('openLocations', () => {
  it('opens every location, reports failures, and names the last store opened', async () => {
    const opened: StoreInfo[] = [];
    const service = {
      openStore: vi.fn(async ({ location }: { location: string }) => {
        if (location === '/bad')
          return {
            ok: false as const,
            error: { code: 'STORE_UNREADABLE' as const, message: 'not a store' },
          };
        const info = store(`s${opened.length + 1}`, location);
        opened.push(info);
        return { ok: true as const, value: info };
      }),
      listStores: vi.fn(async () => ({ ok: true as const, value: opened })),
    };
    const outcome = await openLocations(service, ['/a', '/bad', '/b']);
    expect(service.openStore).toHaveBeenCalledTimes(3);
    expect(outcome.failures).toEqual([{ location: '/bad', message: 'not a store' }]);
    expect(outcome.event).toEqual({ stores: opened, openedStoreId: 's2' });
    expect(describeFailures(outcome.failures)).toBe('/bad: not a store');
  });

  it('reports a store that opened but cannot be read (listed with state error) as a failure', async () => {
    const broken: StoreInfo = {
      ...store('s1', '/gone'),
      state: 'error',
      error: { code: 'STORE_UNREADABLE', message: 'No such folder: /gone' },
    };
    const service = {
      openStore: vi.fn(async () => ({ ok: true as const, value: broken })),
      listStores: vi.fn(async () => ({ ok: true as const, value: [broken] })),
    };
    const outcome = await openLocations(service, ['/gone']);
    expect(outcome.failures).toEqual([{ location: '/gone', message: 'No such folder: /gone' }]);
    expect(outcome.event).toEqual({ stores: [broken] });
  });

  it('still lists the stores when nothing was opened', async () => {
    const service = {
      openStore: vi.fn(),
      listStores: vi.fn(async () => ({ ok: true as const, value: [] })),
    };
    expect(await openLocations(service, [])).toEqual({ event: { stores: [] }, failures: [] });
    expect(service.openStore).not.toHaveBeenCalled();
  });
});
