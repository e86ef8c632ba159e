/**
 * When to retry and how long to wait. Exponential backoff with full jitter (AWS architecture blog,
 * "Exponential Backoff And Jitter"): many clients retrying after one outage spread out instead of
 * hitting the server in waves. A server's Retry-After (seconds or an HTTP-date) is honoured, capped.
 */
import { StoreError } from '../../../common/errors';

/** Statuses MLflow's client retries (`_TRANSIENT_FAILURE_RESPONSE_CODES`). */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Network errors worth another attempt: the server may be back, the path may clear. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

export function isTransientNetworkError(err: unknown): boolean {
  if (err instanceof StoreError) return false;
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && TRANSIENT_CODES.has(code);
}

/** Full jitter: uniform in [0, min(max, base·2^attempt)]. `attempt` counts from 0. */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** Milliseconds a Retry-After header asks for (delta seconds or HTTP-date), or undefined when absent/unreadable. */
export function parseRetryAfter(
  value: string | string[] | undefined,
  now: number = Date.now(),
): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects CANCELLED as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(cancelled());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(cancelled());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function cancelled(): StoreError {
  return new StoreError('CANCELLED', 'Cancelled: the request to the tracking server was stopped');
}
