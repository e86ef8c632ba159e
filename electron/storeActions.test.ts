import type { Dialog } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { StoreInfo } from '../shared/common/contract';
import type { RecentStoreEntry } from '../shared/node/desktop/recentStores';
import { StoreActions, type StoreService } from './storeActions';

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

function setup(
  open: StoreInfo[],
  options: { url?: string; response?: number; recent?: RecentStoreEntry[] } = {},
) {
  let stores = [...open];
  const service: StoreService = {
    openStore: vi.fn(async ({ location }) => {
      const info = store(`s${stores.length + 1}`, location);
      stores.push(info);
      return { ok: true as const, value: info };
    }),
    listStores: vi.fn(async () => ({ ok: true as const, value: stores })),
    closeStore: vi.fn(async ({ storeId }) => {
      stores = stores.filter((s) => s.storeId !== storeId);
      return { ok: true as const, value: null };
    }),
  };
  const boxes: Electron.MessageBoxOptions[] = [];
  const recents = {
    add: vi.fn(() => true),
    remove: vi.fn(),
    clear: vi.fn(),
    list: vi.fn(() => options.recent ?? []),
  };
  const deps = {
    service,
    recents,
    dialog: {
      showMessageBox: vi.fn(async (o: Electron.MessageBoxOptions) => {
        boxes.push(o);
        return { response: options.response ?? 0, checkboxChecked: false };
      }),
    } as unknown as Pick<Dialog, 'showMessageBox'>,
    currentUrl: () => options.url ?? 'app://runlens/index.html#/',
    notifyStores: vi.fn(),
    navigate: vi.fn(),
    recentsChanged: vi.fn(),
    addRecentDocument: vi.fn(),
  };
  return { actions: new StoreActions(deps), deps, service, boxes, stores: () => stores };
}

describe('StoreActions.closeCurrent', () => {
  it('closes the only open store without asking', async () => {
    const { actions, service, boxes, deps } = setup([store('s1', '/a')]);
    await actions.closeCurrent();
    expect(service.closeStore).toHaveBeenCalledWith({ storeId: 's1' });
    expect(boxes).toEqual([]);
    expect(deps.notifyStores).toHaveBeenCalledWith({ stores: [] });
    expect(deps.navigate).not.toHaveBeenCalled();
  });

  it('asks which one when several are open and the route names none; Cancel closes nothing', async () => {
    const { actions, service, boxes } = setup([store('s1', '/a'), store('s2', '/b')], {
      response: 2,
    });
    await actions.closeCurrent();
    expect(boxes[0]?.buttons).toEqual(['/a', '/b', 'Cancel']);
    expect(service.closeStore).not.toHaveBeenCalled();
  });

  it('closes the store of the route and leaves its screen', async () => {
    const { actions, service, deps } = setup([store('s1', '/a'), store('s2', '/b')], {
      url: 'app://runlens/index.html#/run/s2/abc',
    });
    await actions.closeCurrent();
    expect(service.closeStore).toHaveBeenCalledWith({ storeId: 's2' });
    expect(deps.navigate).toHaveBeenCalledWith('#/');
  });
});

describe('StoreActions recent stores', () => {
  const missing = { location: '/gone', displayName: 'gone', openedAt: 't', missing: true };

  it('offers to remove a recent store that vanished instead of opening it', async () => {
    const { actions, service, deps, boxes } = setup([], { recent: [missing], response: 0 });
    await actions.openRecent('/gone');
    expect(boxes[0]?.message).toContain('/gone no longer exists');
    expect(deps.recents.remove).toHaveBeenCalledWith('/gone');
    expect(deps.recentsChanged).toHaveBeenCalled();
    expect(service.openStore).not.toHaveBeenCalled();
  });

  it('remembers only readable stores, and tells the OS only about local ones', () => {
    const { actions, deps } = setup([]);
    actions.remember({ ...store('s1', '/bad'), state: 'error' });
    actions.remember({ ...store('s2', 'https://mlflow.example'), kind: 'rest' });
    actions.remember(store('s3', '/data/mlruns'));
    expect(deps.recents.add.mock.calls.map((c) => (c as unknown[])[0])).toEqual([
      'https://mlflow.example',
      '/data/mlruns',
    ]);
    expect(deps.addRecentDocument.mock.calls).toEqual([['/data/mlruns']]);
  });
});
