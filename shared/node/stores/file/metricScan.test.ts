/**
 * scanMetricBytes (the listing's one-pass summary, over a file's UTF-8 bytes) must agree with parseMetricFile + latestPoint (the
 * definition) on every line shape: the fast path and the slow path are checked against it.
 */
import { describe, expect, it } from 'vitest';
import { latestPoint } from '../../../common/metrics';
import { parseMetricFile } from './metricFile';
import { parseMetricColumns } from './metricColumns';
import { scanMetricBytes, summaryOfColumns } from './metricScan';

const scanMetricFile = (text: string, key: string) => scanMetricBytes(Buffer.from(text), key);

function reference(text: string): unknown {
  const { points, badLines } = parseMetricFile(text, 'k');
  const latest = latestPoint(points);
  const summary = latest && {
    key: 'k',
    value: latest.value,
    timestamp: latest.timestamp,
    step: latest.step,
  };
  return { summary, badLines };
}

const LINES = [
  '1717200000000 0.5 0',
  '1717200001000 0.25 1',
  '1717200001000 0.75 1',
  '1717200000500 nan 2',
  '1717200000600 -inf 2',
  '1717200000600 Infinity 2',
  '1717200000000 1e-3 -1',
  '1717200000000 +.5 +3',
  '1717200000000 5. 3',
  '1717200000000.5 0.1 3',
  '1717200000000 0.1 3 run-id ds digest',
  '17172000 0.9',
  '  1717200000000   0.5   4  ',
  '1717200000000\t0.5\t4',
  '1717200000000 0.5 1-2',
  '1717200000000 1.2.3 1',
  '1717200000000 0x10 1',
  '1717200000000 0.5 ',
  '1717200000000  0.5 5',
  '9999999999999999 0.5 5',
  'garbage',
  '\u0000\u0000',
  '',
  '   ',
  '1717200000000 0.5 99999999999999999999',
  '1717200000000 0.5 1\u00a0',
  '1717200000000 -.5 1',
  '1717200000000 -0 1',
  '1717200000000 007.50 1',
  '1717200000000 0.1234567890123456 1',
  '1717200000000 123456789012345.6 1',
  '1717200000000 - 1',
  '1717200000000 -- 1',
  '1717200000000 1..2 1',
  '1717200000000 .5e3 1',
  '1717200000000 . 1',
];

describe('scanMetricBytes', () => {
  it.each(LINES.map((l) => [l]))('one line %j', (line) => {
    expect(scanMetricFile(`${line}\n`, 'k')).toEqual(reference(`${line}\n`));
  });

  it('agrees on random files of those lines, with LF, CRLF and no final newline', () => {
    let seed = 7;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let i = 0; i < 300; i++) {
      const lines = Array.from({ length: 1 + rand(12) }, () => LINES[rand(LINES.length)] as string);
      const eol = rand(2) ? '\n' : '\r\n';
      const text = lines.join(eol) + (rand(2) ? eol : '');
      expect(scanMetricFile(text, 'k'), JSON.stringify(text)).toEqual(reference(text));
    }
  });

  it('reads random decimal values exactly as Number() does', () => {
    let seed = 11;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let i = 0; i < 5000; i++) {
      const digits = Array.from({ length: 1 + rand(18) }, () => String(rand(10))).join('');
      const dot = rand(digits.length + 2) - 1;
      const body = dot < 0 ? digits : `${digits.slice(0, dot)}.${digits.slice(dot)}`;
      const text = `${rand(2) ? '-' : ''}${body}`;
      const scanned = scanMetricFile(`1717200000000 ${text} 3\n`, 'k').summary?.value;
      expect(scanned, text).toBe(Number(text));
    }
  });

  it('an empty file has no summary', () => {
    expect(scanMetricFile('', 'k')).toEqual({ summary: undefined, badLines: [] });
  });
});

describe('summaryOfColumns', () => {
  it("gives scanMetricBytes' summary from the parsed columns (a kept history)", () => {
    let seed = 13;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    for (let i = 0; i < 300; i++) {
      const lines = Array.from({ length: rand(14) }, () => LINES[rand(LINES.length)] as string);
      const bytes = Buffer.from(lines.join('\n'));
      expect(summaryOfColumns(parseMetricColumns(bytes, 'k'), 'k'), lines.join('|')).toEqual(
        scanMetricBytes(bytes, 'k'),
      );
    }
  });
});
