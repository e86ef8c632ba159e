import { isErrorCode, type ApiErrorShape, type ErrorCode } from '../../../shared/common/errors';

/**
 * What every API call rejects with. The UI branches on `code` (e.g. INVALID_ARGUMENT under the filter
 * box), never on `message`, which is written for the user.
 */
export class ApiError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }

  static from(shape: ApiErrorShape): ApiError {
    return new ApiError(isErrorCode(shape.code) ? shape.code : 'INTERNAL', shape.message);
  }
}

/**
 * Any thrown value as an ApiError, so components render one kind of error. A plain `{ code, message }`
 * (a StoreInfo's `error`, sent as JSON) keeps its code and message instead of becoming "[object Object]".
 */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  if (isErrorShape(err)) return ApiError.from(err);
  return new ApiError('INTERNAL', err instanceof Error ? err.message : String(err));
}

function isErrorShape(value: unknown): value is ApiErrorShape {
  if (typeof value !== 'object' || value === null || value instanceof Error) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}
