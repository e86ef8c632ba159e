import { useMemo, useState } from 'react';
import type { StoreInfo } from '../../../shared/common/contract';
import type { Experiment } from '../../../shared/common/types';
import { useLiveRuns } from '../hooks/useLiveRuns';
import { useLoadProgress } from '../hooks/useLoadProgress';
import type { LoadedRuns } from '../hooks/useRuns';
import { buildColumns, orderByFor, sortLocally, type SortState } from '../runs/columns';
import { flatRows, nestRuns } from '../runs/runTree';
import { FilterBox } from './FilterBox';
import { LoadProgressBar } from './LoadProgressBar';
import { RunDetails } from './RunDetails';
import { RunsTable } from './RunsTable';

interface Props {
  store: StoreInfo;
  experiment: Experiment;
}

function countLabel(loaded: LoadedRuns | undefined): string {
  if (loaded === undefined) return '';
  const n = loaded.runs.length;
  const text = `${n.toLocaleString()} ${n === 1 ? 'run' : 'runs'}`;
  return loaded.truncated ? `first ${text}` : text;
}

/** The description on one line: MLflow stores markdown, whose emphasis marks read as noise here. */
function plainSummary(markdown: string): string {
  return markdown
    .replace(/\*\*|__|`/g, '')
    .replace(/^#+\s*/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cycles a column through descending, ascending and back to the store's default order. */
function nextSort(current: SortState | null, columnId: string): SortState | null {
  if (current?.columnId !== columnId)
    return { columnId, ascending: columnId === 'name' || columnId === 'user' };
  const startedAscending = columnId === 'name' || columnId === 'user';
  if (current.ascending === startedAscending) return { columnId, ascending: !current.ascending };
  return null;
}

/** One experiment's runs: header, filter, table and (when a run is picked) its details. */
export function RunsView({ store, experiment }: Props) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortState | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [selectedRunId, setSelectedRunId] = useState<string | null>(null);
  const [reloadCount, setReloadCount] = useState(0);

  const orderBy = orderByFor(sort);
  const query = { storeId: store.storeId, experimentId: experiment.experimentId, filter, orderBy };
  const progress = useLoadProgress(store.storeId);
  const { result, refreshing, live } = useLiveRuns(query, reloadCount);

  const loaded =
    result.status === 'ready'
      ? result.value
      : result.status === 'loading'
        ? result.previous
        : undefined;
  const runs = useMemo(() => {
    const list = loaded?.runs ?? [];
    // The store ordered the runs when it could; the rest (duration, odd keys) is sorted here.
    return sort !== null && orderBy.length === 0 ? sortLocally(list, sort) : list;
  }, [loaded, sort, orderBy.length]);
  const columns = useMemo(() => buildColumns(runs), [runs]);
  // Tree rows only in the store's default order and only when some loaded run has a loaded parent.
  const tree = useMemo(
    () => (sort === null ? nestRuns(runs, collapsed) : null),
    [sort, runs, collapsed],
  );
  const nested = tree !== null && tree.some((row) => row.childCount > 0);
  const rows = useMemo(() => tree ?? flatRows(runs), [tree, runs]);
  const selectedRun = runs.find((r) => r.info.runId === selectedRunId);

  const filterError =
    result.status === 'error' && result.error.code === 'INVALID_ARGUMENT'
      ? result.error.message
      : null;
  const otherError = result.status === 'error' && filterError === null ? result.error : null;
  // A reload because the store changed keeps the table as it is ('ready', undimmed, same scroll).
  const tableState =
    result.status === 'error'
      ? 'error'
      : result.status === 'ready' || refreshing
        ? 'ready'
        : 'loading';
  const description = experiment.tags['mlflow.note.content'];

  return (
    <section className="runs-view" aria-label={`Runs of ${experiment.name}`}>
      <header className="runs-header">
        <div className="title-line">
          <span className="crumb" title={store.location}>
            {store.displayName}
          </span>
          <span className="crumb-sep" aria-hidden="true">
            /
          </span>
          <h1 title={experiment.name}>{experiment.name}</h1>
          {experiment.lifecycleStage === 'deleted' && (
            <span className="badge badge-deleted">deleted</span>
          )}
          <span className="run-count" data-testid="run-count">
            {countLabel(loaded)}
          </span>
          {/* Only while this view waits: a load that outlives its query (cancelled) shows nothing. */}
          {progress !== null && result.status === 'loading' && (
            <LoadProgressBar progress={progress} />
          )}
          {live && (
            <span
              className="live-indicator"
              data-testid="live-indicator"
              title="New runs and metric points appear as they are logged"
            >
              live
            </span>
          )}
        </div>
        {description && (
          <p className="experiment-description" title={description}>
            {plainSummary(description)}
          </p>
        )}
        <FilterBox applied={filter} onApply={setFilter} error={filterError} />
      </header>
      {otherError && (
        <div className="banner banner-error" role="alert">
          <span>
            Could not load the runs: {otherError.message}{' '}
            <span className="muted">({otherError.code})</span>
          </span>
          <button type="button" onClick={() => setReloadCount((n) => n + 1)}>
            Retry
          </button>
        </div>
      )}
      <div className="runs-body-area">
        <div className="runs-table" data-state={tableState} aria-busy={tableState === 'loading'}>
          {result.status === 'loading' && !refreshing && (
            <div className="progress" aria-hidden="true" />
          )}
          {loaded === undefined && result.status === 'loading' && (
            <div className="empty">Loading runs…</div>
          )}
          {result.status === 'error' && (
            <div className="empty">
              {filterError ? 'Fix the filter to see runs.' : 'No runs to show.'}
            </div>
          )}
          {result.status !== 'error' && loaded !== undefined && runs.length === 0 && (
            <div className="empty">
              {filter ? 'No runs match this filter.' : 'This experiment has no runs.'}
            </div>
          )}
          {result.status !== 'error' && runs.length > 0 && (
            <RunsTable
              rows={rows}
              columns={columns}
              sort={sort}
              onSort={(columnId) => setSort((s) => nextSort(s, columnId))}
              nested={nested}
              collapsed={collapsed}
              onToggle={(runId) =>
                setCollapsed((set) => {
                  const next = new Set(set);
                  if (!next.delete(runId)) next.add(runId);
                  return next;
                })
              }
              selectedRunId={selectedRunId}
              onSelect={(runId) =>
                setSelectedRunId((current) => (current === runId ? null : runId))
              }
              dimmed={result.status === 'loading' && !refreshing}
            />
          )}
        </div>
        {selectedRun && <RunDetails run={selectedRun} onClose={() => setSelectedRunId(null)} />}
      </div>
    </section>
  );
}
