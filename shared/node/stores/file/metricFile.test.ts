import { describe, expect, it } from 'vitest';
import { badLinesMessage, parseMetricFile, parseMetricValue } from './metricFile';

describe('parseMetricValue', () => {
  it.each([
    ['0.5', 0.5],
    ['-1e-3', -0.001],
    ['2.', 2],
    ['.5', 0.5],
    ['inf', Infinity],
    ['Infinity', Infinity],
    ['+INF', Infinity],
    ['-inf', -Infinity],
    ['-Infinity', -Infinity],
  ])('%s → %s', (text, value) => {
    expect(parseMetricValue(text)).toBe(value);
  });

  it.each(['nan', 'NaN', 'NAN'])('%s → NaN', (text) => {
    expect(parseMetricValue(text)).toBeNaN();
  });

  it.each(['', 'abc', '1,5', '0x10', '1.2.3'])('rejects %j', (text) => {
    expect(parseMetricValue(text)).toBeUndefined();
  });
});

describe('parseMetricFile', () => {
  it('reads 3-column lines in file order', () => {
    const { points, badLines } = parseMetricFile(
      '1717200000000 0.5 0\n1717200001000 nan 1\n1717200000500 0.7 0\n',
      'loss',
    );
    expect(badLines).toEqual([]);
    expect(points.map((p) => [p.timestamp, p.step])).toEqual([
      [1717200000000, 0],
      [1717200001000, 1],
      [1717200000500, 0],
    ]);
    expect(points[1]?.value).toBeNaN();
    expect(points[0]).toMatchObject({ key: 'loss', runId: null });
  });

  it('refuses a step outside int64, which MLflow cannot have written (fuzz counterexample)', () => {
    const { points, badLines } = parseMetricFile(
      '17172060000000 0.5 99999999999999999999999\n1 2 -9223372036854775809\n' +
        '1 2 9223372036854775807\n1 2 -9223372036854775808\n1 2 +0000000000000000000000007\n',
      'score',
    );
    expect(badLines).toEqual([1, 2]);
    expect(points.map((p) => p.step)).toEqual([2 ** 63, -(2 ** 63), 7]);
  });

  it('reads pre-1.0 2-column lines: step 0, seconds turned into milliseconds', () => {
    const { points } = parseMetricFile('1530055077 0.25\n1530055078.5 0.5\n', 'acc');
    expect(points.map((p) => [p.timestamp, p.value, p.step])).toEqual([
      [1530055077000, 0.25, 0],
      [1530055078500, 0.5, 0],
    ]);
  });

  it('keeps a 2-column timestamp that is already in milliseconds', () => {
    expect(parseMetricFile('1530055077000 1\n', 'x').points[0]?.timestamp).toBe(1530055077000);
  });

  it('reads the run id (and dataset columns) of 3.x LoggedModel lines', () => {
    const { points } = parseMetricFile(
      '1717204410000 0.9369 0 ddd5a94f177a4c9b83897db38175f87f\n1 2 3 run iris 8f9eb48c\n',
      'auc',
    );
    expect(points[0]).toMatchObject({
      timestamp: 1717204410000,
      value: 0.9369,
      step: 0,
      runId: 'ddd5a94f177a4c9b83897db38175f87f',
      datasetName: null,
    });
    expect(points[1]).toMatchObject({
      runId: 'run',
      datasetName: 'iris',
      datasetDigest: '8f9eb48c',
    });
  });

  it('accepts CRLF line ends and blank lines, and reports garbage lines by number', () => {
    const text = '1 0.5 0\r\n\r\ngarbage\r\n2 x 1\r\n3 0.7 2.5\r\n4 0.8 3\r\n';
    const { points, badLines } = parseMetricFile(text, 'k');
    expect(points.map((p) => p.value)).toEqual([0.5, 0.8]);
    expect(badLines).toEqual([3, 4, 5]);
  });

  it('gives no points for an empty file', () => {
    expect(parseMetricFile('', 'k')).toEqual({ points: [], badLines: [] });
  });
});

describe('badLinesMessage', () => {
  it('names the file and the first line numbers', () => {
    expect(badLinesMessage('/s/m/loss', [3])).toBe(
      'Skipped unreadable line 3 of metric file /s/m/loss (expected "<timestamp> <value> <step>")',
    );
    expect(badLinesMessage('/s/m/loss', [1, 2, 3, 4, 5, 6, 7])).toContain(
      'lines 1, 2, 3, 4, 5 and 2 more',
    );
  });
});
