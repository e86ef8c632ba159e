import { useEffect, useState } from 'react';
import { useHostEvents } from './api/ApiContext';
import { Sidebar, type Selection } from './components/Sidebar';
import { RunsView } from './components/RunsView';
import { useCatalog } from './hooks/useCatalog';

/**
 * The app shell. The root's `data-state` is the app-level state end-to-end tests wait on:
 * 'ready' once the stores and their experiments are listed.
 */
export function App() {
  const [reloadCount, setReloadCount] = useState(0);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [showDeleted, setShowDeleted] = useState(false);
  const catalog = useCatalog(reloadCount);
  const events = useHostEvents();

  useEffect(
    () =>
      events.onStoresChanged(() => {
        setReloadCount((n) => n + 1);
      }),
    [events],
  );
  // Live updates: the sidebar follows stores opened elsewhere and experiments created, renamed or deleted.
  useEffect(
    () =>
      events.subscribe((event) => {
        if (
          event.type === 'storesChanged' ||
          (event.type === 'storeChanged' && event.experimentsChanged)
        )
          setReloadCount((n) => n + 1);
      }),
    [events],
  );

  if (catalog.status === 'error') {
    return (
      <div className="app app-message" data-state="error">
        <div className="banner banner-error" role="alert">
          <div>
            <strong>Runlens could not list the open stores.</strong>
            <p>
              {catalog.error.message} <span className="muted">({catalog.error.code})</span>
            </p>
          </div>
          <button type="button" onClick={() => setReloadCount((n) => n + 1)}>
            Retry
          </button>
        </div>
      </div>
    );
  }
  // A reload (stores changed) keeps showing the last catalog instead of blanking the window.
  const stores =
    catalog.status === 'ready'
      ? catalog.value
      : catalog.status === 'loading'
        ? catalog.previous
        : undefined;
  if (stores === undefined) {
    return (
      <div className="app app-message" data-state="loading" aria-busy="true">
        <p className="muted">Opening stores…</p>
      </div>
    );
  }

  const store = stores.find((s) => s.info.storeId === selection?.storeId);
  const experiment = store?.experiments.find((e) => e.experimentId === selection?.experimentId);
  return (
    <div className="app" data-state={catalog.status === 'ready' ? 'ready' : 'loading'}>
      <Sidebar
        stores={stores}
        selection={selection}
        onSelect={setSelection}
        showDeleted={showDeleted}
        onShowDeletedChange={setShowDeleted}
        onStoreOpened={() => setReloadCount((n) => n + 1)}
      />
      <main className="main">
        {store && experiment ? (
          <RunsView
            key={`${store.info.storeId}/${experiment.experimentId}`}
            store={store.info}
            experiment={experiment}
          />
        ) : (
          <div className="placeholder">
            <p>
              {stores.some((s) => s.experiments.length > 0)
                ? 'Pick an experiment to see its runs.'
                : 'No experiments'}
            </p>
          </div>
        )}
      </main>
    </div>
  );
}
