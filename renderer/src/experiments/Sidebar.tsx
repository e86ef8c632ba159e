/**
 * The sidebar: every open store with its experiments (searchable, deleted ones on request), several
 * experiments of any stores selected together (the URL's `e` list), Open…, server connections and the
 * theme. The experiments shown are read from the URL, so Back/Forward and links keep them in step.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useRouterState } from '@tanstack/react-router';
import { useRunPageExperiment } from './useRunPageExperiment';
import { useState } from 'react';
import { useApi } from '../api/ApiContext';
import { ServerConnections } from '../connections/ServerConnections';
import { GovernanceNavLink } from '../governance/GovernanceNavLink';
import { validateRunsSearch } from '../runs/runsSearch';
import { ThemeToggle } from '../ui/ThemeToggle';
import { useStores } from './catalog';
import { OpenStore } from './OpenStore';
import { StoreSection } from './StoreSection';
import './sidebar.css';

const SHOW_DELETED_KEY = 'runlens.showDeletedExperiments';

function initialShowDeleted(): boolean {
  try {
    return localStorage.getItem(SHOW_DELETED_KEY) === 'true';
  } catch {
    return false;
  }
}

export function Sidebar() {
  const api = useApi();
  const client = useQueryClient();
  const navigate = useNavigate();
  const stores = useStores();
  const [search, setSearch] = useState('');
  const [showDeleted, setShowDeleted] = useState(initialShowDeleted);
  const location = useRouterState({ select: (s) => s.location });
  const current =
    location.pathname === '/runs'
      ? validateRunsSearch(location.search as Record<string, unknown>)
      : null;
  const selection = current?.e ?? [];
  const context = useRunPageExperiment();

  const toggle = (ref: string): void => {
    const next = selection.includes(ref) ? selection.filter((r) => r !== ref) : [...selection, ref];
    void navigate({
      to: next.length === 0 ? '/' : '/runs',
      // Columns are remembered per set of experiments: a new set starts from its own.
      search: next.length === 0 ? {} : { ...current, e: next, cols: undefined },
    });
  };

  const closeStore = async (storeId: string): Promise<void> => {
    await api.closeStore({ storeId }).catch(() => undefined);
    await client.invalidateQueries({ queryKey: ['listStores'] });
  };

  return (
    <nav className="sidebar" aria-label="Stores and experiments">
      <div className="sidebar-head">
        <span className="app-name">Runlens</span>
        <ThemeToggle />
      </div>
      <div className="sidebar-tools">
        <input
          type="search"
          className="text-input sidebar-search"
          aria-label="Search experiments"
          placeholder="Search experiments"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
        <div className="sidebar-row">
          <label className="toggle">
            <input
              type="checkbox"
              checked={showDeleted}
              onChange={(event) => {
                setShowDeleted(event.target.checked);
                try {
                  localStorage.setItem(SHOW_DELETED_KEY, String(event.target.checked));
                } catch {
                  // Not remembered; fine.
                }
              }}
            />
            Show deleted
          </label>
          <OpenStore />
        </div>
        <GovernanceNavLink />
      </div>
      <div className="sidebar-scroll">
        {stores.data?.length === 0 && (
          <p className="store-empty">
            No stores are open. Use Open… to open an mlruns folder or an mlflow.db.
          </p>
        )}
        {stores.data?.map((store) => (
          <StoreSection
            key={store.storeId}
            store={store}
            search={search}
            showDeleted={showDeleted}
            selection={selection}
            context={context}
            onToggle={toggle}
            onClose={(id) => void closeStore(id)}
          />
        ))}
      </div>
      <ServerConnections
        onConnected={() => void client.invalidateQueries({ queryKey: ['listStores'] })}
      />
    </nav>
  );
}
