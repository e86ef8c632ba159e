import { Link } from '@tanstack/react-router';
import type { Experiment } from '../../../shared/common/types';

/** The description on one line, for a tooltip: markdown's emphasis marks read as noise there. */
export function plainSummary(markdown: string): string {
  return markdown
    .replace(/\*\*|__|`/g, '')
    .replace(/^#+\s*/gm, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * One experiment: a link that shows its runs alone (a real link: it opens in a new tab too), and a
 * checkbox that adds it to or removes it from the experiments shown together.
 */
export function ExperimentItem({
  storeId,
  experiment,
  runCount,
  shown,
  context = false,
  selection,
  onToggle,
}: {
  storeId: string;
  experiment: Experiment;
  runCount: number | undefined;
  /** This experiment is among those shown. */
  shown: boolean;
  /** The run on screen (run page) belongs to this experiment. */
  context?: boolean;
  /** Every experiment shown now (`storeId:experimentId`). */
  selection: readonly string[];
  onToggle: (ref: string) => void;
}) {
  const ref = `${storeId}:${experiment.experimentId}`;
  const deleted = experiment.lifecycleStage === 'deleted';
  const description = experiment.tags['mlflow.note.content'];
  const tooltip = [
    experiment.name,
    `id ${experiment.experimentId}${deleted ? ' (deleted)' : ''}`,
    runCount === undefined
      ? null
      : `${runCount.toLocaleString()} ${runCount === 1 ? 'run' : 'runs'}`,
    description ? plainSummary(description) : null,
  ]
    .filter(Boolean)
    .join('\n');
  const only = shown && selection.length === 1;
  return (
    <li className={`experiment${shown || context ? ' current' : ''}${deleted ? ' deleted' : ''}`}>
      <input
        type="checkbox"
        className="experiment-check"
        checked={shown}
        aria-label={`Show the runs of ${experiment.name} with the others selected`}
        title="Show together with the other checked experiments"
        onChange={() => onToggle(ref)}
      />
      <Link
        to="/runs"
        search={{ e: [ref] }}
        className="experiment-link"
        aria-current={only ? 'page' : context ? 'location' : undefined}
        title={tooltip}
      >
        <span className="experiment-name">{experiment.name}</span>
        {deleted && <span className="badge badge-deleted">deleted</span>}
        {runCount !== undefined && (
          <span className="experiment-count" aria-label={`${runCount} runs`}>
            {runCount.toLocaleString()}
          </span>
        )}
      </Link>
    </li>
  );
}
