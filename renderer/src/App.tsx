/**
 * The app shell (the root route's component): the sidebar and the current screen. The root's
 * `data-state` is what end-to-end tests and the bench wait on: 'ready' once the open stores and
 * their experiments are listed ('prerendered' in the HTML the web host sends before React runs). The
 * host's events are wired to the query cache here.
 */
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { Outlet } from '@tanstack/react-router';
import { useDeferredValue, useEffect } from 'react';
import { useApi, useHostEvents } from './api/ApiContext';
import { createLiveInvalidator } from './api/liveInvalidation';
import { apiQueryOptions } from './api/queries';
import { DropTarget } from './desktop/DropTarget';
import { experimentsRequest, useStores } from './experiments/catalog';
import { Sidebar } from './experiments/Sidebar';
import { usePrerendering } from './prerender/prerendering';
import { ErrorBanner } from './ui/ErrorBanner';

/** Store changes → precise invalidation of cached queries; stores opened from the desktop menu too. */
function useLiveQueries(): void {
  const client = useQueryClient();
  const events = useHostEvents();
  useEffect(() => {
    const live = createLiveInvalidator(client);
    const offEvents = events.subscribe(
      (event) => live.onEvent(event),
      (isLive) => live.onLive(isLive),
    );
    const offStores = events.onStoresChanged(
      () => void client.invalidateQueries({ queryKey: ['listStores'] }),
    );
    return () => {
      offEvents();
      offStores();
      live.dispose();
    };
  }, [client, events]);
}

export function App() {
  useLiveQueries();
  // The shell and sidebar are committed (and painted) first; the screen follows in the next,
  // interruptible render. On a launch the screen's first render (the runs view, its columns, its
  // queries) otherwise held the sidebar back by its own cost.
  const screenShown = useDeferredValue(true, false);
  // Sent in the page by the web host (prerender/renderShell.tsx): inert until React replaces it.
  const prerendered = usePrerendering();
  const api = useApi();
  const stores = useStores();
  const readable = (stores.data ?? []).filter((s) => s.state === 'ready');
  const experimentLists = useQueries({
    queries: readable.map((s) =>
      apiQueryOptions(api, 'searchExperiments', experimentsRequest(s.storeId)),
    ),
  });

  if (stores.error && !stores.data) {
    return (
      <div className="app app-message" data-state="error">
        <ErrorBanner
          title="Runlens could not list the open stores."
          error={stores.error}
          onRetry={() => void stores.refetch()}
        />
      </div>
    );
  }
  const ready = stores.isSuccess && experimentLists.every((q) => !q.isPending);
  const state = prerendered ? 'prerendered' : ready ? 'ready' : 'loading';
  return (
    <div
      className="app"
      data-state={state}
      aria-busy={state !== 'ready'}
      inert={prerendered || undefined}
    >
      {/* Desktop: a folder or .db dropped on the window opens it (renders nothing in a browser). */}
      <DropTarget />
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        Skip to the runs
      </a>
      <Sidebar />
      <main className="main" id="main" tabIndex={-1}>
        {screenShown && <Outlet />}
      </main>
    </div>
  );
}
