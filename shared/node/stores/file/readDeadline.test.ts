/**
 * A streamed metric file has a read deadline (issue 11: every read has one): a chunk that never comes
 * (a hung network drive) fails the series with STORE_UNREADABLE naming the file, soon; a slow file that
 * keeps answering is read to its end, as the deadline is per step, not for the whole stream.
 */
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../common/errors';
import { bufferSource, streamMetricSeries, type ByteSource } from './metricStream';
import { deadlinedSource, ReadDeadlineError, withinDeadline } from './readDeadline';

const LINES = Array.from({ length: 200 }, (_, i) => `${1000 + i} ${i * 0.5} ${i}\n`).join('');
const BYTES = Buffer.from(LINES);

/** Answers its first `answered` reads from BYTES, then never again. */
function hangingAfter(answered: number): ByteSource {
  const real = bufferSource(BYTES);
  let calls = 0;
  return (buffer, offset, length, position) =>
    calls++ < answered ? real(buffer, offset, length, position) : new Promise<number>(() => {});
}

describe('metric stream read deadline', () => {
  it('fails a stream whose next chunk never comes, naming the file', async () => {
    for (const answered of [0, 1, 3]) {
      const started = performance.now();
      const outcome = streamMetricSeries(
        deadlinedSource(hangingAfter(answered), '/store/1/r/metrics/loss', 100),
        'loss',
        { buckets: 10 },
        { chunkBytes: 512, size: BYTES.length },
      );
      await expect(outcome).rejects.toBeInstanceOf(ReadDeadlineError);
      await expect(outcome).rejects.toMatchObject({
        code: 'STORE_UNREADABLE',
        message: expect.stringContaining('/store/1/r/metrics/loss') as unknown,
      });
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });

  it('reads a slow file that keeps answering to its end (the deadline is per chunk)', async () => {
    const real = bufferSource(BYTES);
    const slow: ByteSource = (buffer, offset, length, position) =>
      new Promise((resolve) => setTimeout(resolve, 20)).then(() =>
        real(buffer, offset, length, position),
      );
    const started = performance.now();
    const { series } = await streamMetricSeries(
      deadlinedSource(slow, 'slow', 100),
      'loss',
      {},
      { chunkBytes: 256 },
    );
    expect(performance.now() - started).toBeGreaterThan(100); // longer than one deadline in all
    const whole = await streamMetricSeries(bufferSource(BYTES), 'loss', {}, { chunkBytes: 256 });
    expect(series).toEqual(whole.series);
    expect(series.totalPoints).toBe(200);
  });

  it('passes a step’s own failure through unchanged, and clears its timer', async () => {
    const failure = new StoreError('NOT_FOUND', 'gone');
    await expect(withinDeadline(Promise.reject(failure), 'p', 50)).rejects.toBe(failure);
    await expect(withinDeadline(Promise.resolve(7), 'p', 50)).resolves.toBe(7);
  });
});
