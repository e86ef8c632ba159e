/**
 * The one `evaluateGovernance` query of a store, shared by the dashboard, the model page and every
 * compliance badge through the query cache (key `['evaluateGovernance', {storeId[, asOf]}]`); a store
 * event invalidates it like any other query of that store (queries.ts `isAffectedBy`).
 */
import { useMemo } from 'react';
import type { RequestOf } from '../../../shared/common/contract';
import type { EntityResult } from '../../../shared/common/governance/types';
import { useApiQuery } from '../api/queries';

/** `asOf` only when given, so the badges (no as-of) and the dashboard without one share one entry. */
export function governanceRequest(storeId: string, asOf?: string): RequestOf<'evaluateGovernance'> {
  return asOf === undefined ? { storeId } : { storeId, asOf };
}

export function useGovernance(storeId: string | null, asOf?: string) {
  return useApiQuery('evaluateGovernance', storeId ? governanceRequest(storeId, asOf) : null);
}

/** Entity id (run id, model name, `name/version`) → its result, for the store's badges. */
export function useEntityResults(storeId: string | null): {
  byId: ReadonlyMap<string, EntityResult> | null;
  pending: boolean;
} {
  const query = useGovernance(storeId);
  const report = query.data?.report ?? null;
  const byId = useMemo(
    () => (report ? new Map(report.entities.map((e) => [`${e.kind}:${e.id}`, e])) : null),
    [report],
  );
  return { byId, pending: query.isPending && storeId !== null };
}
