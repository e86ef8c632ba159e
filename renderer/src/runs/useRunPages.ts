/**
 * The runs of the experiments shown, page by page as the table scrolls, from every store involved.
 *
 * Each page is its own cached query (`searchRuns` with its page token), so a store's change event
 * refetches the pages of the experiments it touched and nothing else (api/liveInvalidation.ts), and
 * the pages of a filter already seen come back at once. Pages of one store follow each other (a page's
 * token comes from the page before). Runs of several stores are merged in the sort's order, and only
 * up to the point every store has loaded (a store's next page may hold runs that sort earlier).
 *
 * Stale-while-revalidate (issue 12): while a store's exact first page is on its way (a FileStore checks
 * every run on disk first), the same page asked with `freshness: 'cached-ok'` (the last index, at once)
 * is shown in its place and `checking` is set; the exact page replaces it in place when it comes. Later
 * pages follow the exact first page only (its token).
 */
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { RequestOf, RunlensApi, RunsPage } from '../../../shared/common/contract';
import { compareRuns, parseRunOrderBy } from '../../../shared/common/search/index';
import type { Run, StoreKind, ViewType } from '../../../shared/common/types';
import { useApi } from '../api/ApiContext';
import type { ApiError } from '../api/ApiError';
import { apiQueryKey, apiQueryOptions } from '../api/queries';
import { useStores } from '../experiments/catalog';
import type { LoadedRun } from './runTree';

/** Small first pages: the first rows show fast; more come as the table scrolls. */
export const PAGE_SIZE = 250;

export interface RunsRequest {
  /** Experiment ids per store. */
  byStore: ReadonlyMap<string, readonly string[]>;
  filter: string;
  orderBy: string[];
  viewType: ViewType;
}

export interface RunPages {
  runs: LoadedRun[];
  /** No page has arrived for the current request yet. */
  loading: boolean;
  /** A page (any) is being fetched or refetched. */
  fetching: boolean;
  error: ApiError | null;
  hasMore: boolean;
  /** Asks for the next page of each store that limits what can be shown. */
  loadMore(): void;
  /** Pages loaded, over every store (for "loading all runs…"). */
  loadedCount: number;
  /** Some rows shown are from a store's last index, not yet checked against the disk. */
  checking: boolean;
}

function pageRequest(
  storeId: string,
  experimentIds: readonly string[],
  req: RunsRequest,
  pageToken: string | undefined,
): RequestOf<'searchRuns'> {
  const r: RequestOf<'searchRuns'> = {
    storeId,
    experimentIds: [...experimentIds],
    filter: req.filter,
    orderBy: req.orderBy,
    viewType: req.viewType,
    maxResults: PAGE_SIZE,
  };
  if (pageToken !== undefined) r.pageToken = pageToken;
  return r;
}

/**
 * The query of a store's cached first page (`freshness: 'cached-ok'`), shown while the exact one is on
 * its way. Asked by the runs view, and on a launch before the first render (prefetchRunsPreview.ts):
 * both must build the same key.
 */
export function previewQueryOptions(
  api: RunlensApi,
  storeId: string,
  experimentIds: readonly string[],
  req: RunsRequest,
) {
  const request: RequestOf<'searchRuns'> = {
    ...pageRequest(storeId, experimentIds, req, undefined),
    freshness: 'cached-ok',
  };
  return {
    ...apiQueryOptions(api, 'searchRuns', request),
    // A preview is only ever shown until the exact page is there: never worth refetching.
    staleTime: Infinity,
    retry: false,
  };
}

/**
 * Only a FileStore answers a preview from its index; SQLite and remote stores would answer the same
 * exact page twice. A store whose kind is not known yet (listStores on its way) is asked anyway.
 */
export function previewWanted(kind: StoreKind | undefined): boolean {
  return (kind ?? 'file') === 'file';
}

export interface StorePages {
  storeId: string;
  runs: Run[];
  /** The last page's token, or undefined when the last loaded page was the end. */
  nextToken: string | undefined;
  /** Pages asked for but not there yet. */
  pending: boolean;
  /** `runs` is the cached preview of the first page (the exact one is pending). */
  preview?: boolean;
}

/**
 * One store's loaded pages (in order, undefined while asked for): their runs and the token for more.
 * While the first page is missing, a cached preview of it (`fromCache`) stands in, with no token.
 */
export function storePages(
  storeId: string,
  pages: readonly (RunsPage | undefined)[],
  preview: RunsPage | undefined,
): StorePages {
  const runs: Run[] = [];
  let nextToken: string | undefined;
  let pending = false;
  for (const page of pages) {
    if (!page) {
      pending = true;
      continue;
    }
    runs.push(...page.runs);
    nextToken = page.nextPageToken || undefined;
  }
  if (pages[0] === undefined && preview?.fromCache)
    return { storeId, runs: preview.runs, nextToken: undefined, pending: true, preview: true };
  return { storeId, runs, nextToken, pending };
}

