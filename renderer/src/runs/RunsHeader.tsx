/** The runs view's title line: where the runs come from, how many there are, live and load state. */
import type { LoadProgressEvent, StoreInfo } from '../../../shared/common/contract';
import type { Experiment } from '../../../shared/common/types';
import { LoadProgressBar } from './LoadProgressBar';
import { plainSummary } from '../experiments/ExperimentItem';
import { parseRef } from './runsSearch';

/**
 * What to call an experiment: its name, or — while it loads, or when its meta.yaml cannot be read —
 * "Experiment <id>", never the internal `storeId:id` reference.
 */
export function experimentLabel(ref: string, experiment: Experiment | undefined): string {
  return experiment?.name ?? `Experiment ${parseRef(ref)?.id ?? ref}`;
}

/** "1,234 runs"; "250+ runs" while the total is unknown and more pages exist. */
export function countLabel(total: number | null, loaded: number, hasMore: boolean): string {
  const plural = (n: number) => (n === 1 ? 'run' : 'runs');
  if (total !== null) return `${total.toLocaleString()} ${plural(total)}`;
  if (hasMore) return `${loaded.toLocaleString()}+ runs`;
  return `${loaded.toLocaleString()} ${plural(loaded)}`;
}

export function RunsHeader({
  experiments,
  storeOf,
  count,
  progress,
  live,
}: {
  experiments: readonly { ref: string; experiment: Experiment | undefined; storeId: string }[];
  storeOf: (storeId: string) => StoreInfo | undefined;
  count: string | null;
  progress: LoadProgressEvent | null;
  live: boolean;
}) {
  const single = experiments.length === 1 ? experiments[0] : undefined;
  const store = single ? storeOf(single.storeId) : undefined;
  const description = single?.experiment?.tags['mlflow.note.content'];
  return (
    <>
      <div className="title-line">
        {single ? (
          <>
            <span className="crumb" title={store?.location}>
              {store?.displayName ?? single.storeId}
            </span>
            <span className="crumb-sep" aria-hidden="true">
              /
            </span>
            <h1 title={single.experiment?.name}>
              {experimentLabel(single.ref, single.experiment)}
            </h1>
            {single.experiment?.lifecycleStage === 'deleted' && (
              <span className="badge badge-deleted">deleted</span>
            )}
          </>
        ) : (
          <>
            <h1>{experiments.length} experiments</h1>
            <ul className="experiment-chips" aria-label="Experiments shown">
              {experiments.map((e) => (
                <li key={e.ref} className="chip" title={storeOf(e.storeId)?.location}>
                  <span className="muted">{storeOf(e.storeId)?.displayName ?? e.storeId} /</span>{' '}
                  {experimentLabel(e.ref, e.experiment)}
                </li>
              ))}
            </ul>
          </>
        )}
        <span className="run-count" data-testid="run-count" aria-live="polite">
          {count ?? ''}
        </span>
        {progress !== null && <LoadProgressBar progress={progress} />}
        {live && (
          <span
            className="live-indicator"
            data-testid="live-indicator"
            title="New runs and metric points appear as they are logged"
          >
            live
          </span>
        )}
      </div>
      {description && (
        <p className="experiment-description" title={description}>
          {plainSummary(description)}
        </p>
      )}
    </>
  );
}
