/**
 * The run questions InspectorService answers above the stores: searchRuns (a cached first page, the
 * store's own search, or every run listed and searched here) and countRuns. Both default to the active
 * experiments, and a full listing reports its progress as loadProgress events.
 */
import type { RequestOf, ResponseOf } from '../../common/contract';
import { parseRunFilter, parseRunQuery, searchParsedRuns } from '../../common/search/index';
import type { TrackingStore } from '../stores/TrackingStore';
import type { ServiceCall } from './callContext';
import { firstPagePicker } from './firstPagePicker';
import type { LoadProgress } from './loadProgress';
import { countListedRuns, inView, storeRunCount } from './runCount';
import type { StoreRegistry } from './StoreRegistry';

/** What the run questions need of the service. */
export interface RunQueryContext {
  stores: Pick<StoreRegistry, 'get'>;
  progress: Pick<LoadProgress, 'report' | 'done'>;
}

/** The search query fields of a request, without the undefined ones. */
export function queryOf(req: {
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
}) {
  const q: { filter?: string; orderBy?: string[]; maxResults?: number; pageToken?: string } = {};
  if (req.filter !== undefined) q.filter = req.filter;
  if (req.orderBy !== undefined) q.orderBy = req.orderBy;
  if (req.maxResults !== undefined) q.maxResults = req.maxResults;
  if (req.pageToken !== undefined) q.pageToken = req.pageToken;
  return q;
}

export async function searchRuns(
  ctx: RunQueryContext,
  req: RequestOf<'searchRuns'>,
  call: ServiceCall,
): Promise<ResponseOf<'searchRuns'>> {
  // Parsed and validated once, here: a store that searches itself receives the parsed query.
  const query = parseRunQuery(req);
  const store = ctx.stores.get(req.storeId);
  const experimentIds = req.experimentIds ?? (await activeExperimentIds(store, call));
  call.check();
  // Stale-while-revalidate (the app's first screen): the first page from the last index, marked; the
  // caller asks again for the exact answer. Later pages are always exact (their tokens come from it).
  if (req.freshness === 'cached-ok' && !req.pageToken && store.listRunsCached) {
    const cached = await store.listRunsCached(
      experimentIds,
      query,
      firstPagePicker(query),
      call.signal,
    );
    call.check();
    if (cached) {
      const { runs } = searchParsedRuns(
        cached.filter((r) => inView(r.info.lifecycleStage, query.viewType)),
        query,
      );
      // No page token: the next page must follow the exact first page, not this preview.
      return { runs, fromCache: true };
    }
  }
  // A store that can search itself (SQL, the server's runs/search, a FileStore's index) gives the
  // answer without assembling every run; it declines (undefined) a query it cannot answer exactly,
  // which is searched here.
  if (store.searchRuns) {
    const page = await store.searchRuns(experimentIds, query, call.signal);
    if (page) return page;
    call.check();
  }
  const runs = await listRunsReporting(ctx, req.storeId, experimentIds, call);
  call.check();
  return searchParsedRuns(
    runs.filter((r) => inView(r.info.lifecycleStage, query.viewType)),
    query,
  );
}

export async function countRuns(
  ctx: RunQueryContext,
  req: RequestOf<'countRuns'>,
  call: ServiceCall,
): Promise<ResponseOf<'countRuns'>> {
  const filter = parseRunFilter(req.filter ?? '');
  const viewType = req.viewType ?? 'ACTIVE_ONLY';
  const store = ctx.stores.get(req.storeId);
  const experimentIds = req.experimentIds ?? (await activeExperimentIds(store, call));
  call.check();
  const counted = await storeRunCount(store, experimentIds, filter, viewType, call.signal);
  if (counted) return counted;
  const runs = await listRunsReporting(ctx, req.storeId, experimentIds, call);
  call.check();
  return countListedRuns(runs, filter, viewType);
}

async function activeExperimentIds(store: TrackingStore, call: ServiceCall): Promise<string[]> {
  return (await store.listExperiments(call.signal))
    .filter((e) => e.lifecycleStage === 'active')
    .map((e) => e.experimentId);
}

/** listRuns, with a paging store's progress sent as loadProgress events (and to the caller's onProgress). */
async function listRunsReporting(
  ctx: RunQueryContext,
  storeId: string,
  experimentIds: string[],
  call: ServiceCall,
) {
  let loaded = 0;
  const onPage = (loadedSoFar: number): void => {
    loaded = loadedSoFar;
    ctx.progress.report(storeId, 'runs', loaded, null);
    call.onProgress?.({ loaded, total: null });
  };
  try {
    return await ctx.stores.get(storeId).listRuns(experimentIds, call.signal, onPage);
  } finally {
    ctx.progress.done(storeId, 'runs', loaded, null);
  }
}
