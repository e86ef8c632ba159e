import { afterAll, describe, expect, it } from 'vitest';
import { seriesOfHistory } from '../../../common/metricSeries';
import { FIXTURE_VERSIONS, fixtureDir } from '../sqlite/testSupport';
import { GEN_SIZES, genHistory, SERIES_REQUESTS, type GenPoint } from '../seriesTestData';
import { FileStore } from './FileStore';
import { inHistoryOrder, parseMetricColumns } from './metricColumns';
import { parseMetricFile } from './metricFile';
import { experimentMeta, makeTempDir, removeDir, runMeta, writeTree } from './testTrees';

function columnsAsPoints(text: string): { points: { timestamp: number; value: number; step: number }[]; badLines: number[] } {
  const { cols, badLines } = parseMetricColumns(Buffer.from(text, 'utf8'), 'k');
  const points = Array.from({ length: cols.length }, (_v, i) => ({ timestamp: cols.timestamp[i] as number, value: cols.value[i] as number, step: cols.step[i] as number }));
  return { points, badLines };
}

function parsedAsPoints(text: string): { points: { timestamp: number; value: number; step: number }[]; badLines: number[] } {
  const { points, badLines } = parseMetricFile(text, 'k');
  return { points: points.map((p) => ({ timestamp: p.timestamp, value: p.value, step: p.step })), badLines };
}

describe('parseMetricColumns', () => {
  it.each([
    ['plain', '1717200000000 0.5 0\n1717200001000 0.25 1\n'],
    ['CRLF and a lone CR', '1717200000000 0.5 0\r\n1717200001000 -0.25 1\r\n1 2 3\r'],
    ['nan / inf in any case', '1 nan 0\n2 NaN 1\n3 INF 2\n4 -inf 3\n5 -Infinity 4\n6 +inf 5\n7 -nan 6\n'],
    ['legacy seconds', '1717200000 0.5\n1717200001.5 0.7\n171720000000000 1\n'],
    ['LoggedModel columns', '1 0.5 0 run1\n2 0.6 1 run1 ds digest\n3 0.7 2 a b c d\n'],
    ['garbage', 'x\n1 2\n\n   \n1 two 3\n1 2 3.5\n1 2 -3\n1 2 +3\n\t\n1,5 2 3\n'],
    ['spacing', ' 1 2 3\n1  2 3\n1\t2\t3\n1 2 3 \n'],
    ['numbers', '1 1e5 0\n1 -.5 1\n1 2. 2\n1 -0 3\n1 1.2.3 4\n1 1234567890123456 5\n12345678901234567 1 6\n1 0.1234567890123456789 7\n1e3 1 8\n'],
    ['unicode', '\ufeff1 2 3\n1 2 3\u00a0\n\u00a0\n1 é 3\n'],
    ['empty', ''],
  ])('%s: the same points and bad lines as parseMetricFile', (_name, text) => {
    expect(columnsAsPoints(text)).toEqual(parsedAsPoints(text));
  });

  it('orders by (step, timestamp), file order kept for ties', () => {
    const { cols } = parseMetricColumns(Buffer.from('5 1 2\n4 2 1\n3 3 2\n9 4 1\n4 5 1\n'), 'k');
    const sorted = inHistoryOrder(cols);
    expect([...sorted.value]).toEqual([2, 5, 4, 3, 1]);
  });
});

const line = (p: GenPoint, i: number): string => {
  const value = Number.isNaN(p.value) ? 'nan' : p.value === Infinity ? 'inf' : p.value === -Infinity ? '-inf' : String(p.value);
  return `${p.timestamp} ${value} ${p.step}${i % 11 === 3 ? '\r' : ''}\n`;
};

describe('FileStore.getMetricSeries equals the series of getMetricHistory', () => {
  const root = makeTempDir();
  afterAll(() => removeDir(root));
  const runId = 'a'.repeat(32);
  const tree: Record<string, string> = { '1/meta.yaml': experimentMeta('1', 'e'), [`1/${runId}/meta.yaml`]: runMeta(runId, '1') };
  GEN_SIZES.forEach((n, i) => {
    const text = genHistory(i + 1, n).map(line).join('') + (i === 3 ? 'garbage line\n' : '');
    tree[`1/${runId}/metrics/gen${i}`] = text;
  });
  writeTree(root, tree);

  it.each(GEN_SIZES.map((n, i) => [`gen${i}`, n]))('%s (%i points)', async (key) => {
    const store = new FileStore(root);
    await store.open();
    for (const req of SERIES_REQUESTS) {
      expect(await store.getMetricSeries(runId, key, req)).toEqual(seriesOfHistory(key, await store.getMetricHistory(runId, key), req));
    }
    await store.close();
  });

  it('for an unknown key (empty series) and an unknown run (NOT_FOUND)', async () => {
    const store = new FileStore(root);
    await store.open();
    expect(await store.getMetricSeries(runId, 'nope', { buckets: 10 })).toEqual(seriesOfHistory('nope', [], { buckets: 10 }));
    await expect(store.getMetricSeries('b'.repeat(32), 'x', { buckets: 10 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await store.close();
  });

  it.each(FIXTURE_VERSIONS)('every metric of every run of the %s fixture', async (version) => {
    const store = new FileStore(`${fixtureDir(version)}/mlruns`);
    await store.open();
    const experiments = await store.listExperiments();
    const runs = await store.listRuns(experiments.map((e) => e.experimentId));
    let checked = 0;
    for (const run of runs) {
      for (const key of Object.keys(run.data.metrics)) {
        const history = await store.getMetricHistory(run.info.runId, key);
        for (const req of SERIES_REQUESTS) {
          expect(await store.getMetricSeries(run.info.runId, key, req)).toEqual(seriesOfHistory(key, history, req));
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    await store.close();
  });
});
