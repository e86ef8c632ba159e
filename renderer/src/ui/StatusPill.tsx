import type { RunStatus } from '../../../shared/common/types';

/** A run's status as a coloured pill; the colour class is derived from the status name. */
export function StatusPill({ status }: { status: RunStatus }) {
  return <span className={`pill pill-${status.toLowerCase()}`}>{status}</span>;
}
