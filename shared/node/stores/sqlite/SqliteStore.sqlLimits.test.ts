/**
 * Searches past SQLite's limits (expression depth, 64 tables per join, ORDER BY terms) are declined by
 * the store instead of failing with SQLite's error, and the service then answers them in memory exactly
 * as the FileStore does (the shared in-memory search over the same runs). On the real fixture databases,
 * opened read-only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  parseRunQuery,
  searchRuns as searchRunsInMemory,
  type RunSearchRequest,
} from '../../../common/search/runs';
import { InspectorService } from '../../service/InspectorService';
import { fixtureDb } from '../../../../test/support/sqlite';
import { SqliteStore } from './SqliteStore';

const VERSIONS = ['mlflow-3.1.2.dev0', 'mlflow-2.12.2.dev0'] as const;

const ORS = Array.from({ length: 999 }, (_, i) => `metrics.loss > ${(i / 1000).toFixed(3)}`);
const CASES: [string, RunSearchRequest][] = [
  ['999 OR terms', { filter: ORS.join(' OR '), maxResults: 1000 }],
  [
    '70 metric order-by keys',
    {
      orderBy: [
        'metrics.loss DESC',
        ...Array.from({ length: 69 }, (_, i) => `metrics.missing_${i} ASC`),
      ],
      maxResults: 1000,
    },
  ],
  [
    '1,000 order-by terms',
    {
      orderBy: Array.from({ length: 1000 }, (_, i) => (i % 2 ? 'start_time DESC' : 'run_name')),
      maxResults: 7,
    },
  ],
];

describe.each(VERSIONS)('SqliteStore past SQLite limits (%s)', (version) => {
  const path = fixtureDb(version);
  const store = new SqliteStore(path);
  const service = new InspectorService({ createStore: async () => store });
  let storeId = '';
  let ids: string[] = [];
  beforeAll(async () => {
    const opened = await service.openStore({ location: path });
    if (!opened.ok) throw new Error(opened.error.message);
    storeId = opened.value.storeId;
    ids = (await store.listExperiments()).map((e) => e.experimentId);
  });
  afterAll(() => service.dispose());

  it.each(CASES)('declines %s; the service answers it in memory', async (_name, query) => {
    await expect(store.searchRuns(ids, parseRunQuery(query))).resolves.toBeUndefined();
    const active = (await store.listRuns(ids)).filter((r) => r.info.lifecycleStage === 'active');
    const expected = searchRunsInMemory(active, query);
    const got = await service.searchRuns({ storeId, experimentIds: ids, ...query });
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.runs.map((r) => r.info.runId)).toEqual(expected.runs.map((r) => r.info.runId));
    expect(got.value.nextPageToken).toEqual(expected.nextPageToken);
    expect(got.value.runs.length).toBeGreaterThan(0);
  });

  it('declines to count 999 OR terms in SQL (the service counts in memory)', async () => {
    const count = (filter: string) => store.countRuns(ids, parseRunQuery({ filter }));
    await expect(count(ORS.join(' OR '))).resolves.toBeUndefined();
    const small = await count(ORS.slice(0, 20).join(' OR '));
    expect(small?.total).toBeGreaterThan(0);
  });
});
