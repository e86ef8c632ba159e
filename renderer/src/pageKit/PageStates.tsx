/**
 * The three non-content states every screen of issue 10 shows in the same way: a skeleton with the
 * shape of the content (no layout jump when it arrives), an empty state that says what to do, and an
 * error that says what happened and what to do. The screen's root carries `data-state` for tests.
 */
import type { ReactNode } from 'react';
import type { ApiError } from '../api/ApiError';
import './pages.css';

export type ScreenState = 'ready' | 'loading' | 'error';

export function Skeleton({ lines = 6, label }: { lines?: number; label: string }) {
  return (
    <div className="pk-skeleton" role="status" aria-label={label} aria-busy="true">
      <div className="pk-skel-bar pk-skel-title" />
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="pk-skel-bar" style={{ width: `${90 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}

/** What to tell the user for an error code: what to try, beyond the host's message. */
function adviceFor(error: ApiError): string {
  switch (error.code) {
    case 'NOT_FOUND':
      return 'It may have been deleted, or the link is from another store. Go back or pick it again from the list.';
    case 'UNKNOWN_STORE':
      return 'That store is not open any more. Open it again from the sidebar.';
    case 'STORE_UNREADABLE':
      return 'The store could not be read. Check its Problems panel for the path and reason.';
    case 'REMOTE_ERROR':
      return 'The server answered with an error. Check the connection, then reload.';
    case 'UNAUTHORIZED':
      return 'The server refused access. Check the connection’s credentials.';
    case 'BUSY':
      return 'The store is busy (another process holds it). Try again in a moment.';
    case 'INVALID_ARGUMENT':
      return 'The request was not valid. Check the address or the filter.';
    default:
      return 'Reload to try again; if it persists, the store may be damaged (see its Problems).';
  }
}

export function ErrorNote({ title, error }: { title: string; error: ApiError }) {
  return (
    <div className="pk-error" role="alert">
      <strong>{title}</strong>
      <p>{error.message}</p>
      <p className="pk-muted">{adviceFor(error)}</p>
    </div>
  );
}

export function EmptyNote({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="pk-empty">
      <strong>{title}</strong>
      {children ? <p className="pk-muted">{children}</p> : null}
    </div>
  );
}

/** A run of key/value facts (`<dl>`), the layout every page header uses. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="pk-facts">
      {items.map(([label, value]) => (
        <div key={label} className="pk-fact">
          <dt>{label}</dt>
          <dd>{value ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}
