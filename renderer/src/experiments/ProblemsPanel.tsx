/**
 * A store's Problems: every part that could not be read, with its path and the reason, so nothing
 * disappears without a word. Live: the list refetches when the store changes (the problem count in
 * the sidebar comes from listStores, which follows every change).
 */
import { useEffect, useRef } from 'react';
import type { StoreInfo } from '../../../shared/common/contract';
import { useApiQuery } from '../api/queries';
import { ErrorBanner } from '../ui/ErrorBanner';
import { SkeletonLines } from '../ui/Skeleton';

export function ProblemsPanel({ store, onClose }: { store: StoreInfo; onClose: () => void }) {
  const problems = useApiQuery('getStoreProblems', { storeId: store.storeId });
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const list = problems.data ?? [];
  const state = problems.isPending ? 'loading' : problems.isError ? 'error' : 'ready';
  return (
    <dialog
      ref={dialog}
      className="problems-dialog"
      aria-labelledby="problems-title"
      data-state={state}
      onClose={onClose}
      onCancel={onClose}
    >
      <header className="dialog-head">
        <h2 id="problems-title">Problems in {store.displayName}</h2>
        <button type="button" className="icon-button" aria-label="Close problems" onClick={onClose}>
          ×
        </button>
      </header>
      <p className="muted problems-intro">
        These parts of <code>{store.location}</code> could not be read. Everything else is shown.
        Runlens never changes the store: fix or remove these files with MLflow or by hand.
      </p>
      {problems.isPending && <SkeletonLines count={3} lineHeight={44} />}
      {problems.error && (
        <ErrorBanner
          title="Could not list the problems"
          error={problems.error}
          onRetry={() => void problems.refetch()}
        />
      )}
      {problems.isSuccess && list.length === 0 && (
        <p className="problems-none">No problems: every part of this store could be read.</p>
      )}
      {list.length > 0 && (
        <ol className="problems-list" aria-label="Problems">
          {list.map((problem, i) => (
            <li key={`${problem.path}#${i}`}>
              <code className="problem-path">{problem.path}</code>
              <span className="problem-reason">{problem.message}</span>
            </li>
          ))}
        </ol>
      )}
    </dialog>
  );
}
