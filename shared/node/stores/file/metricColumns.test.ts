import { afterAll, describe, expect, it } from 'vitest';
import { fixtureDir } from '../../../../test/support/sqlite';
import { metricSeriesContract } from '../../../../test/support/metricSeriesContract';
import { GEN_SIZES, genHistory, type GenPoint } from '../../../../test/support/seriesTestData';
import { FileStore } from './FileStore';
import { inHistoryOrder, parseMetricColumns } from './metricColumns';
import { parseMetricFile } from './metricFile';
import {
  experimentMeta,
  makeTempDir,
  removeDir,
  runMeta,
  writeTree,
} from '../../../../test/support/fileStoreTrees';

function columnsAsPoints(text: string): {
  points: { timestamp: number; value: number; step: number }[];
  badLines: number[];
} {
  const { cols, badLines } = parseMetricColumns(Buffer.from(text, 'utf8'), 'k');
  const points = Array.from({ length: cols.length }, (_v, i) => ({
    timestamp: cols.timestamp[i] as number,
    value: cols.value[i] as number,
    step: cols.step[i] as number,
  }));
  return { points, badLines };
}

function parsedAsPoints(text: string): {
  points: { timestamp: number; value: number; step: number }[];
  badLines: number[];
} {
  const { points, badLines } = parseMetricFile(text, 'k');
  return {
    points: points.map((p) => ({ timestamp: p.timestamp, value: p.value, step: p.step })),
    badLines,
  };
}

describe('parseMetricColumns', () => {
  it.each([
    ['plain', '1717200000000 0.5 0\n1717200001000 0.25 1\n'],
    ['CRLF and a lone CR', '1717200000000 0.5 0\r\n1717200001000 -0.25 1\r\n1 2 3\r'],
    [
      'nan / inf in any case',
      '1 nan 0\n2 NaN 1\n3 INF 2\n4 -inf 3\n5 -Infinity 4\n6 +inf 5\n7 -nan 6\n',
    ],
    ['legacy seconds', '1717200000 0.5\n1717200001.5 0.7\n171720000000000 1\n'],
    ['LoggedModel columns', '1 0.5 0 run1\n2 0.6 1 run1 ds digest\n3 0.7 2 a b c d\n'],
    ['garbage', 'x\n1 2\n\n   \n1 two 3\n1 2 3.5\n1 2 -3\n1 2 +3\n\t\n1,5 2 3\n'],
    ['spacing', ' 1 2 3\n1  2 3\n1\t2\t3\n1 2 3 \n'],
    [
      'numbers',
      '1 1e5 0\n1 -.5 1\n1 2. 2\n1 -0 3\n1 1.2.3 4\n1 1234567890123456 5\n12345678901234567 1 6\n1 0.1234567890123456789 7\n1e3 1 8\n',
    ],
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
  const value = Number.isNaN(p.value)
    ? 'nan'
    : p.value === Infinity
      ? 'inf'
      : p.value === -Infinity
        ? '-inf'
        : String(p.value);
  return `${p.timestamp} ${value} ${p.step}${i % 11 === 3 ? '\r' : ''}\n`;
};

describe('FileStore.getMetricSeries equals the series of getMetricHistory', () => {
  const root = makeTempDir();
  afterAll(() => removeDir(root));
  const runId = 'a'.repeat(32);
  const tree: Record<string, string> = {
    '1/meta.yaml': experimentMeta('1', 'e'),
    [`1/${runId}/meta.yaml`]: runMeta(runId, '1'),
  };
  GEN_SIZES.forEach((n, i) => {
    const text =
      genHistory(i + 1, n)
        .map(line)
        .join('') + (i === 3 ? 'garbage line\n' : '');
    tree[`1/${runId}/metrics/gen${i}`] = text;
  });
  writeTree(root, tree);

  metricSeriesContract({
    generated: () => new FileStore(root),
    runId,
    unknownRunId: 'b'.repeat(32),
    fixture: (version) => new FileStore(`${fixtureDir(version)}/mlruns`),
  });
});
