import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type {
  AuthKind,
  ConnectionProfile,
  TestConnectionResult,
} from '../../../shared/common/connections';
import { asApiError } from '../api/ApiError';
import { useApi } from '../api/ApiContext';
import {
  type ConnectionForm,
  SECRET_LABELS,
  defaultName,
  formFrom,
  saveRequest,
  testRequest,
} from './connectionForm';

type TestState =
  { state: 'idle' } | { state: 'testing' } | ({ state: 'done' } & TestConnectionResult);
type Busy = 'saving' | 'connecting' | null;

const AUTH_OPTIONS: { kind: AuthKind; label: string; hint?: string }[] = [
  { kind: 'none', label: 'None' },
  { kind: 'basic', label: 'Username & password', hint: 'mlflow server --app-name basic-auth' },
  {
    kind: 'bearer',
    label: 'Bearer token',
    hint: 'Databricks personal access token, MLFLOW_TRACKING_TOKEN',
  },
];

interface Props {
  /** A saved profile to edit; none for a new connection. */
  editing?: ConnectionProfile;
  onClose: () => void;
  /** Saved (the sidebar refreshes its list). */
  onSaved: (profile: ConnectionProfile) => void;
  /** Connected: the server is open as this store. */
  onConnected: (storeId: string) => void;
}

function Row({
  label,
  htmlFor,
  children,
}: {
  label: string;
  htmlFor?: string;
  children: ReactNode;
}) {
  return (
    <div className="form-row">
      {htmlFor ? (
        <label htmlFor={htmlFor}>{label}</label>
      ) : (
        <span className="form-label">{label}</span>
      )}
      <div className="form-field">{children}</div>
    </div>
  );
}

/**
 * "Connect to server…": a modal form for one tracking server. Test connection asks the host to reach
 * the server and shows its MLflow version or the exact reason it failed; Save stores the profile
 * (the secret goes to the host once and never comes back); Connect saves, then opens the server as
 * a store. The root's `data-state` (idle, testing, saving, connecting, saved) is what e2e waits on.
 */
