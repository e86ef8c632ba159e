import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { ConnectionProfile } from '../../../shared/common/connections';
import { asApiError } from '../api/ApiError';
import { useApi } from '../api/ApiContext';
import { useApiQuery } from '../api/queries';
import { useConnectToServerCommand } from '../desktop/DropTarget';
import { ConnectDialog } from './ConnectDialog';
import { secretStatus } from './connectionForm';
import './connections.css';

type RowState =
  { state: 'connecting' } | { state: 'confirm-delete' } | { state: 'error'; message: string };

const SOURCE_LABELS: Record<ConnectionProfile['source'], string | null> = {
  saved: null,
  env: 'env',
  cli: 'command line',
};
const SOURCE_TITLES: Record<ConnectionProfile['source'], string> = {
  saved: '',
  env: 'From MLFLOW_TRACKING_URI and the MLFLOW_TRACKING_* variables (read-only)',
  cli: 'From the command line (read-only, for this session)',
};

function hostOf(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return url;
  }
}

/**
 * The sidebar's server section: the connection profiles the host knows (saved, environment, command
 * line), each connecting on click, and the "Connect to server…" button that opens the dialog.
 * `data-state` on each row: idle, connecting, confirm-delete, error.
 */
export function ServerConnections({ onConnected }: { onConnected: (storeId: string) => void }) {
  const api = useApi();
  const client = useQueryClient();
  const list = useApiQuery('listConnections', {});
  const [dialog, setDialog] = useState<{ editing?: ConnectionProfile } | null>(null);
  const [rows, setRows] = useState<Record<string, RowState>>({});
  // Desktop: File ▸ Connect to Server… opens this dialog.
  useConnectToServerCommand(useCallback(() => setDialog({}), []));
  const reload = (): void => void client.invalidateQueries({ queryKey: ['listConnections'] });
  const setRow = (id: string, state: RowState | null): void =>
    setRows(({ [id]: _old, ...rest }) => (state ? { ...rest, [id]: state } : rest));

  const connect = async (profile: ConnectionProfile): Promise<void> => {
    setRow(profile.id, { state: 'connecting' });
    try {
      const info = await api.connect({ profileId: profile.id });
      if (info.state === 'error')
        setRow(profile.id, {
          state: 'error',
          message: info.error?.message ?? 'The server cannot be read.',
        });
      else setRow(profile.id, null);
      // Listed either way: an unreadable server shows in the sidebar with its reason, like a local store.
      onConnected(info.storeId);
    } catch (err) {
      setRow(profile.id, { state: 'error', message: asApiError(err).message });
    }
  };

  const remove = async (profile: ConnectionProfile): Promise<void> => {
    try {
      await api.deleteConnection({ id: profile.id });
      setRow(profile.id, null);
      reload();
    } catch (err) {
      setRow(profile.id, { state: 'error', message: asApiError(err).message });
    }
  };

  const profiles = list.data ?? [];
  const state = list.isPending ? 'loading' : list.isError ? 'error' : 'ready';
  return (
    <section className="servers" aria-label="Servers" data-state={state}>
      <header className="servers-head">
        <span className="servers-title">Servers</span>
        <button type="button" className="link-button" onClick={() => setDialog({})}>
          Connect to server…
        </button>
      </header>
      {list.error && (
        <p className="store-error" role="alert">
          {list.error.message}
        </p>
      )}
      {profiles.length > 0 && (
        <ul className="server-list">
          {profiles.map((profile) => {
            const row = rows[profile.id];
            const status = secretStatus(profile);
            const source = SOURCE_LABELS[profile.source];
            return (
              <li
                key={profile.id}
                className="server"
                data-profile-id={profile.id}
                data-state={row?.state ?? 'idle'}
              >
                <div className="server-line">
                  <button
                    type="button"
                    className="server-main"
                    title={`Connect to ${profile.url}`}
                    disabled={row?.state === 'connecting'}
                    onClick={() => void connect(profile)}
                  >
                    <span className="server-name">{profile.name}</span>
                    <span className="server-url">
                      {row?.state === 'connecting' ? 'Connecting…' : hostOf(profile.url)}
                    </span>
                  </button>
                  {profile.source === 'saved' &&
                    (row?.state === 'confirm-delete' ? (
                      <>
                        <button
                          type="button"
                          className="row-action danger"
                          onClick={() => void remove(profile)}
                        >
                          Delete
                        </button>
                        <button
                          type="button"
                          className="row-action"
                          onClick={() => setRow(profile.id, null)}
                        >
                          Keep
                        </button>
                      </>
                    ) : (
                      <>
                        <button
                          type="button"
                          className="row-action"
                          aria-label={`Edit ${profile.name}`}
                          title="Edit"
                          onClick={() => setDialog({ editing: profile })}
                        >
                          ✎
                        </button>
                        <button
                          type="button"
                          className="row-action"
                          aria-label={`Delete ${profile.name}`}
                          title="Delete this connection and its saved secret"
                          onClick={() => setRow(profile.id, { state: 'confirm-delete' })}
                        >
                          ×
                        </button>
                      </>
                    ))}
                </div>
                {(status || source || profile.insecureTls) && (
                  <div className="server-tags">
                    {source && (
                      <span className="badge" title={SOURCE_TITLES[profile.source]}>
                        {source}
                      </span>
                    )}
                    {status && (
                      <span
                        className={`badge ${profile.hasSecret ? '' : 'badge-warn'}`}
                        data-testid="secret-status"
                        title={profile.secretNotice}
                      >
                        {status}
                      </span>
                    )}
                    {profile.insecureTls && (
                      <span className="badge badge-warn" title="TLS certificates are not checked">
                        insecure TLS
                      </span>
                    )}
                  </div>
                )}
                {row?.state === 'error' && (
                  <p className="store-error" role="alert">
                    {row.message}
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {dialog && (
        <ConnectDialog
          {...(dialog.editing ? { editing: dialog.editing } : {})}
          onClose={() => setDialog(null)}
          onSaved={reload}
          onConnected={onConnected}
        />
      )}
    </section>
  );
}
