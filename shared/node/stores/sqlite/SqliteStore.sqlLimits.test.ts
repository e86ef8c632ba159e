/**
 * Searches past SQLite's limits (expression depth, 64 tables per join, ORDER BY terms) are answered,
 * in memory, exactly as the FileStore answers them (the shared in-memory search over the same runs),
 * instead of failing with SQLite's error. On the real fixture databases, opened read-only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchRuns as searchRunsInMemory } from '../../../common/search/runs';
import type { RunSearchRequest } from '../TrackingStore';
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
  const store = new SqliteStore(fixtureDb(version));
  let ids: string[] = [];
  beforeAll(async () => {
    await store.open();
    ids = (await store.listExperiments()).map((e) => e.experimentId);
  });
  afterAll(() => store.close());

  it.each(CASES)('answers %s like the in-memory search', async (_name, query) => {
    const active = (await store.listRuns(ids)).filter((r) => r.info.lifecycleStage === 'active');
    const expected = searchRunsInMemory(active, query);
    const got = await store.searchRuns(ids, query);
    expect(got.runs.map((r) => r.info.runId)).toEqual(expected.runs.map((r) => r.info.runId));
    expect(got.nextPageToken).toEqual(expected.nextPageToken);
    expect(got.runs.length).toBeGreaterThan(0);
  });

  it('declines to count 999 OR terms in SQL (the service counts in memory)', async () => {
    await expect(store.countRuns(ids, { filter: ORS.join(' OR ') })).resolves.toBeUndefined();
    const small = await store.countRuns(ids, { filter: ORS.slice(0, 20).join(' OR ') });
    expect(small?.total).toBeGreaterThan(0);
  });
});
