import { Fragment } from 'react';
import type { StoreKind } from '../../../shared/common/types';
import type { CatalogStore } from '../hooks/useCatalog';
import { ServerConnections } from '../connections/ServerConnections';

export interface Selection {
  storeId: string;
  experimentId: string;
}

const KIND_LABELS: Record<StoreKind, string> = { file: 'Folder', sqlite: 'SQLite', rest: 'Server' };

/** A path-like name that may wrap after each separator, rather than mid-word. */
function PathName({ text }: { text: string }) {
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

interface Props {
  stores: readonly CatalogStore[];
  selection: Selection | null;
  onSelect: (selection: Selection) => void;
  showDeleted: boolean;
  onShowDeletedChange: (show: boolean) => void;
  /** A store was opened from the sidebar (a server connected): the catalog must reload. */
  onStoreOpened: (storeId: string) => void;
}

function StoreSection({
  store,
  selection,
  onSelect,
  showDeleted,
}: { store: CatalogStore } & Omit<Props, 'stores' | 'onShowDeletedChange' | 'onStoreOpened'>) {
  const { info } = store;
  const experiments = store.experiments.filter((e) => showDeleted || e.lifecycleStage === 'active');
  const error = info.state === 'error' ? info.error : store.experimentsError;
  return (
    <section
      className="store"
      data-store-id={info.storeId}
      data-store-state={info.state}
      aria-label={info.displayName}
    >
      <header className="store-head" title={info.location}>
        <span className="store-name">
          <PathName text={info.displayName} />
        </span>
        <span className={`badge badge-${info.kind}`}>{KIND_LABELS[info.kind]}</span>
        {info.problemCount > 0 && (
          <span
            className="badge badge-warn"
            title={`${info.problemCount} part(s) of this store could not be read; the rest is shown.`}
          >
            {info.problemCount} {info.problemCount === 1 ? 'problem' : 'problems'}
          </span>
        )}
      </header>
      {error ? (
        <p className="store-error" role="alert">
          {error.message}
        </p>
      ) : experiments.length === 0 ? (
        <p className="store-empty">No experiments</p>
      ) : (
        <ul className="experiments">
          {experiments.map((experiment) => {
            const current =
              selection?.storeId === info.storeId &&
              selection.experimentId === experiment.experimentId;
            const deleted = experiment.lifecycleStage === 'deleted';
            return (
              <li key={experiment.experimentId}>
                <button
                  type="button"
                  className={`experiment${current ? ' current' : ''}${deleted ? ' deleted' : ''}`}
                  aria-current={current ? 'page' : undefined}
                  title={`${experiment.name}\nid ${experiment.experimentId}${deleted ? ' (deleted)' : ''}`}
                  onClick={() =>
                    onSelect({ storeId: info.storeId, experimentId: experiment.experimentId })
                  }
                >
                  <span className="experiment-name">{experiment.name}</span>
                  {deleted && <span className="badge badge-deleted">deleted</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Open stores and their experiments; deleted experiments only on request. */
export function Sidebar({
  stores,
  selection,
  onSelect,
  showDeleted,
  onShowDeletedChange,
  onStoreOpened,
}: Props) {
  return (
    <nav className="sidebar" aria-label="Stores and experiments">
      <div className="sidebar-head">
        <span className="app-name">Runlens</span>
        <label className="toggle">
          <input
            type="checkbox"
            checked={showDeleted}
            onChange={(event) => onShowDeletedChange(event.target.checked)}
          />
          Show deleted
        </label>
      </div>
      <div className="sidebar-scroll">
        {stores.length === 0 ? (
          <p className="store-empty">No stores are open.</p>
        ) : (
          stores.map((store) => (
            <StoreSection
              key={store.info.storeId}
              store={store}
              selection={selection}
              onSelect={onSelect}
              showDeleted={showDeleted}
            />
          ))
        )}
      </div>
      <ServerConnections onConnected={onStoreOpened} />
    </nav>
  );
}
