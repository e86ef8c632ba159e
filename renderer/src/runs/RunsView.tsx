/**
 * The runs of the experiments in the URL: header, toolbar (filter, deleted runs, group, columns,
 * export, compare), the table, and the states around it (loading skeleton, empty, errors).
 * Everything that defines the view lives in the URL (runsSearch.ts); this component only reads it
 * and asks for changes.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Run } from '../../../shared/common/types';
import { useLive } from '../api/useLive';
import { BrokenExperimentNote } from '../experiments/BrokenExperimentNote';
import { useExperimentIndex, useStores, storeById } from '../experiments/catalog';
import { useBrokenExperiments } from '../experiments/useBrokenExperiments';
import type { StoreRun } from '../charts/RunsChartView';
import { EmptyState } from '../ui/EmptyState';
import { ErrorBanner } from '../ui/ErrorBanner';
import { SkeletonLines } from '../ui/Skeleton';
import { countLabel, RunsHeader } from './RunsHeader';
import { RunsTable } from './RunsTable';
import { RunsToolbar } from './RunsToolbar';
import { formatSort, onlyDeletedShown, parseRef, type RunsSearch } from './runsSearch';
import { ROW_HEIGHT, runKeysBetween } from './tableModel';
import { useColumnsState } from './useColumnsState';
import { useLoadProgress } from './useLoadProgress';
import { RANGE_BLOCK } from './useMetricRanges';
import { usePreloadChartView } from './preloadChartView';
import { ChartViewSlot } from './ChartViewSlot';
import { useRunRows } from './useRunRows';
import { csvFileName, downloadText, runsCsv } from './exportCsv';
import './runs.css';

/** The chart view draws at most this many runs: each is a history query per chosen metric. */
const CHART_LIMIT = 50;

export interface RunsViewProps {
  search: RunsSearch;
  /** Changes the URL; `replace` for changes that should not add a history entry (columns, selection). */
  update: (patch: Partial<RunsSearch>, replace?: boolean) => void;
  openRun: (storeId: string, runId: string) => void;
  compare: (runs: string[]) => void;
}

/** Cycles a column through descending, ascending and back to the store's default order. */
function nextSort(current: string | undefined, columnId: string): string | undefined {
  const textFirst = columnId === 'name' || columnId === 'user' || columnId.startsWith('p:');
  const [id, dir] = current
    ? [current.slice(0, current.lastIndexOf(':')), current.slice(current.lastIndexOf(':') + 1)]
    : [];
  if (id !== columnId) return formatSort({ columnId, ascending: textFirst });
  const startedAscending = textFirst;
  if ((dir === 'asc') === startedAscending)
    return formatSort({ columnId, ascending: !startedAscending });
  return undefined;
}

