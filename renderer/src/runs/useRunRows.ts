/**
 * From the URL state to the rows the table shows: the pages of runs, sorted (by the store, or here
 * for the columns a store cannot order by, over every run), nested or grouped, with min/max ranges.
 */
import { useQueries } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { StoreProblem } from '../../../shared/common/types';
import type { Run } from '../../../shared/common/types';
import { useApi } from '../api/ApiContext';
import { apiQueryOptions } from '../api/queries';
import {
  columnSpec,
  orderByFor,
  runKeys,
  sortLocally,
  type ColumnSpec,
  type RangeIndex,
} from './columns';
import { groupRows } from './grouping';
import { nestRuns, problemFor, type LoadedRun } from './runTree';
import { experimentsByStore, parseSort, type RunsSearch } from './runsSearch';
import type { TableRow } from './tableModel';
import { useMetricRanges } from './useMetricRanges';
import { useRunCount } from './useRunCount';
import { useRunPages, type RunPages, type RunsRequest } from './useRunPages';

const NO_RANGES: RangeIndex = new Map();

export function useStoreProblems(storeIds: readonly string[]) {
  const api = useApi();
  const results = useQueries({
    queries: storeIds.map((storeId) => apiQueryOptions(api, 'getStoreProblems', { storeId })),
  });
  const stamp = results.map((r) => r.dataUpdatedAt).join(',');
  return useMemo(() => {
    const map = new Map<string, StoreProblem[]>();
    results.forEach((r, i) => map.set(storeIds[i] ?? '', r.data ?? []));
    return map;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stamp]);
}

/**
 * What the stores are asked for the runs view's state: the view, the filter and the order they can
 * sort by (a column they cannot is sorted here, over every run). Also built on a launch, before the
 * first render, for the first page's preview (prefetchRunsPreview.ts).
 */
export function runsQueryOf(search: RunsSearch, allDeleted: boolean): Omit<RunsRequest, 'byStore'> {
  return {
    viewType: search.deleted || allDeleted ? 'ALL' : 'ACTIVE_ONLY',
    filter: search.filter ?? '',
    orderBy: orderByFor(parseSort(search.sort)),
  };
}

export function useRunRows(
  search: RunsSearch,
  visibleColumns: readonly ColumnSpec[],
  allDeleted: boolean,
  problemStores: readonly string[],
  experimentName: (run: Run, storeId: string) => string,
) {
  const byStore = useMemo(() => experimentsByStore(search.e), [search.e]);
  const { viewType, filter, orderBy } = runsQueryOf(search, allDeleted);
  const sort = parseSort(search.sort);
  const sortSpec = sort ? columnSpec(sort.columnId) : null;
  const clientSort = sort !== null && sortSpec !== null && sortSpec.orderField === undefined;
  const groupSpec = search.group ? columnSpec(search.group) : null;
  const aggSpec = search.agg ? columnSpec(search.agg) : null;
  const needAll = clientSort || groupSpec !== null;

  const pages: RunPages = useRunPages(
    byStore.size > 0 ? { byStore, filter, orderBy, viewType } : null,
  );
  const total = useRunCount(byStore, filter, viewType);
  // Sorting here or grouping needs every run: fetch the pages one after the other.
  const { hasMore, fetching, loadMore, error } = pages;
  useEffect(() => {
    if (needAll && hasMore && !fetching && !error) loadMore();
  }, [needAll, hasMore, fetching, error, loadMore]);

  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string): void =>
    setCollapsed((set) => {
      const next = new Set(set);
      if (!next.delete(key)) next.add(key);
      return next;
    });

  const [window, setWindow] = useState({ from: 0, to: 60 });
  const rangeColumns = [...visibleColumns, sortSpec, groupSpec, aggSpec].filter(
    (c): c is ColumnSpec => c !== null && c.agg !== undefined && c.agg !== 'latest',
  );
  const rangeKeys = [...new Set(rangeColumns.map((c) => c.key as string))].sort();
  const rangesForAll =
    (clientSort && sortSpec?.agg !== 'latest' && sortSpec?.agg !== undefined) ||
    (groupSpec !== null && aggSpec?.agg !== undefined && aggSpec.agg !== 'latest');

  const problems = useStoreProblems(problemStores);
  const keys = useMemo(() => runKeys(pages.runs.map((r) => r.run)), [pages.runs]);

  const build = (ranges: RangeIndex): TableRow[] => {
    let runs: LoadedRun[] = pages.runs;
    if (clientSort && sortSpec && sort) {
      const storeOf = new Map(runs.map((r) => [r.run, r.storeId]));
      const order = sortLocally(
        runs.map((r) => r.run),
        sortSpec,
        sort.ascending,
        ranges,
        (run) => experimentName(run, storeOf.get(run) ?? ''),
      );
      runs = order.map((run) => ({ run, storeId: storeOf.get(run) ?? '' }));
    }
    if (groupSpec) return groupRows(runs, groupSpec, aggSpec, ranges, collapsed);
    const unreadable = (storeId: string, runId: string) =>
      problemFor(problems.get(storeId) ?? [], runId);
    return nestRuns(runs, collapsed, unreadable);
  };

  // Rows that do not depend on ranges are built first, so the ranges asked for are those of the rows
  // on screen; a sort or group by a min/max column needs every run's range and is built after them.
  const rowsFirst = useMemo(
    () => (rangesForAll ? null : build(NO_RANGES)),
    // `build` is a new function each render; what it reads is listed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      rangesForAll,
      pages.runs,
      clientSort,
      sortSpec?.id,
      sort?.ascending,
      groupSpec?.id,
      aggSpec?.id,
      collapsed,
      problems,
    ],
  );
  const rangeRuns = useMemo(
    () =>
      rowsFirst
        ? rowsFirst.flatMap((r) => (r.kind === 'run' ? [{ storeId: r.storeId, run: r.run }] : []))
        : pages.runs,
    [rowsFirst, pages.runs],
  );
  const { ranges } = useMetricRanges(rangeRuns, rangeKeys, rangesForAll ? null : window);
  const rowsAfter = useMemo(
    () => (rangesForAll ? build(ranges) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      rangesForAll,
      ranges,
      pages.runs,
      clientSort,
      sortSpec?.id,
      sort?.ascending,
      groupSpec?.id,
      aggSpec?.id,
      collapsed,
      problems,
    ],
  );
  const rows = rowsFirst ?? rowsAfter ?? [];

  return {
    pages,
    total,
    keys,
    rows,
    ranges,
    sort,
    groupSpec,
    aggSpec,
    collapsed,
    toggle,
    setWindow,
    nested: groupSpec === null && rows.some((r) => r.childCount > 0),
    sortingHere: clientSort,
    loadingAll: needAll && pages.hasMore,
  };
}
