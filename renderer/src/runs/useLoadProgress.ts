import { useEffect, useState } from 'react';
import type { LoadProgressEvent, RunlensEvent } from '../../../shared/common/contract';
import { useHostEvents } from '../api/ApiContext';

/**
 * The load in progress for one store, from the host's `loadProgress` events: the latest report, or
 * null when none is going on. A `done` ends the load it belongs to ('index' or 'runs'); the other kind,
 * if shown, stays (a remote listing and an index never overlap in practice, but a late `done` of one
 * must not hide the other).
 */
export function nextProgress(
  current: LoadProgressEvent | null,
  event: RunlensEvent,
  storeId: string,
): LoadProgressEvent | null {
  if (event.type !== 'loadProgress' || event.storeId !== storeId) return current;
  if (event.done) return current === null || current.what === event.what ? null : current;
  return event;
}

/** "Loading runs… 12,000 of 30,000", or "Loading runs… 12,000 runs so far" when the total is unknown. */
export function progressLabel(progress: Pick<LoadProgressEvent, 'loaded' | 'total'>): string {
  const loaded = progress.loaded.toLocaleString();
  if (progress.total === null)
    return `Loading runs… ${loaded} ${progress.loaded === 1 ? 'run' : 'runs'} so far`;
  return `Loading runs… ${loaded} of ${progress.total.toLocaleString()}`;
}

/** Fraction done in [0, 1], or null when the total is unknown (an indeterminate bar). */
export function progressFraction(
  progress: Pick<LoadProgressEvent, 'loaded' | 'total'>,
): number | null {
  if (progress.total === null || progress.total <= 0) return null;
  return Math.min(1, Math.max(0, progress.loaded / progress.total));
}

/** Follows the loads of `storeId` (a FileStore's cold index, a server's runs page by page). */
export function useLoadProgress(storeId: string): LoadProgressEvent | null {
  const events = useHostEvents();
  // Keyed by store, so that another store's leftover never shows.
  const [state, setState] = useState<{ storeId: string; progress: LoadProgressEvent | null }>({
    storeId,
    progress: null,
  });
  useEffect(
    () =>
      events.subscribe((event) => {
        if (event.type !== 'loadProgress') return;
        setState((s) => {
          const current = s.storeId === storeId ? s.progress : null;
          const next = nextProgress(current, event, storeId);
          return next === current && s.storeId === storeId ? s : { storeId, progress: next };
        });
      }),
    [events, storeId],
  );
  return state.storeId === storeId ? state.progress : null;
}
