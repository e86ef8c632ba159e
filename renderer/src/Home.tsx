/** `/`: where to start — the stores that are open and what to do next. */
import { useStores } from './experiments/catalog';
import { EmptyState } from './ui/EmptyState';

export function Home() {
  const stores = useStores();
  const list = stores.data ?? [];
  const readable = list.filter((s) => s.state === 'ready');
  return (
    <section
      className="screen home"
      aria-label="Start"
      data-state={stores.isPending ? 'loading' : 'ready'}
    >
      <EmptyState
        title={
          list.length === 0
            ? 'No store is open'
            : 'Pick an experiment in the sidebar to see its runs'
        }
      >
        {list.length === 0 ? (
          <p>
            Use Open… in the sidebar to open an mlruns folder or an mlflow.db file, or connect to an
            MLflow server.
          </p>
        ) : (
          <>
            <p>
              {readable.length} {readable.length === 1 ? 'store is' : 'stores are'} open. Tick
              several experiments (of any stores) to see their runs together; select runs to compare
              them.
            </p>
            <p className="muted">
              Keys: <kbd>/</kbd> filter · <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> open a
              run · <kbd>Space</kbd> select · <kbd>Esc</kbd> close
            </p>
          </>
        )}
      </EmptyState>
    </section>
  );
}
