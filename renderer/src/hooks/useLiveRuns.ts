import { useEffect, useRef, useState } from 'react';
import type { RunlensEvent } from '../../../shared/common/contract';
import { useHostEvents } from '../api/ApiContext';
import type { QueryState } from './useQuery';
import { useRuns, type LoadedRuns, type RunsQuery } from './useRuns';

export interface LiveRuns {
  result: QueryState<LoadedRuns>;
  /** Loading only because the store changed: keep showing the rows as they are, undimmed. */
  refreshing: boolean;
  /** The host's events are flowing: what is shown follows the store. */
  live: boolean;
}

/** True when a storeChanged event may change the runs of this experiment. */
export function touches(event: RunlensEvent, storeId: string, experimentId: string): boolean {
  if (event.type !== 'storeChanged' || event.storeId !== storeId) return false;
  return event.experimentIds === null || event.experimentIds.includes(experimentId);
}

/**
 * useRuns that follows the store: each change the host reports for this experiment loads the runs
 * again, in place. Changes are coalesced: while one reload is in flight, further changes only mark
 * the answer stale, and one more reload follows when it lands, so a run logging ten points a second
 * costs at most one reload at a time instead of a queue of them that never settles.
 */
export function useLiveRuns(query: RunsQuery, reloadCount: number): LiveRuns {
  const events = useHostEvents();
  const [live, setLive] = useState(false);
  const [stale, setStale] = useState(false);
  const [liveVersion, setLiveVersion] = useState(0);
  const [shownKey, setShownKey] = useState<string | null>(null);
  const wasDown = useRef(false);
  const { storeId, experimentId } = query;

  useEffect(
    () =>
      events.subscribe(
        (event) => {
          if (touches(event, storeId, experimentId)) setStale(true);
        },
        (isLive) => {
          setLive(isLive);
          // Events sent while the stream was down are lost: reload once it is back.
          if (isLive && wasDown.current) setStale(true);
          wasDown.current = !isLive;
        },
      ),
    [events, storeId, experimentId],
  );

  const result = useRuns(query, reloadCount, liveVersion);
  if (stale && result.status !== 'loading') {
    setStale(false);
    setLiveVersion((v) => v + 1);
  }
  // What the table shows was loaded for this query and reload; a newer liveVersion only refreshes it.
  const baseKey = JSON.stringify([query, reloadCount]);
  if (result.status === 'ready' && shownKey !== baseKey) setShownKey(baseKey);
  const refreshing =
    result.status === 'loading' && shownKey === baseKey && result.previous !== undefined;
  return { result, refreshing, live };
}
