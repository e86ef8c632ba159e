/**
 * The query commands' access to a store: the same InspectorService the apps use (so the CLI answers
 * exactly what the UI shows), one store, every page of a search joined.
 */
import type { Result } from '../../common/errors';
import { InspectorService } from '../service/InspectorService';
import { type CliIo, EXIT_OK, EXIT_STORE, failureOf } from './io';
import { pushAll } from '../../common/arrays';

/** Page size the CLI asks for: large pages, few round trips, within every search's limit. */
const PAGE_SIZE = 1000;

/**
 * Page size for runs: MLflow's servers take up to 50,000 runs a page (SEARCH_MAX_RESULTS_THRESHOLD).
 * A local store assembles and sorts every run of the experiments for each page it answers, so pages of
 * 1,000 cost a 2,000-run store that work twice; 10,000 answers it in one page.
 */
export const RUNS_PAGE_SIZE = 10_000;

export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw failureOf(result.error);
  return result.value;
}

export interface StoreSession {
  service: InspectorService;
  storeId: string;
  close(): Promise<void>;
}

/** Opens one store, or throws the one-line failure (exit 3 when it cannot be read). */
export async function openSession(location: string, io: CliIo): Promise<StoreSession> {
  // INTERNAL errors' stacks go to the command's stderr (a one-line failure is all stdout's reader sees).
  const service = new InspectorService({
    cwd: () => io.cwd,
    errorLog: (entry) => io.stderr(entry),
  });
  try {
    const info = unwrap(await service.openStore({ location }));
    if (info.state === 'error') {
      throw failureOf(
        info.error ?? { code: 'STORE_UNREADABLE', message: `${info.location} cannot be read` },
      );
    }
    return { service, storeId: info.storeId, close: () => service.dispose() };
  } catch (err) {
    await service.dispose();
    throw err;
  }
}

/**
 * Every item of a paged search, following next-page tokens until there are none or `limit` items.
 * A token that does not advance would loop forever; it ends the walk instead.
 */
export async function allPages<T>(
  fetchPage: (page: {
    maxResults: number;
    pageToken?: string;
  }) => Promise<{ items: T[]; nextPageToken?: string }>,
  limit: number = Infinity,
  pageSize: number = PAGE_SIZE,
): Promise<T[]> {
  const items: T[] = [];
  let pageToken: string | undefined;
  const seen = new Set<string>();
  while (items.length < limit) {
    const maxResults = Math.min(pageSize, limit - items.length);
    const page = await fetchPage(
      pageToken === undefined ? { maxResults } : { maxResults, pageToken },
    );
    pushAll(items, page.items);
    if (!page.nextPageToken || seen.has(page.nextPageToken) || page.items.length === 0) break;
    seen.add(page.nextPageToken);
    pageToken = page.nextPageToken;
  }
  return items.slice(0, limit);
}

/**
 * Prints one warning line per part of the store that could not be read (path and reason) to stderr, so
 * a run or experiment left out is never left out silently; returns the exit code: EXIT_STORE under
 * `--strict` when there was any, EXIT_OK otherwise. Call it after the command's reads.
 */
export async function reportProblems(
  session: StoreSession,
  io: CliIo,
  strict: boolean,
): Promise<number> {
  const problems = unwrap(await session.service.getStoreProblems({ storeId: session.storeId }));
  for (const p of problems) {
    const message = p.message.includes(p.path) ? p.message : `${p.path}: ${p.message}`;
    io.stderr(`runlens: warning: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  }
  return strict && problems.length > 0 ? EXIT_STORE : EXIT_OK;
}
