/**
 * Test helper: what the run-search equivalence suites of the stores share (SqliteStore's SQL, the
 * FileStore's index, the service's in-memory search): a page or its error as one comparable outcome,
 * and the runs of a listing in a view. Only tests import this file.
 */
import type { Result } from '../../shared/common/errors';
import type { Run, ViewType } from '../../shared/common/types';
import type { InspectorService } from '../../shared/node/service/InspectorService';
import {
  exampleFilters,
  exampleOrderBys,
  randomFilter,
  randomOrderBy,
  rng,
  vocabulary,
} from './sqliteSearchRuns.testData';

export const VIEWS: ViewType[] = ['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL'];

export interface PageQuery {
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
}

export type Page = { runs: Run[]; nextPageToken?: string };

export type Outcome = { ids: string[]; token: string | undefined; runs: Run[] } | { error: string };

/** A page, or the message it failed with. */
export async function outcome(work: () => Promise<Page>): Promise<Outcome> {
  try {
    const page = await work();
    return { ids: page.runs.map((r) => r.info.runId), token: page.nextPageToken, runs: page.runs };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** A service answer's value; its error thrown, for `outcome`. */
export function answer<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The runs of a listing in `view`. */
export function runsInView(all: readonly Run[], view: ViewType): Run[] {
  const stage = view === 'DELETED_ONLY' ? 'deleted' : 'active';
  return all.filter((r) => view === 'ALL' || r.info.lifecycleStage === stage);
}

/** Asks a query of every path of a suite and checks they agree; gives the in-memory first page. */
export type Compare = (query: PageQuery, view: ViewType) => Promise<Outcome>;

/**
 * The shared part of the suites: every filter example of runs.test.ts in every view, every order_by
 * example paged 2 at a time, `generated` random filter × order_by × view × page size queries over the
 * keys and values of `all` (seeded by `seed`), and paging's edge cases. Says how many generated
 * queries failed and how many selected something, for the suite to check the generator proved enough.
 */
export async function askEverything(
  compare: Compare,
  all: readonly Run[],
  seed: number,
  generated: number,
): Promise<{ errors: number; nonEmpty: number }> {
  const filters = exampleFilters();
  const orders = exampleOrderBys();
  if (filters.length < 80 || orders.length < 20) throw new Error('examples not found');
  for (const filter of filters) for (const view of VIEWS) await compare({ filter }, view);
  for (const orderBy of orders)
    for (const view of VIEWS) await compare({ orderBy, maxResults: 2 }, view);
  const r = rng(seed);
  const words = vocabulary(all);
  let errors = 0;
  let nonEmpty = 0;
  for (let i = 0; i < generated; i++) {
    const q: PageQuery = { filter: randomFilter(r, words), orderBy: randomOrderBy(r, words) };
    if (r() < 0.6) q.maxResults = 1 + Math.floor(r() * 7);
    const first = await compare(q, VIEWS[i % 3] as ViewType);
    if ('error' in first) errors++;
    else if (first.ids.length > 0) nonEmpty++;
  }
  await compare({ maxResults: 5, pageToken: 'eyJvZmZzZXQiOiAxMDAwfQ==' }, 'ALL');
  await compare({ pageToken: 'garbage!' }, 'ALL');
  await compare({ maxResults: 0 }, 'ALL');
  await compare({ maxResults: 50_001, filter: 'metrics.x >' }, 'ALL');
  return { errors, nonEmpty };
}

/** One page of the service's searchRuns over a store it has open. */
export async function servicePage(
  over: { service: InspectorService; storeId: string },
  experimentIds: string[],
  query: PageQuery,
  viewType: ViewType,
): Promise<Page> {
  const { service, storeId } = over;
  return answer(await service.searchRuns({ storeId, experimentIds, ...query, viewType }));
}

/**
 * Asks `q` page by page, following the tokens of the in-memory answer that `ask` checks each page
 * against, until its last page, an error, or `stop`. Gives the first page's in-memory outcome.
 */
export async function everyPage(
  q: PageQuery,
  ask: (query: PageQuery, page: number) => Promise<{ memory: Outcome; stop?: boolean }>,
): Promise<Outcome> {
  let first: Outcome | undefined;
  let token = q.pageToken;
  for (let page = 1; ; page++) {
    const { memory, stop } = await ask(token === undefined ? q : { ...q, pageToken: token }, page);
    first ??= memory;
    if (stop || 'error' in memory || memory.token === undefined) return first;
    token = memory.token;
  }
}
