/**
 * The host's events → the query cache. Each `storeChanged` invalidates exactly the queries it may
 * have changed (`isAffectedBy`); those on screen refetch in place, the others refetch when next shown.
 *
 * Changes are coalesced per query: while a query is fetching, a change only marks it, and one more
 * fetch follows when that one lands. A run logging ten points a second thus costs at most one fetch
 * at a time per query, never a queue that does not settle, and never a cancelled fetch that would
 * leave the table waiting. After the stream was down (events lost), everything is invalidated.
 */
import type { Query, QueryClient } from '@tanstack/react-query';
import type { RunlensEvent } from '../../../shared/common/contract';
import { isAffectedBy } from './queries';

export interface LiveInvalidator {
  onEvent(event: RunlensEvent): void;
  /** The stream's state: a `true` after a `false` means events were lost. */
  onLive(live: boolean): void;
  dispose(): void;
}

export function createLiveInvalidator(client: QueryClient): LiveInvalidator {
  const cache = client.getQueryCache();
  /** Queries that changed while they were fetching: invalidated again once that fetch ends. */
  const pending = new Set<string>();
  let wasDown = false;

  const invalidate = (query: Query): void => {
    if (query.state.fetchStatus === 'fetching') {
      pending.add(query.queryHash);
      return;
    }
    void client.invalidateQueries(
      { queryKey: query.queryKey, exact: true },
      { cancelRefetch: false },
    );
  };

  const unsubscribe = cache.subscribe((change) => {
    if (change.type !== 'updated') return;
    const { query } = change;
    if (query.state.fetchStatus !== 'idle' || !pending.delete(query.queryHash)) return;
    invalidate(query);
  });

  return {
    onEvent(event) {
      if (event.type === 'loadProgress') return;
      for (const query of cache.findAll({ predicate: (q) => isAffectedBy(q.queryKey, event) }))
        invalidate(query);
    },
    onLive(live) {
      if (live && wasDown) for (const query of cache.findAll()) invalidate(query);
      wasDown = !live;
    },
    dispose() {
      unsubscribe();
      pending.clear();
    },
  };
}