export function RunsView({ search, update, openRun, compare }: RunsViewProps) {
  const client = useQueryClient();
  const stores = useStores();
  const live = useLive();
  const filterRef = useRef<HTMLInputElement>(null);
  const refs = search.e;
  const storeIds = useMemo(() => [...new Set(refs.map((r) => parseRef(r)?.storeId ?? ''))], [refs]);
  const experiments = useExperimentIndex(storeIds);
  const shown = refs.map((ref) => ({
    ref,
    storeId: parseRef(ref)?.storeId ?? '',
    experiment: experiments.byRef.get(ref),
  }));
  const allDeleted = onlyDeletedShown(refs, (ref) => experiments.byRef.get(ref));
  const problemStores = storeIds.filter(
    (id) => (storeById(stores.data, id)?.problemCount ?? 0) > 0,
  );
  const experimentName = useCallback(
    (run: Run, storeId: string) =>
      experiments.byRef.get(`${storeId}:${run.info.experimentId}`)?.name ?? run.info.experimentId,
    [experiments.byRef],
  );

  // Columns need the keys of the runs, and the rows need the columns (min/max ranges): the keys of
  // the loaded runs come from the first pass, the columns follow them.
  const [keysSeen, setKeysSeen] = useState({
    metrics: [] as string[],
    params: [] as string[],
    tags: [] as string[],
  });
  const columns = useColumnsState(refs, keysSeen, search.cols, (cols) => update({ cols }, true));
  const data = useRunRows(search, columns.specs, allDeleted, problemStores, experimentName);
  if (JSON.stringify(data.keys) !== JSON.stringify(keysSeen)) setKeysSeen(data.keys);

  const [anchor, setAnchor] = useState<number | null>(null);
  const selected = useMemo(() => new Set(search.sel ?? []), [search.sel]);
  const setSelected = (keys: Iterable<string>) => {
    const list = [...new Set(keys)];
    update({ sel: list.length > 0 ? list : undefined }, true);
  };
  const onCheck = (key: string, index: number, shift: boolean): void => {
    if (shift && anchor !== null)
      setSelected([...selected, ...runKeysBetween(data.rows, anchor, index)]);
    else {
      const next = new Set(selected);
      if (!next.delete(key)) next.add(key);
      setSelected(next);
    }
    setAnchor(index);
  };

  // `/` focuses the filter from anywhere outside a text field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      filterRef.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const { pages } = data;
  usePreloadChartView(search.view === 'chart', !data.pages.loading);
  const filterError = pages.error?.code === 'INVALID_ARGUMENT' ? pages.error.message : null;
  const otherError = pages.error && filterError === null ? pages.error : null;
  const brokenIndex = useBrokenExperiments(stores.data ?? []);
  const broken = shown.flatMap((e) => brokenIndex.get(e.ref) ?? []);
  const unknown = shown.filter(
    (e) => !experiments.loading && e.experiment === undefined && !brokenIndex.has(e.ref),
  );
  const tableState = pages.error ? 'error' : pages.loading ? 'loading' : 'ready';
  const progress = useLoadProgress(storeIds[0] ?? '');
  const count =
    pages.loading && data.total === null
      ? null
      : countLabel(data.total, pages.loadedCount, pages.hasMore);

  // The chart view: the selected runs, else the first loaded ones (capped, see CHART_LIMIT).
  const chartView = search.view === 'chart';
  const chartRuns = useMemo((): StoreRun[] => {
    if (!chartView) return [];
    const runRows = data.rows.filter((r) => r.kind === 'run');
    const picked = selected.size > 0 ? runRows.filter((r) => selected.has(r.key)) : runRows;
    return picked.slice(0, CHART_LIMIT).map((r) => ({ storeId: r.storeId, run: r.run }));
  }, [chartView, data.rows, selected]);

  const { setWindow } = data;
  // The window only chooses which blocks of min/max ranges to ask for: rounded out to whole blocks, it
  // changes (and re-renders this view) once per block scrolled, not on every row.
  const onVisibleRows = useCallback(
    (first: number, end: number) => {
      const from = Math.floor(first / RANGE_BLOCK) * RANGE_BLOCK;
      const to = Math.ceil(end / RANGE_BLOCK) * RANGE_BLOCK;
      setWindow((w) => (w.from === from && w.to === to ? w : { from, to }));
    },
    [setWindow],
  );

  const exportCsv = (): void => {
    const names = shown.map((e) => e.experiment?.name ?? e.ref);
    const storeOf = new Map<Run, string>();
    for (const row of data.rows) if (row.kind === 'run') storeOf.set(row.run, row.storeId);
    downloadText(
      csvFileName(names),
      runsCsv(data.rows, columns.specs, data.ranges, (run) =>
        experimentName(run, storeOf.get(run) ?? ''),
      ),
    );
  };

  if (refs.length === 0)
    return (
      <section className="runs-view" data-state="ready" aria-label="Runs">
        <EmptyState title="No experiment selected" className="runs-empty">
          <p>
            Pick an experiment in the sidebar to see its runs; tick several to see their runs
            together.
          </p>
        </EmptyState>
      </section>
    );

  return (
    <section className="runs-view" aria-label="Runs" data-state={tableState}>
      <header className="runs-header">
        <RunsHeader
          experiments={shown}
          storeOf={(id) => storeById(stores.data, id)}
          count={count}
          progress={pages.loading ? progress : null}
          live={live}
        />
        <RunsToolbar
          search={search}
          update={update}
          filterRef={filterRef}
          filterError={filterError}
          keys={data.keys}
          columns={columns}
          selectedCount={selected.size}
          onExport={exportCsv}
          onCompare={() => compare([...selected])}
          onClearSelection={() => setSelected([])}
          canExport={data.rows.length > 0}
        />
      </header>
      <BrokenExperimentNote broken={broken} />
      {unknown.length > 0 && (
        <div className="banner banner-warn" role="status">
          {unknown.length === 1
            ? 'An experiment of this link is'
            : `${unknown.length} experiments of this link are`}{' '}
          not open here ({unknown.map((e) => e.ref).join(', ')}). Stores are named by their id in
          this session: open the store, then pick the experiment in the sidebar.
        </div>
      )}
      {otherError && (
        <ErrorBanner
          title="Could not load the runs"
          error={otherError}
          className="runs-banner"
          onRetry={() =>
            void client.invalidateQueries({ predicate: (q) => q.queryKey[0] === 'searchRuns' })
          }
        />
      )}
      {pages.checking && (
        // Stale-while-revalidate: these rows are the last index's (or, on a first open, the first page
        // read ahead of the others); the exact list replaces them in place.
        <p className="runs-note runs-checking" role="status">
          Checking the store for changes… these rows may still update.
        </p>
      )}
      {data.sortingHere && data.loadingAll && (
        <p className="runs-note" role="status">
          Loading every run to sort by this column… {pages.loadedCount.toLocaleString()}
          {data.total !== null ? ` of ${data.total.toLocaleString()}` : ''}
        </p>
      )}
      <div className="runs-body-area">
        <div
          className="runs-table"
          data-state={tableState}
          data-checking={pages.checking || undefined}
          aria-busy={tableState === 'loading'}
        >
          {pages.fetching && !pages.loading && <div className="progress" aria-hidden="true" />}
          {pages.loading && !pages.error && (
            <div className="table-skeleton" aria-hidden="true">
              <SkeletonLines count={12} lineHeight={ROW_HEIGHT} />
            </div>
          )}
          {pages.error && (
            <EmptyState title={filterError ? 'Fix the filter to see runs.' : 'No runs to show.'}>
              {filterError && (
                <p>The filter above says where it went wrong. Clear it to see every run.</p>
              )}
            </EmptyState>
          )}
          {!pages.error && !pages.loading && data.rows.length === 0 && (
            <EmptyState
              title={
                broken.length === shown.length
                  ? 'No runs can be read here.'
                  : search.filter
                    ? 'No runs match this filter.'
                    : 'No runs here yet.'
              }
              className="empty"
            >
              <p>
                {broken.length === shown.length
                  ? 'The experiment itself could not be read (see above).'
                  : search.filter
                    ? 'Loosen the filter or clear it (×) to see every run.'
                    : search.deleted
                      ? 'These experiments have no runs, active or deleted. Runs logged with MLflow appear here as they are created.'
                      : 'Runs logged with MLflow appear here as they are created. Turn on “Deleted runs” to see deleted ones.'}
              </p>
            </EmptyState>
          )}
          {!pages.error && data.rows.length > 0 && chartView && (
            <div className="runs-chart-area">
              {chartRuns.length === CHART_LIMIT && (
                <p className="runs-note" role="status">
                  Charting the first {CHART_LIMIT} {selected.size > 0 ? 'selected ' : ''}runs.
                  Select runs in the table to chart others.
                </p>
              )}
              <ChartViewSlot runs={chartRuns} />
            </div>
          )}
          {!pages.error && data.rows.length > 0 && !chartView && (
            <RunsTable
              key={refs.join(',')}
              rows={data.rows}
              columns={columns.specs}
              pinnedCount={columns.pinnedCount}
              widths={columns.widths}
              onWidthsChange={columns.setWidths}
              sort={data.sort}
              onSort={(id) => update({ sort: nextSort(search.sort, id) })}
              nested={data.nested}
              collapsed={data.collapsed}
              onToggle={data.toggle}
              selected={selected}
              onCheck={onCheck}
              onCheckAll={(checked) =>
                setSelected(
                  checked ? data.rows.filter((r) => r.kind === 'run').map((r) => r.key) : [],
                )
              }
              onOpen={openRun}
              ranges={data.ranges}
              experimentName={(storeId, experimentId) =>
                experiments.byRef.get(`${storeId}:${experimentId}`)?.name
              }
              groupLabel={data.groupSpec?.label ?? ''}
              groupMetric={data.aggSpec}
              pendingRows={
                pages.hasMore && !data.groupSpec
                  ? Math.min(20, Math.max(1, (data.total ?? 0) - pages.loadedCount))
                  : 0
              }
              onNearEnd={pages.loadMore}
              onVisibleRows={onVisibleRows}
              dimmed={false}
            />
          )}
        </div>
      </div>
    </section>
  );
}
