/**
 * The streamed chart series (metricStream.ts) against the whole-file one it replaces (parseMetricColumns
 * → inHistoryOrder → seriesOfColumns): on random files with what real and damaged files hold (NaN, ±inf
 * in every spelling, -0, duplicate and unsorted steps, equal timestamps, legacy 2-column and LoggedModel
 * lines, garbage, blank lines, CRLF, no final break), read in random chunk sizes so lines straddle
 * chunks, for random requests (sampled and whole, open and closed step ranges).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seriesOfColumns, type SeriesRequest } from '../../../common/metricSeries';
import { inHistoryOrder, parseMetricColumns } from './metricColumns';
import { badLinesMessage } from './metricFile';
import {
  bufferSource,
  seriesOfWholeFile,
  streamMetricPoints,
  streamMetricSeries,
} from './metricStream';

const wholeFileSeries = (bytes: Buffer, req: SeriesRequest) =>
  seriesOfColumns('k', inHistoryOrder(parseMetricColumns(bytes, 'k').cols), req);

const valueText = fc.oneof(
  fc.constantFrom('nan', 'NaN', '-nan', 'inf', '+inf', 'Infinity', '-inf', '-Infinity'),
  fc.constantFrom('0', '-0', '0.5', '-0.5', '1', '1e3', '2.5E-2', '.25', '1.', '1234567890123456'),
  fc.integer({ min: -4, max: 4 }).map(String),
  fc.double({ noNaN: true }).map(String),
);
const stepText = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -2, max: 12 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('-0', '+3', '007', '12345678901234567', '1.5', 'x') },
);
const tsText = fc.oneof(
  fc.integer({ min: 0, max: 3 }).map(String),
  fc.constantFrom('1717200000000', '1717200000', '1e3', '1e999', '12345678901234567'),
);
const line = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(tsText, valueText, stepText).map((cols) => cols.join(' ')) },
  { weight: 1, arbitrary: fc.tuple(tsText, valueText).map((cols) => cols.join(' ')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(tsText, valueText, stepText, fc.constantFrom('run1', 'r ds digest', 'a b c d'))
      .map((cols) => cols.join(' ')),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', '   ', '\t', ' 1  2 3', '1\t2\t3', '\u00a0', 'é 1 2'),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const file = fc
  .tuple(
    fc.array(fc.tuple(line, fc.constantFrom('\n', '\r\n')), { maxLength: 80 }),
    fc.constantFrom('', '\n', '\r', 'tail'),
  )
  .map(([lines, end]) => Buffer.from(lines.map(([l, br]) => l + br).join('') + end, 'utf8'));
const request: fc.Arbitrary<SeriesRequest> = fc.record(
  {
    buckets: fc.integer({ min: 1, max: 8 }),
    minStep: fc.integer({ min: -3, max: 8 }),
    maxStep: fc.integer({ min: 0, max: 13 }),
  },
  { requiredKeys: ['buckets'] },
);

const chunks = fc.integer({ min: 1, max: 40 });
/** Without: two passes whenever sampled. With: the first pass buckets with edges guessed from the ends. */
const peek = fc.option(fc.integer({ min: 1, max: 200 }), { nil: undefined });

describe('seriesOfWholeFile', () => {
  it('reads the file through its source, whatever size it was told, and gives the reference answer', async () => {
    await fc.assert(
      fc.asyncProperty(
        file,
        request,
        fc.integer({ min: -50, max: 50 }),
        async (bytes, req, off) => {
          const { series, lines } = await seriesOfWholeFile(
            bufferSource(bytes),
            'k',
            req,
            // A stale size (the file grew or shrank since its stat) still reads it all.
            Math.max(0, bytes.length + off),
          );
          expect(series).toEqual(wholeFileSeries(bytes, req));
          const { badLines } = parseMetricColumns(bytes, 'k');
          expect(lines.bytes).toBe(bytes.length);
          expect(badLinesMessage('p', lines.firstBadLines, lines.badLineCount)).toBe(
            badLinesMessage('p', badLines),
          );
        },
      ),
      { seed: 20_261_206, numRuns: 300 },
    );
  });

  it('stops with CANCELLED when the request is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      seriesOfWholeFile(
        bufferSource(Buffer.from('1 2 3\n')),
        'k',
        { buckets: 2 },
        6,
        controller.signal,
      ),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});