/**
 * Merges the stores' runs in the sort order, cut at the earliest "last loaded run" of the stores that
 * have more: past that point another store's unloaded runs could belong. One store: its runs as they are.
 */
export function mergeStores(stores: readonly StorePages[], orderBy: string[]): LoadedRun[] {
  const tagged = (s: StorePages) => s.runs.map((run) => ({ storeId: s.storeId, run }));
  if (stores.length === 1 && stores[0]) return tagged(stores[0]);
  let compare: (a: Run, b: Run) => number;
  try {
    compare = compareRuns(parseRunOrderBy(orderBy));
  } catch {
    compare = compareRuns([]);
  }
  const all = stores.flatMap(tagged).sort((a, b) => compare(a.run, b.run));
  let cut: Run | null = null;
  for (const s of stores) {
    const last = s.runs[s.runs.length - 1];
    if (s.nextToken === undefined || last === undefined) continue;
    if (cut === null || compare(last, cut) < 0) cut = last;
  }
  if (cut === null) return all;
  const bound = cut;
  return all.filter((r) => compare(r.run, bound) <= 0);
}

export function useRunPages(req: RunsRequest | null): RunPages {
  const api = useApi();
  const reqKey = JSON.stringify(
    req && { s: [...req.byStore], f: req.filter, o: req.orderBy, v: req.viewType },
  );
  /** Pages wanted per store, for the request they were wanted for. */
  const [wanted, setWanted] = useState<{ key: string; pages: Record<string, number> }>({
    key: reqKey,
    pages: {},
  });
  const pagesWanted = wanted.key === reqKey ? wanted.pages : {};

  // Page n+1's token is page n's answer, read from the cache: a page is asked for once the one
  // before it is there.
  const client = useQueryClient();
  const stores = req ? [...req.byStore] : [];
  const plan: { storeId: string; index: number; request: RequestOf<'searchRuns'> | null }[] = [];
  for (const [storeId, experimentIds] of stores) {
    const count = Math.max(1, pagesWanted[storeId] ?? 1);
    let token: string | undefined;
    for (let index = 0; index < count; index++) {
      if (req === null) break;
      const request = pageRequest(storeId, experimentIds, req, token);
      plan.push({ storeId, index, request });
      const page = client.getQueryData<RunsPage>(apiQueryKey('searchRuns', request));
      token = page?.nextPageToken || undefined;
      if (!token) break;
    }
  }

  const kinds = new Map((useStores().data ?? []).map((s) => [s.storeId, s.kind]));
  // Asked before the exact pages, so the browser sends it first; not at all once the exact page is there.
  const previews = useQueries({
    queries: stores.map(([storeId, experimentIds]) => {
      const exact = req && pageRequest(storeId, experimentIds, req, undefined);
      return {
        ...previewQueryOptions(api, storeId, experimentIds, req as RunsRequest),
        enabled:
          exact !== null &&
          previewWanted(kinds.get(storeId)) &&
          client.getQueryData<RunsPage>(apiQueryKey('searchRuns', exact)) === undefined,
      };
    }),
  });

  const queries = useQueries({
    queries: plan.map((p) => ({
      ...apiQueryOptions(api, 'searchRuns', p.request as RequestOf<'searchRuns'>),
      enabled: p.request !== null,
    })),
  });

  const perStore: StorePages[] = stores.map(([storeId], storeIndex) =>
    storePages(
      storeId,
      plan.flatMap((p, i) => (p.storeId === storeId ? [queries[i]?.data] : [])),
      previews[storeIndex]?.data,
    ),
  );

  const orderKey = JSON.stringify(req?.orderBy ?? []);
  const stamps = [...previews, ...queries].map((q) => q.dataUpdatedAt).join(',');
  const merged = useMemo(
    () => mergeStores(perStore, JSON.parse(orderKey) as string[]),
    // The runs arrays change identity each render; their content is what the page data holds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [stamps, orderKey, reqKey],
  );

  // apiQueryOptions rejects with ApiError only.
  const error = (queries.find((q) => q.error)?.error as ApiError | undefined) ?? null;
  const hasMore = perStore.some((s) => s.nextToken !== undefined || s.pending);
  const loadMore = (): void => {
    if (!req) return;
    const limiting = perStore.filter((s) => !s.pending && s.nextToken !== undefined);
    if (limiting.length === 0) return;
    setWanted((w) => {
      const pages = w.key === reqKey ? { ...w.pages } : {};
      for (const s of limiting) {
        const loadedPages = plan.filter((p) => p.storeId === s.storeId).length;
        pages[s.storeId] = Math.max(pages[s.storeId] ?? 1, loadedPages + 1);
      }
      return { key: reqKey, pages };
    });
  };

  return {
    runs: merged,
    loading: req !== null && perStore.every((s) => s.runs.length === 0 && s.pending),
    fetching: queries.some((q) => q.isFetching),
    error,
    hasMore,
    loadMore,
    loadedCount: perStore.reduce((n, s) => n + s.runs.length, 0),
    checking: perStore.some((s) => s.preview === true),
  };
}
