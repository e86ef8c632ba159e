/**
 * MLflow's page tokens and offset paging. A token is base64 of the JSON `{"offset": N}` (Python's
 * `json.dumps`, hence the space after the colon); MLflow calls the format unstable, but a REST client
 * has to hand MLflow's own tokens back, so we read and write exactly that.
 */
import { base64Decode, base64Encode } from './base64';
import { invalid } from './errors';

export function encodePageToken(offset: number): string {
  return base64Encode(`{"offset": ${offset}}`);
}

/** The offset in `token`; an empty token means offset 0. Throws INVALID_ARGUMENT on anything else. */
export function decodePageToken(token: string): number {
  if (token === '') return 0;
  const text = base64Decode(token);
  if (text === null) return invalid(`Invalid page token '${token}': not base64`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return invalid(`Invalid page token '${token}': not JSON (decoded: ${text})`);
  }
  const offset =
    typeof parsed === 'object' && parsed !== null
      ? (parsed as { offset?: unknown }).offset
      : undefined;
  const n = typeof offset === 'string' && /^\d+$/.test(offset) ? Number(offset) : offset;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    return invalid(`Invalid page token '${token}': no valid offset (decoded: ${text})`);
  }
  return n;
}

export interface PageQuery {
  maxResults?: number;
  pageToken?: string;
}

/** max_results limits of one search endpoint, as MLflow sets them. */
export interface PageLimits {
  defaultMaxResults: number;
  maxMaxResults: number;
}

/** Checks max_results against the endpoint's limits; returns the effective value. */
export function resolveMaxResults(maxResults: number | undefined, limits: PageLimits): number {
  if (maxResults === undefined) return limits.defaultMaxResults;
  if (!Number.isSafeInteger(maxResults) || maxResults < 1 || maxResults > limits.maxMaxResults) {
    return invalid(
      `Invalid value ${maxResults} for max_results: it must be an integer from 1 to ${limits.maxMaxResults}`,
    );
  }
  return maxResults;
}

/** The offset a page starts at (our page tokens); throws INVALID_ARGUMENT for a bad token. */
export function pageOffset(q: PageQuery): number {
  return q.pageToken === undefined ? 0 : decodePageToken(q.pageToken);
}

/** One page of already filtered and sorted items, with a token when more follow (MLflow's paginate). */
export function paginate<T>(
  items: readonly T[],
  q: PageQuery,
  limits: PageLimits,
): { items: T[]; nextPageToken?: string } {
  const maxResults = resolveMaxResults(q.maxResults, limits);
  const start = pageOffset(q);
  const end = start + maxResults;
  const page = items.slice(start, end);
  return end < items.length
    ? { items: page, nextPageToken: encodePageToken(end) }
    : { items: page };
}
