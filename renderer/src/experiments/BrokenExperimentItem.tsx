/**
 * An experiment the store could not read, in the sidebar: listed by its id (its name is in the
 * unreadable file) with a problem mark whose tooltip gives the reason and which opens the store's
 * Problems panel; the link opens its runs view, which explains the error.
 */
import { Link } from '@tanstack/react-router';
import type { BrokenExperiment } from './brokenExperiments';

export function BrokenExperimentItem({
  storeId,
  broken,
  current,
  onShowProblems,
}: {
  storeId: string;
  broken: BrokenExperiment;
  /** Its runs view is the one shown. */
  current: boolean;
  onShowProblems: () => void;
}) {
  const { experimentId, problem } = broken;
  return (
    <li className={`experiment broken${current ? ' current' : ''}`}>
      <button
        type="button"
        className="experiment-problem"
        aria-haspopup="dialog"
        aria-label={`Why experiment ${experimentId} cannot be read`}
        title={`Cannot be read: ${problem.message}\nClick to see the store's problems.`}
        onClick={onShowProblems}
      >
        <span aria-hidden="true">⚠</span>
      </button>
      <Link
        to="/runs"
        search={{ e: [`${storeId}:${experimentId}`] }}
        className="experiment-link"
        aria-current={current ? 'page' : undefined}
        title={`Experiment ${experimentId} could not be read.\n${problem.path}`}
      >
        <span className="experiment-name">{experimentId}</span>
        <span className="badge badge-warn">unreadable</span>
      </Link>
    </li>
  );
}
