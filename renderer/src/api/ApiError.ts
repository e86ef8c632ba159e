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

/** Any thrown value as an ApiError, so components render one kind of error. */
export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError('INTERNAL', err instanceof Error ? err.message : String(err));
}
