/**
 * Deadlines for a metric file streamed in chunks (metricsDir.readMetricSeries): only regular files are
 * opened (io.ts), but a regular file on a network drive that stops answering blocks its read forever,
 * and a chart request would then never end (issue 11: every read has a deadline). Each step of the
 * stream (open, stat, every chunk) must finish within an idle time, as an HTTP attempt must
 * (rest/HttpClient's deadline); the stream as a whole may take as long as its size needs.
 */
import { StoreError } from '../../../common/errors';
import type { ByteSource } from './metricStream';

/** No progress for this long on one step of a stream: the file is given up (a hung drive). */
export const READ_IDLE_MS = 30_000;

/** Marks the error of a step that missed its deadline (its descriptor may still be busy). */
export class ReadDeadlineError extends StoreError {
  constructor(path: string, ms: number) {
    super(
      'STORE_UNREADABLE',
      `No data from ${path} within ${ms / 1000} s — the drive it is on is not answering`,
    );
  }
}

/** `step`, or a ReadDeadlineError once `ms` have passed without it settling. */
export function withinDeadline<T>(step: Promise<T>, path: string, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadDeadlineError(path, ms)), ms);
  });
  return Promise.race([step, late]).finally(() => clearTimeout(timer));
}

/** `read` with every chunk under the idle deadline. */
export function deadlinedSource(read: ByteSource, path: string, ms: number): ByteSource {
  return (buffer, offset, length, position) =>
    withinDeadline(read(buffer, offset, length, position), path, ms);
}
