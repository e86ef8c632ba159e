import { Link } from '@tanstack/react-router';
import { EmptyState } from './EmptyState';

/** A URL no route knows (an old or mistyped link). */
export function NotFound() {
  return (
    <section className="screen not-found" data-state="ready" aria-label="Not found">
      <EmptyState
        title="This link leads nowhere in Runlens"
        action={
          <Link to="/" className="button">
            Go to the start
          </Link>
        }
      >
        <p>
          The address names no screen of this version. Pick an experiment in the sidebar instead.
        </p>
      </EmptyState>
    </section>
  );
}
