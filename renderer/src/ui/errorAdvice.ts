/**
 * What a user can do about an error, by its code (never by its message, which says what happened).
 */
import type { ErrorCode } from '../../../shared/common/errors';

const ADVICE: Record<ErrorCode, string> = {
  NOT_FOUND: 'It may have been deleted or moved; go back and pick it again from the list.',
  INVALID_ARGUMENT: 'Correct the value named above and try again.',
  STORE_UNREADABLE:
    'Check that the folder or file is still there and readable, then retry; the store’s Problems list what could not be read.',
  UNKNOWN_STORE: 'The store was closed. Open it again from the sidebar (Open…).',
  BUSY: 'Another program is writing to the store. Retry in a moment.',
  REMOTE_ERROR: 'Check the server address and your network, then retry.',
  UNAUTHORIZED: 'Check the server’s credentials in Servers, or open the link Runlens printed.',
  CANCELLED: 'The request was stopped. Retry to load it again.',
  INTERNAL:
    'This is a bug in Runlens. Retry; if it happens again, report it with the message above.',
};

export function errorAdvice(code: ErrorCode): string {
  return ADVICE[code];
}
