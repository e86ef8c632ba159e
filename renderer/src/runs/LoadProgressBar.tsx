import type { LoadProgressEvent } from '../../../shared/common/contract';
import { progressFraction, progressLabel } from './useLoadProgress';

/**
 * A slim bar and a count for a long load (runs view header). Determinate when the total is known
 * (a FileStore's cold index), moving otherwise (a server's runs/search gives no total).
 * `data-state="loading"` is what tests wait on; the caller removes the bar when the load is over.
 */
export function LoadProgressBar({
  progress,
}: {
  progress: Pick<LoadProgressEvent, 'loaded' | 'total' | 'what'>;
}) {
  const fraction = progressFraction(progress);
  const label = progressLabel(progress);
  return (
    <div
      className="load-progress"
      data-testid="load-progress"
      data-state="loading"
      data-what={progress.what}
      role="progressbar"
      aria-label="Loading runs"
      aria-valuetext={label}
      {...(fraction === null
        ? {}
        : {
            'aria-valuemin': 0,
            'aria-valuemax': 100,
            'aria-valuenow': Math.round(fraction * 100),
          })}
    >
      <span className="load-progress-track" aria-hidden="true">
        <span
          className={fraction === null ? 'load-progress-fill indeterminate' : 'load-progress-fill'}
          style={fraction === null ? undefined : { width: `${(fraction * 100).toFixed(1)}%` }}
        />
      </span>
      <span className="load-progress-text">{label}</span>
    </div>
  );
}
