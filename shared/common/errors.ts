/**
 * Errors that cross the contract. Stores throw `StoreError`; the service turns every error into a
 * `Result`, so nothing throws across IPC or HTTP. The UI branches on `code`, never on message text.
 */

export const ERROR_CODES = [
  /** The thing asked for does not exist (run, experiment, key, file). */
  'NOT_FOUND',
  /** The request is malformed: bad filter, bad order_by, bad argument. */
  'INVALID_ARGUMENT',
  /** The store (or a part of it) cannot be read: missing path, corrupt file, unknown schema. */
  'STORE_UNREADABLE',
  /** No store with this id is open. */
  'UNKNOWN_STORE',
  /** The store is busy (a writer holds a lock) and stayed busy through the retries. */
  'BUSY',
  /** A remote server failed or could not be reached. */
  'REMOTE_ERROR',
  /** Credentials missing or wrong, or not allowed. */
  'UNAUTHORIZED',
  /** Cancelled by the caller. */
  'CANCELLED',
  /** A bug: anything that is not one of the above. */
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorShape {
  code: ErrorCode;
  message: string;
}

export class StoreError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function toApiError(err: unknown): ApiErrorShape {
  if (err instanceof StoreError) return { code: err.code, message: err.message };
  if (err instanceof Error) return { code: 'INTERNAL', message: err.message || String(err) };
  return { code: 'INTERNAL', message: String(err) };
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
