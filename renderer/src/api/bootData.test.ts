import { describe, expect, it } from 'vitest';
import { BOOT_DATA_ELEMENT_ID } from '../../../shared/common/firstScreen';
import { toWireJson } from '../../../shared/common/wire';
import { dropTokenFromAddress, seedBootData } from './bootData';
import { apiQueryKey, createQueryClient } from './queries';

function pageWith(text: string | undefined) {
  const state = { removed: false };
  const element = { textContent: text ?? null, remove: () => void (state.removed = true) };
  const doc = {
    getElementById: (id: string) =>
      id === BOOT_DATA_ELEMENT_ID && text !== undefined ? element : null,
  };
  return { doc, state };
}

describe('seedBootData', () => {
  it('puts each embedded answer in the cache under the key a screen asks for, then drops the block', () => {
    const client = createQueryClient();
    const request = { storeId: 's1', viewType: 'ALL', maxResults: 50_000 };
    const { doc, state } = pageWith(
      toWireJson([
        { method: 'listStores', request: {}, value: [{ storeId: 's1' }] },
        { method: 'searchExperiments', request, value: { experiments: [], score: NaN } },
      ]),
    );
    expect(seedBootData(client, doc)).toBe(2);
    expect(state.removed).toBe(true);
    expect(client.getQueryData(apiQueryKey('listStores', {}))).toEqual([{ storeId: 's1' }]);
    // Keys hash by value, whatever the property order; wire JSON brings NaN back.
    const experiments = client.getQueryData(
      apiQueryKey('searchExperiments', { maxResults: 50_000, viewType: 'ALL', storeId: 's1' }),
    ) as { score: number };
    expect(experiments.score).toBeNaN();
  });

  it('ignores a page without answers, a damaged block and entries that are not answers', () => {
    const client = createQueryClient();
    expect(seedBootData(client, pageWith(undefined).doc)).toBe(0);
    expect(seedBootData(client, pageWith('{not json').doc)).toBe(0);
    expect(seedBootData(client, pageWith('{"method":"listStores"}').doc)).toBe(0);
    const mixed = toWireJson([
      { method: 'deleteEverything', request: {}, value: 1 },
      { method: 'listStores', value: [] },
      { method: 'listConnections', request: {} },
      { method: 'listConnections', request: {}, value: [] },
    ]);
    expect(seedBootData(client, pageWith(mixed).doc)).toBe(1);
    expect(
      client
        .getQueryCache()
        .getAll()
        .map((q) => q.queryKey[0]),
    ).toEqual(['listConnections']);
  });
});

describe('dropTokenFromAddress', () => {
  function fakeWindow(href: string) {
    const replaced: string[] = [];
    const win = {
      location: { href } as Location,
      history: {
        state: { k: 1 },
        replaceState: (_s: unknown, _t: string, url: string) => void replaced.push(url),
      } as unknown as History,
    };
    return { win, replaced };
  }

  it('keeps the path, other parameters and the screen (hash) and drops only the token', () => {
    const { win, replaced } = fakeWindow('http://127.0.0.1:5/?token=abc&x=1#/runs?e=s1%3A0');
    dropTokenFromAddress(win);
    expect(replaced).toEqual(['/?x=1#/runs?e=s1%3A0']);
  });

  it('leaves an address without a token alone', () => {
    const { win, replaced } = fakeWindow('http://127.0.0.1:5/#/runs');
    dropTokenFromAddress(win);
    expect(replaced).toEqual([]);
  });
});
