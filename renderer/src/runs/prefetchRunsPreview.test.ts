import { describe, expect, it } from 'vitest';
import type { RequestOf, RunlensApi } from '../../../shared/common/contract';
import { experimentsRequest } from '../../../shared/common/firstScreen';
import { apiQueryKey, createQueryClient } from '../api/queries';
import { prefetchRunsPreview } from './prefetchRunsPreview';
import { PAGE_SIZE } from './useRunPages';

/** A host that records the searchRuns calls and answers an empty page. */
function recordingApi() {
  const asked: RequestOf<'searchRuns'>[] = [];
  const api = {
    searchRuns: (request: RequestOf<'searchRuns'>) => {
      asked.push(request);
      return Promise.resolve({ runs: [], fromCache: true });
    },
  } as unknown as RunlensApi;
  return { api, asked };
}

/** A query client holding the answers a launched page carries (bootData). */
function launchedClient(kind: 'file' | 'sqlite' = 'file', stage = 'active') {
  const client = createQueryClient();
  client.setQueryData(apiQueryKey('listStores', {}), [{ storeId: 's1', kind }]);
  client.setQueryData(apiQueryKey('searchExperiments', experimentsRequest('s1')), {
    experiments: [{ experimentId: '7', lifecycleStage: stage }],
  });
  return client;
}

/** The preview key the runs view asks for (useRunPages), written out. */
const previewKey = (over: Partial<RequestOf<'searchRuns'>> = {}) =>
  apiQueryKey('searchRuns', {
    storeId: 's1',
    experimentIds: ['7'],
    filter: '',
    orderBy: [],
    viewType: 'ACTIVE_ONLY',
    maxResults: PAGE_SIZE,
    freshness: 'cached-ok',
    ...over,
  });

describe('prefetchRunsPreview', () => {
  it('asks for the first page’s preview under the key the runs view asks for', async () => {
    const client = launchedClient();
    const { api, asked } = recordingApi();
    prefetchRunsPreview(client, api, { pathname: '/runs', search: { e: ['s1:7'] } });
    expect(asked).toHaveLength(1);
    await client.getQueryCache().find({ queryKey: previewKey() })?.promise;
    expect(client.getQueryData(previewKey())).toEqual({ runs: [], fromCache: true });
  });

  it('follows the URL’s filter and sort, and a deleted experiment’s view', () => {
    const client = launchedClient('file', 'deleted');
    const { api } = recordingApi();
    prefetchRunsPreview(client, api, {
      pathname: '/runs',
      search: { e: ['s1:7'], filter: 'metrics.a > 1', sort: 'm:a:desc' },
    });
    const key = previewKey({
      filter: 'metrics.a > 1',
      orderBy: ['metrics.a DESC'],
      viewType: 'ALL',
    });
    expect(client.getQueryCache().find({ queryKey: key, exact: true })).toBeDefined();
  });

  it('asks nothing for another route, nor of a store that answers no preview', () => {
    for (const [client, location] of [
      [launchedClient(), { pathname: '/', search: {} }],
      [launchedClient('sqlite'), { pathname: '/runs', search: { e: ['s1:7'] } }],
    ] as const) {
      const { api, asked } = recordingApi();
      prefetchRunsPreview(client, api, location);
      expect(asked).toEqual([]);
    }
  });
});
