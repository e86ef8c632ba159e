/**
 * Follows `next_page_token` until the server stops sending one. A token seen before means the server
 * would answer the same page forever (MLflow 3.4+ `metrics/get-history` without max_results,
 * mlflow#23916): stop with an error rather than loop or return a silently partial answer.
 */
import { StoreError } from '../../../common/errors';
import { pushAll } from '../../../common/arrays';

export interface Page<T> {
  items: T[];
  nextPageToken: string | undefined;
}

/** Far beyond any real listing (1000 per page → 100 million items); a last guard against a runaway server. */
const MAX_PAGES = 100_000;

export async function collectPages<T>(
  what: string,
  fetchPage: (pageToken: string | undefined) => Promise<Page<T>>,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const next = await fetchPage(token);
    pushAll(items, next.items);
    if (next.nextPageToken === undefined) return items;
    if (seen.has(next.nextPageToken)) {
      throw new StoreError(
        'REMOTE_ERROR',
        `The server sent the same page token twice while listing ${what}: it would repeat the same page forever ` +
          `(a known MLflow server bug, mlflow#23916), so the listing was stopped — upgrade the server`,
      );
    }
    seen.add(next.nextPageToken);
    token = next.nextPageToken;
  }
  throw new StoreError(
    'REMOTE_ERROR',
    `More than ${MAX_PAGES} pages while listing ${what}: stopped`,
  );
}

/** `next_page_token` of an MLflow answer; an empty string means the last page, as in MLflow's client. */
export function nextToken(json: Record<string, unknown>): string | undefined {
  const token = json.next_page_token;
  return typeof token === 'string' && token !== '' ? token : undefined;
}
