/**
 * "Open…": a path field with completion from the host (its folders are the user's: the web host is
 * local), plus the recent stores. Folders that would open as a store are marked; Enter on a suggestion
 * takes it, Enter otherwise opens what is typed. A path that is not a store gets its reason here and
 * is not left in the sidebar.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useDeferredValue, useId, useState } from 'react';
import type { PathEntry, StoreInfo } from '../../../shared/common/contract';
import { useApi } from '../api/ApiContext';
import { asApiError, type ApiError } from '../api/ApiError';
import { apiQueryKey, useApiQuery } from '../api/queries';
import { errorAdvice } from '../ui/errorAdvice';
import { Popover } from '../ui/Popover';
import { experimentsRequest, sortExperiments } from './catalog';
import { loadRecentStores, rememberStore } from './recentStores';

const KIND_LABEL = { file: 'mlruns', sqlite: 'SQLite', rest: 'server' } as const;

function OpenForm({ close }: { close: () => void }) {
  const api = useApi();
  const client = useQueryClient();
  const navigate = useNavigate();
  const [path, setPath] = useState('');
  const [active, setActive] = useState(-1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const listId = useId();
  const typed = useDeferredValue(path);
  const completion = useApiQuery('completePath', { prefix: typed }, { staleTime: 2000 });
  const entries: PathEntry[] = completion.data?.entries ?? [];
  const recent = loadRecentStores();

  const open = async (location: string): Promise<void> => {
    const target = location.trim();
    if (!target) return;
    setBusy(true);
    setError(null);
    let info: StoreInfo;
    try {
      info = await api.openStore({ location: target });
    } catch (err) {
      setBusy(false);
      setError(asApiError(err));
      return;
    }
    if (info.state === 'error') {
      // Not a store (or unreadable): say why here, and do not leave a broken entry in the sidebar.
      await api.closeStore({ storeId: info.storeId }).catch(() => undefined);
      setBusy(false);
      setError(asApiError(info.error ?? new Error('This store cannot be read.')));
      return;
    }
    rememberStore(info.location);
    await client.invalidateQueries({ queryKey: ['listStores'] });
    const experiments = await client
      .fetchQuery({
        queryKey: apiQueryKey('searchExperiments', experimentsRequest(info.storeId)),
        queryFn: ({ signal }) =>
          api.searchExperiments(experimentsRequest(info.storeId), { signal }),
      })
      .catch(() => null);
    setBusy(false);
    close();
    const first = sortExperiments(experiments?.experiments ?? []).find(
      (e) => e.lifecycleStage === 'active',
    );
    if (first)
      void navigate({ to: '/runs', search: { e: [`${info.storeId}:${first.experimentId}`] } });
  };

  const take = (entry: PathEntry): void => {
    setPath(entry.path);
    setActive(-1);
  };

  return (
    <form
      className="open-store"
      onSubmit={(event) => {
        event.preventDefault();
        void open(path);
      }}
    >
      <label htmlFor={`${listId}-input`} className="field-label">
        Folder or SQLite file
      </label>
      <input
        id={`${listId}-input`}
        className="text-input mono"
        role="combobox"
        aria-expanded={entries.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
        placeholder="/path/to/mlruns or mlflow.db"
        spellCheck={false}
        autoComplete="off"
        autoFocus
        value={path}
        onChange={(event) => {
          setPath(event.target.value);
          setActive(-1);
          setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && entries.length > 0) {
            event.preventDefault();
            setActive((a) => (a + 1) % entries.length);
          } else if (event.key === 'ArrowUp' && entries.length > 0) {
            event.preventDefault();
            setActive((a) => (a <= 0 ? entries.length - 1 : a - 1));
          } else if ((event.key === 'Enter' || event.key === 'Tab') && active >= 0) {
            const entry = entries[active];
            if (!entry) return;
            event.preventDefault();
            take(entry);
          }
        }}
      />
      <ul id={listId} role="listbox" className="path-options" aria-label="Matching folders">
        {entries.map((entry, i) => (
          <li
            key={entry.path}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'active' : undefined}
            onPointerDown={(event) => {
              event.preventDefault();
              take(entry);
            }}
          >
            <span className="path-name">
              {entry.name}
              {entry.isDir ? '/' : ''}
            </span>
            {entry.store && (
              <span className={`badge badge-${entry.store}`}>{KIND_LABEL[entry.store]}</span>
            )}
          </li>
        ))}
      </ul>
      {completion.data?.truncated && <p className="muted small">More entries: keep typing.</p>}
      {error && (
        <div className="form-error" role="alert">
          <p>{error.message}</p>
          <p className="muted">{errorAdvice(error.code)}</p>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy || !path.trim()}>
          {busy ? 'Opening…' : 'Open'}
        </button>
      </div>
      {recent.length > 0 && (
        <section className="recent-stores" aria-label="Recent stores">
          <h3>Recent</h3>
          <ul>
            {recent.map((location) => (
              <li key={location}>
                <button
                  type="button"
                  className="link-button mono"
                  title={location}
                  onClick={() => void open(location)}
                >
                  {location}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </form>
  );
}

export function OpenStore() {
  return (
    <Popover
      label="Open a store"
      button="Open…"
      className="open-popover"
      buttonClassName="button button-small"
    >
      {(close) => <OpenForm close={close} />}
    </Popover>
  );
}
