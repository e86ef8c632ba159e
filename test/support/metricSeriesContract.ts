/**
 * One property suite for every store that has a fast `getMetricSeries`: its answer must equal the
 * series of its own `getMetricHistory` (seriesOfHistory) — on generated histories (seriesTestData.ts),
 * for an unknown key and an unknown run, and on every metric of both real fixtures. Each store's test
 * file builds the generated store its own way and calls this. Only tests import this file.
 */
import { expect, it } from 'vitest';
import { seriesOfHistory } from '../../shared/common/metricSeries';
import { GEN_SIZES, SERIES_REQUESTS } from './seriesTestData';
import { FIXTURE_VERSIONS, type FixtureVersion } from './sqlite';
import type { TrackingStore } from '../../shared/node/stores/TrackingStore';

type SeriesStore = TrackingStore & Required<Pick<TrackingStore, 'getMetricSeries'>>;

export interface MetricSeriesContractOptions {
  /** A store whose run `runId` holds metric `gen<i>` = genHistory(i + 1, GEN_SIZES[i]). */
  generated: () => SeriesStore;
  runId: string;
  /** A run id that is not in the generated store. */
  unknownRunId: string;
  fixture: (version: FixtureVersion) => SeriesStore;
}

async function withStore<T>(
  store: SeriesStore,
  use: (store: SeriesStore) => Promise<T>,
): Promise<T> {
  await store.open();
  try {
    return await use(store);
  } finally {
    await store.close();
  }
}

export function metricSeriesContract(o: MetricSeriesContractOptions): void {
  it.each(GEN_SIZES.map((n, i) => [`gen${i}`, n]))('%s (%i points)', (key) =>
    withStore(o.generated(), async (store) => {
      for (const req of SERIES_REQUESTS) {
        expect(await store.getMetricSeries(o.runId, String(key), req)).toEqual(
          seriesOfHistory(String(key), await store.getMetricHistory(o.runId, String(key)), req),
        );
      }
    }),
  );

  it('for an unknown key (empty series) and an unknown run (NOT_FOUND)', () =>
    withStore(o.generated(), async (store) => {
      expect(await store.getMetricSeries(o.runId, 'nope', { buckets: 10 })).toEqual(
        seriesOfHistory('nope', [], { buckets: 10 }),
      );
      await expect(
        store.getMetricSeries(o.unknownRunId, 'x', { buckets: 10 }),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }));

  it.each(FIXTURE_VERSIONS)('every metric of every run of the %s fixture', (version) =>
    withStore(o.fixture(version), async (store) => {
      const experiments = await store.listExperiments();
      const runs = await store.listRuns(experiments.map((e) => e.experimentId));
      let checked = 0;
      for (const run of runs) {
        for (const key of Object.keys(run.data.metrics)) {
          const history = await store.getMetricHistory(run.info.runId, key);
          for (const req of SERIES_REQUESTS) {
            expect(await store.getMetricSeries(run.info.runId, key, req)).toEqual(
              seriesOfHistory(key, history, req),
            );
          }
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(0);
    }),
  );
}