describe('streamMetricSeries', () => {
  it('gives the whole-file series exactly, whatever the chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(file, request, chunks, peek, async (bytes, req, chunk, peekBytes) => {
        const { series } = await streamMetricSeries(bufferSource(bytes), 'k', req, {
          chunkBytes: chunk,
          ...(peekBytes === undefined ? {} : { size: bytes.length, peekBytes }),
        });
        expect(series).toEqual(wholeFileSeries(bytes, req));
      }),
      { seed: 20_261_204, numRuns: 600 },
    );
  });

  it('reports the same bad lines as the whole-file parse', async () => {
    await fc.assert(
      fc.asyncProperty(file, fc.integer({ min: 1, max: 40 }), async (bytes, chunk) => {
        const { lines } = await streamMetricSeries(
          bufferSource(bytes),
          'k',
          { buckets: 2 },
          {
            chunkBytes: chunk,
          },
        );
        const { badLines } = parseMetricColumns(bytes, 'k');
        expect(lines.badLineCount).toBe(badLines.length);
        expect(badLinesMessage('p', lines.firstBadLines, lines.badLineCount)).toBe(
          badLinesMessage('p', badLines),
        );
        expect(lines.bytes).toBe(bytes.length);
      }),
      { seed: 20_261_205, numRuns: 200 },
    );
  });

  it('samples a long unsorted history with duplicate steps as the whole-file path does', async () => {
    // Steps logged backwards in blocks, each step twice, a NaN and a spike: two passes, 50 buckets.
    const rows: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const step = 19_999 - i - (i % 3);
      const value = i === 7_777 ? 'nan' : i === 12_345 ? '1000' : String(Math.sin(i) / 10);
      rows.push(`${1717200000000 + (i % 5)} ${value} ${step}`);
    }
    const bytes = Buffer.from(rows.join('\n'));
    for (const req of [
      { buckets: 50 },
      { buckets: 50, minStep: 100 },
      { buckets: 7, maxStep: 9 },
    ]) {
      const { series } = await streamMetricSeries(bufferSource(bytes), 'k', req, {
        chunkBytes: 4096,
      });
      expect(series).toEqual(wholeFileSeries(bytes, req));
    }
    const { series } = await streamMetricSeries(bufferSource(bytes), 'k', { buckets: 50 });
    expect(series).toMatchObject({ sampled: true, nonFinite: { nan: 1, posInf: 0, negInf: 0 } });
    expect(series.points.some((p) => p.value === 1000)).toBe(true);
  });

  it('grows its buffer for a line longer than a chunk (a 1 MB garbage line among points)', async () => {
    const bytes = Buffer.from(`1 0.5 0\n${'9'.repeat(1 << 20)}x\n2 0.25 1\n`);
    const seen: number[] = [];
    const lines = await streamMetricPoints(bufferSource(bytes), 'k', (_s, _t, v) => seen.push(v), {
      chunkBytes: 1024,
    });
    expect(seen).toEqual([0.5, 0.25]);
    expect(lines).toEqual({ bytes: bytes.length, firstBadLines: [2], badLineCount: 1 });
  });

  it('reads only maxBytes (a second pass ignores what was appended since the first)', async () => {
    const bytes = Buffer.from('1 1 0\n2 2 1\n3 3 2\n');
    const seen: number[] = [];
    await streamMetricPoints(bufferSource(bytes), 'k', (_s, _t, v) => seen.push(v), {
      maxBytes: 12,
      chunkBytes: 5,
    });
    expect(seen).toEqual([1, 2]);
  });

  it('stops with CANCELLED when the request is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      streamMetricSeries(
        bufferSource(Buffer.from('1 1 0\n')),
        'k',
        { buckets: 1 },
        {
          signal: controller.signal,
        },
      ),
    ).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
