import { Link } from '@tanstack/react-router';
import { EmptyState } from './EmptyState';

/**
 * The screen of a route whose page is not part of this build: says so plainly instead of a blank
 * area. Each use is replaced by the owning page component when it is wired into router.tsx.
 */
export function NotAvailable({ screen, detail }: { screen: string; detail?: string }) {
  return (
    <section className="screen not-available" data-state="ready" aria-label={screen}>
      <EmptyState
        title={`${screen}: not available in this build yet`}
        action={
          <Link to="/" className="button">
            Back to the runs
          </Link>
        }
      >
        <p>
          This link is valid, but the {screen.toLowerCase()} screen is not included in this build of
          Runlens.
        </p>
        {detail && <p className="muted">{detail}</p>}
      </EmptyState>
    </section>
  );
}