export function ConnectDialog({ editing, onClose, onSaved, onConnected }: Props) {
  const api = useApi();
  const ref = useRef<HTMLDialogElement>(null);
  const ids = useId();
  const [form, setForm] = useState<ConnectionForm>(() => formFrom(editing));
  const [test, setTest] = useState<TestState>({ state: 'idle' });
  const [busy, setBusy] = useState<Busy>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<ConnectionProfile | undefined>(editing);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const update = (change: Partial<ConnectionForm>): void => {
    setForm((f) => ({ ...f, ...change }));
    // A result no longer describes what is in the form.
    setTest({ state: 'idle' });
    setError(null);
  };

  const missing = !form.url.trim()
    ? 'Type the server URL'
    : form.authKind === 'basic' && !form.username.trim()
      ? 'Type the username'
      : null;
  const secretKept = saved !== undefined && saved.authKind === form.authKind && saved.hasSecret;

  const runTest = async (): Promise<void> => {
    setTest({ state: 'testing' });
    try {
      setTest({ state: 'done', ...(await api.testConnection(testRequest(form, saved))) });
    } catch (err) {
      setTest({ state: 'done', ok: false, message: asApiError(err).message });
    }
  };

  const save = async (): Promise<ConnectionProfile> => {
    const profile = await api.saveConnection(saveRequest(form, saved));
    setSaved(profile);
    // Sent once: from now on the host holds it, and the field says "saved".
    setForm((f) => ({ ...f, secret: '' }));
    onSaved(profile);
    return profile;
  };

  const run = async (what: Exclude<Busy, null>): Promise<void> => {
    setBusy(what);
    setError(null);
    try {
      const profile = await save();
      if (what === 'connecting') {
        const info = await api.connect({ profileId: profile.id });
        if (info.state === 'error') {
          setError(info.error?.message ?? 'The server cannot be read.');
          return;
        }
        onConnected(info.storeId);
        onClose();
      } else if (profile.secretNotice) {
        setNotice(profile.secretNotice);
      } else {
        onClose();
      }
    } catch (err) {
      setError(asApiError(err).message);
    } finally {
      setBusy(null);
    }
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (!missing && busy === null) void run('connecting');
  };

  const state = busy ?? (test.state === 'testing' ? 'testing' : notice ? 'saved' : 'idle');
  const secretLabel = SECRET_LABELS[form.authKind];
  return (
    <dialog
      ref={ref}
      className="connect-dialog"
      aria-labelledby={`${ids}-title`}
      data-state={state}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit} autoComplete="off">
        <header className="dialog-head">
          <h2 id={`${ids}-title`}>
            {editing ? `Edit ${editing.name}` : 'Connect to an MLflow server'}
          </h2>
          <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
            ×
          </button>
        </header>
        <div className="dialog-body">
          <Row label="Server URL" htmlFor={`${ids}-url`}>
            <input
              id={`${ids}-url`}
              type="url"
              required
              autoFocus
              spellCheck={false}
              placeholder="https://mlflow.example.com"
              value={form.url}
              onChange={(e) => update({ url: e.target.value })}
            />
          </Row>
          <Row label="Name" htmlFor={`${ids}-name`}>
            <input
              id={`${ids}-name`}
              type="text"
              placeholder={form.url.trim() ? defaultName(form.url) : 'Shown in the sidebar'}
              value={form.name}
              onChange={(e) => update({ name: e.target.value })}
            />
          </Row>
          <Row label="Sign-in">
            <div className="auth-options" role="radiogroup" aria-label="Sign-in">
              {AUTH_OPTIONS.map((option) => (
                <label key={option.kind} className="radio" title={option.hint}>
                  <input
                    type="radio"
                    name={`${ids}-auth`}
                    checked={form.authKind === option.kind}
                    onChange={() => update({ authKind: option.kind })}
                  />
                  {option.label}
                  {option.kind === 'bearer' && (
                    <span className="muted"> (Databricks personal access token)</span>
                  )}
                </label>
              ))}
            </div>
          </Row>
          {form.authKind === 'basic' && (
            <Row label="Username" htmlFor={`${ids}-user`}>
              <input
                id={`${ids}-user`}
                type="text"
                spellCheck={false}
                value={form.username}
                onChange={(e) => update({ username: e.target.value })}
              />
            </Row>
          )}
          {form.authKind !== 'none' && (
            <Row label={secretLabel} htmlFor={`${ids}-secret`}>
              <input
                id={`${ids}-secret`}
                type="password"
                autoComplete="new-password"
                placeholder={secretKept ? `${secretLabel} saved — type to replace` : ''}
                value={form.secret}
                onChange={(e) => update({ secret: e.target.value })}
              />
            </Row>
          )}
          <Row label="CA certificate" htmlFor={`${ids}-ca`}>
            <input
              id={`${ids}-ca`}
              type="text"
              spellCheck={false}
              placeholder={
                form.insecureTls
                  ? 'Not used while TLS verification is skipped'
                  : 'Path to a PEM file (optional)'
              }
              disabled={form.insecureTls}
              value={form.caCertPath}
              onChange={(e) => update({ caCertPath: e.target.value })}
            />
          </Row>
          <Row label="TLS">
            <label className="switch">
              <input
                type="checkbox"
                role="switch"
                checked={form.insecureTls}
                onChange={(e) => update({ insecureTls: e.target.checked })}
              />
              Skip TLS verification (insecure)
            </label>
            {form.insecureTls && (
              <p className="form-warning" role="alert" data-testid="insecure-warning">
                The server's certificate will not be checked: anyone on the network path could read
                the {form.authKind === 'bearer' ? 'token' : 'password'} and change what you see. Use
                this only for a test server you trust.
              </p>
            )}
          </Row>
          <div className="test-line">
            <button
              type="button"
              className="button"
              disabled={missing !== null || test.state === 'testing'}
              onClick={() => void runTest()}
            >
              {test.state === 'testing' ? 'Testing…' : 'Test connection'}
            </button>
            {test.state === 'done' && (
              <p
                className={`test-result ${test.ok ? 'ok' : 'failed'}`}
                data-testid="test-result"
                data-state={test.ok ? 'ok' : 'failed'}
                role="status"
              >
                <span aria-hidden="true">{test.ok ? '✓' : '✕'}</span> {test.message}
              </p>
            )}
          </div>
          {notice && (
            <p className="form-notice" role="status" data-testid="secret-notice">
              {notice}
            </p>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
        </div>
        <footer className="dialog-foot">
          {missing && <span className="muted foot-hint">{missing}</span>}
          <button type="button" className="button" onClick={onClose}>
            {notice ? 'Close' : 'Cancel'}
          </button>
          <button
            type="button"
            className="button"
            disabled={missing !== null || busy !== null}
            onClick={() => void run('saving')}
          >
            {busy === 'saving' ? 'Saving…' : 'Save'}
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={missing !== null || busy !== null}
          >
            {busy === 'connecting' ? 'Connecting…' : 'Connect'}
          </button>
        </footer>
      </form>
    </dialog>
  );
}
