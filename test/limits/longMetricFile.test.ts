/**
 * Limits (issue 11, part 2, item 5): a long FileStore metric file streams through the chart's bucketing
 * in bounded memory. 2,000,000 lines here (the unit suite's size; `npm run bench` case X has 10,000,000):
 * the process grows by far less than the whole-file read did (~60 MB per million lines, ~690 MB for ten
 * million), a single spike is still drawn, a narrow zoom comes back at full resolution, and the answer
 * equals the whole-file path's on the same file. Growth is the peak RSS sampled while the call runs (and
 * the process's max RSS if it rose) minus the RSS before: a bound that can only overstate.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricSeries } from '../../shared/common/contract';
import type { Result } from '../../shared/common/errors';
import { seriesOfColumns, type SeriesRequest } from '../../shared/common/metricSeries';
import { InspectorService } from '../../shared/node/service/InspectorService';
import { inHistoryOrder, parseMetricColumns } from '../../shared/node/stores/file/metricColumns';
import {
  experimentMeta,
  makeTempDir,
  removeDir,
  runMeta,
  writeTree,
} from '../support/fileStoreTrees';

const LINES = 2_000_000;
const SPIKE_LINE = 1_234_567;
const NAN_LINE = 345_678;
/** MB the process may grow by while bucketing the file (the whole-file read grew it by ~120 MB). */
const MAX_GROWTH_MB = 40;
const RUN = 'c'.repeat(32);

function value<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A smooth, slightly noisy loss with one spike, one NaN and a duplicated step every 100,000 lines. */
function writeLongMetric(path: string): void {
  const fd = openSync(path, 'w');
  try {
    let chunk: string[] = [];
    for (let i = 0; i < LINES; i++) {
      const step = i % 100_000 === 99_999 ? i - 1 : i;
      const v =
        i === SPIKE_LINE
          ? '1000'
          : i === NAN_LINE
            ? 'nan'
            : (1 / (1 + i / 1e5) + ((i * 7919) % 101) / 1e4).toFixed(6);
      chunk.push(`${1717200000000 + i * 10} ${v} ${step}\n`);
      if (chunk.length === 50_000) {
        writeSync(fd, chunk.join(''));
        chunk = [];
      }
    }
    writeSync(fd, chunk.join(''));
  } finally {
    closeSync(fd);
  }
}

/** Runs `task` and returns its result with how many MB the process grew by meanwhile. */
async function withGrowth<T>(task: () => Promise<T>): Promise<{ result: T; growthMb: number }> {
  const before = process.memoryUsage().rss;
  const maxBefore = process.resourceUsage().maxRSS * 1024;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  try {
    const result = await task();
    peak = Math.max(peak, process.memoryUsage().rss);
    const maxAfter = process.resourceUsage().maxRSS * 1024;
    if (maxAfter > maxBefore) peak = Math.max(peak, maxAfter);
    return { result, growthMb: (peak - before) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

describe(`a ${LINES.toLocaleString('en')}-line metric file through the chart series`, () => {
  const root = makeTempDir();
  const metricPath = join(root, '1', RUN, 'metrics', 'loss');
  const service = new InspectorService();
  let storeId = '';
  const series = (req: SeriesRequest): Promise<MetricSeries> =>
    service.getMetricSeries({ storeId, runId: RUN, key: 'loss', ...req }).then((r) => value(r));

  beforeAll(async () => {
    writeTree(root, {
      '1/meta.yaml': experimentMeta('1', 'long'),
      [`1/${RUN}/meta.yaml`]: runMeta(RUN, '1'),
      [`1/${RUN}/metrics/loss`]: '',
    });
    writeLongMetric(metricPath);
    storeId = value(await service.openStore({ location: root })).storeId;
  }, 120_000);
  afterAll(async () => {
    await service.closeStore({ storeId });
    removeDir(root);
  });

  it('is bucketed within the memory bound, the spike and the NaN kept', async () => {
    const started = performance.now();
    const { result, growthMb } = await withGrowth(() => series({ buckets: 1000 }));
    const ms = performance.now() - started;
    console.log(
      `${LINES} lines → ${result.points.length} points in ${ms.toFixed(0)} ms, +${growthMb.toFixed(1)} MB RSS`,
    );
    expect(growthMb).toBeLessThanOrEqual(MAX_GROWTH_MB);
    expect(result).toMatchObject({
      totalPoints: LINES,
      sampled: true,
      nonFinite: { nan: 1, posInf: 0, negInf: 0 },
    });
    expect(result.points.length).toBeLessThanOrEqual(1000 * 4 + 1000);
    expect(result.points.filter((p) => p.value === 1000)).toEqual([
      { key: 'loss', value: 1000, timestamp: 1717200000000 + SPIKE_LINE * 10, step: SPIKE_LINE },
    ]);
    expect(result.points.some((p) => Number.isNaN(p.value) && p.step === NAN_LINE)).toBe(true);
  }, 120_000);

  it('answers a narrow zoom at full resolution, within the same bound', async () => {
    const req = { buckets: 500, minStep: SPIKE_LINE - 400, maxStep: SPIKE_LINE + 400 };
    const { result, growthMb } = await withGrowth(() => series(req));
    expect(growthMb).toBeLessThanOrEqual(MAX_GROWTH_MB);
    expect(result).toMatchObject({ totalPoints: 801, sampled: false });
    expect(result.points.map((p) => p.step)).toEqual(
      Array.from({ length: 801 }, (_v, i) => SPIKE_LINE - 400 + i),
    );
  }, 120_000);

  it('equals the whole-file series of the same file', async () => {
    const cols = inHistoryOrder(parseMetricColumns(readFileSync(metricPath), 'loss').cols);
    for (const req of [{ buckets: 1000 }, { buckets: 300, minStep: 999_000 }]) {
      expect(await series(req)).toEqual(seriesOfColumns('loss', cols, req));
    }
  }, 120_000);
});
