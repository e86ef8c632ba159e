/**
 * One open store in the sidebar: its name, kind and location, its problems (a button opening the
 * Problems panel), and its experiments matching the search, with their run counts.
 */
import { Link } from '@tanstack/react-router';
import { useQueryClient } from '@tanstack/react-query';
import { Fragment, useEffect, useState } from 'react';
import type { StoreInfo } from '../../../shared/common/contract';
import type { StoreKind } from '../../../shared/common/types';
import { useApiQuery } from '../api/queries';
import { modelsLink } from '../links';
import { SkeletonLines } from '../ui/Skeleton';
import { errorAdvice } from '../ui/errorAdvice';
import { BrokenExperimentItem } from './BrokenExperimentItem';
import { brokenExperiments } from './brokenExperiments';
import { experimentsRequest, sortExperiments } from './catalog';
import { ExperimentItem } from './ExperimentItem';
import { ProblemsPanel } from './ProblemsPanel';
import { mayHaveBrokenExperiments } from './useBrokenExperiments';

const KIND_LABELS: Record<StoreKind, string> = { file: 'Folder', sqlite: 'SQLite', rest: 'Server' };
/** Experiment rows in the sidebar: the skeleton has their height, so nothing jumps. */
export const EXPERIMENT_ROW_HEIGHT = 26;

/** A path-like name that may wrap after each separator, rather than mid-word. */
function PathText({ text }: { text: string }) {
  const parts = text.split(/(?<=[/\\])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}

export function StoreSection({
  store,
  search,
  showDeleted,
  selection,
  context,
  onToggle,
  onClose,
}: {
  store: StoreInfo;
  search: string;
  showDeleted: boolean;
  selection: readonly string[];
  /** The experiment of the run page on screen (`storeId:experimentId`), if any. */
  context?: string;
  onToggle: (ref: string) => void;
  onClose: (storeId: string) => void;
}) {
  const [problemsOpen, setProblemsOpen] = useState(false);
  const ready = store.state === 'ready';
  const experiments = useApiQuery(
    'searchExperiments',
    ready ? experimentsRequest(store.storeId) : null,
  );
  const counts = useApiQuery(
    'countRuns',
    ready ? { storeId: store.storeId, viewType: showDeleted ? 'ALL' : 'ACTIVE_ONLY' } : null,
  );
  // Experiments whose meta.yaml is unreadable are listed too, by id, marked (not left out silently).
  const problems = useApiQuery(
    'getStoreProblems',
    mayHaveBrokenExperiments(store) ? { storeId: store.storeId } : null,
  );
  const client = useQueryClient();
  // A store's problems are found while its experiments and runs are read, after listStores answered
  // with the count: refresh the count once they are, so a corrupt part shows without a reload.
  useEffect(() => {
    if (experiments.dataUpdatedAt > 0 || counts.dataUpdatedAt > 0)
      void client.invalidateQueries({ queryKey: ['listStores'] });
  }, [client, experiments.dataUpdatedAt, counts.dataUpdatedAt]);
  const needle = search.trim().toLowerCase();
  const list = sortExperiments(experiments.data?.experiments ?? []).filter(
    (e) =>
      (showDeleted || e.lifecycleStage === 'active') &&
      (needle === '' || e.name.toLowerCase().includes(needle)),
  );
  const broken = brokenExperiments(store.location, problems.data ?? []).filter(
    (b) => needle === '' || b.experimentId.toLowerCase().includes(needle),
  );
  const error = store.state === 'error' ? store.error : experiments.error;
  const byExperiment = counts.data?.byExperiment;
  const headingId = `store-${store.storeId}`;

  return (
    <section
      className="store"
      data-store-id={store.storeId}
      data-store-state={store.state}
      aria-labelledby={headingId}
    >
      <header className="store-head">
        <div className="store-title">
          <h2 id={headingId} className="store-name" title={store.location}>
            <PathText text={store.displayName} />
          </h2>
          <span className={`badge badge-${store.kind}`}>{KIND_LABELS[store.kind]}</span>
        </div>
        <p className="store-location" title={store.location}>
          <PathText text={store.location} />
        </p>
        {ready && (
          <Link {...modelsLink(store.storeId)} className="store-link">
            Model registry
          </Link>
        )}
        {store.problemCount > 0 && (
          <button
            type="button"
            className="badge badge-warn problems-button"
            aria-haspopup="dialog"
            onClick={() => setProblemsOpen(true)}
            title="Parts of this store could not be read; the rest is shown. Show what and why."
          >
            {store.problemCount} {store.problemCount === 1 ? 'problem' : 'problems'}
          </button>
        )}
      </header>
      {problemsOpen && <ProblemsPanel store={store} onClose={() => setProblemsOpen(false)} />}
      {error ? (
        <div className="store-error" role="alert">
          <p>{error.message}</p>
          <p className="store-error-advice">{errorAdvice(error.code)}</p>
          <button
            type="button"
            className="button button-small"
            onClick={() => onClose(store.storeId)}
          >
            Close this store
          </button>
        </div>
      ) : experiments.isPending ? (
        <SkeletonLines
          count={3}
          lineHeight={EXPERIMENT_ROW_HEIGHT}
          className="experiments-skeleton"
        />
      ) : list.length === 0 && broken.length === 0 ? (
        <p className="store-empty">
          {needle
            ? `No experiment matches “${search.trim()}”.`
            : showDeleted
              ? 'This store has no experiments.'
              : 'No active experiments. Turn on “Show deleted” to see deleted ones.'}
        </p>
      ) : (
        <ul className="experiments" aria-label={`Experiments of ${store.displayName}`}>
          {list.map((experiment) => {
            const ref = `${store.storeId}:${experiment.experimentId}`;
            return (
              <ExperimentItem
                key={experiment.experimentId}
                storeId={store.storeId}
                experiment={experiment}
                runCount={byExperiment ? (byExperiment[experiment.experimentId] ?? 0) : undefined}
                shown={selection.includes(ref)}
                context={ref === context}
                selection={selection}
                onToggle={onToggle}
              />
            );
          })}
          {broken.map((b) => {
            const ref = `${store.storeId}:${b.experimentId}`;
            return (
              <BrokenExperimentItem
                key={`broken-${b.experimentId}`}
                storeId={store.storeId}
                broken={b}
                current={selection.length === 1 && selection[0] === ref}
                onShowProblems={() => setProblemsOpen(true)}
              />
            );
          })}
        </ul>
      )}
      {experiments.data?.nextPageToken && (
        <p className="store-empty">Only the first 50,000 experiments are listed.</p>
      )}
    </section>
  );
}
