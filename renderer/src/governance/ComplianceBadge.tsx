/**
 * A compliance badge: "Compliant" / "Non-compliant" (with the failing rules in its title), linking to
 * the entity's checklist on the governance dashboard. The Store* variants read the store's one shared
 * evaluateGovernance query, so a table of 1,000 runs still makes a single call.
 */
import { Link } from '@tanstack/react-router';
import type { EntityKind, EntityResult } from '../../../shared/common/governance/types';
import { entityChecklistLink } from './links';
import { useEntityResults } from './useGovernance';
import './governance.css';

function failing(result: EntityResult): string[] {
  return result.findings
    .filter((f) => f.outcome === 'FAIL' || f.outcome === 'ERROR' || f.outcome === 'WARN')
    .map((f) => `${f.outcome} ${f.rule}: ${f.observed}`);
}

export function ComplianceBadge({
  result,
  storeId,
  compact = false,
}: {
  result: EntityResult;
  storeId: string;
  compact?: boolean;
}) {
  const problems = failing(result);
  const waived = result.findings.some((f) => f.outcome === 'WAIVED');
  const label = result.compliant ? 'Compliant' : 'Non-compliant';
  const score = `${Math.round(result.score * 100)}%`;
  const title = [
    `${label} (score ${score})${waived ? ', with a waiver' : ''}`,
    ...problems,
    'Open the checklist',
  ].join('\n');
  return (
    <Link
      {...entityChecklistLink(storeId, result.kind, result.id)}
      className={`gov-badge ${result.compliant ? 'gov-badge-ok' : 'gov-badge-bad'}`}
      title={title}
      aria-label={`${label}, score ${score}: open the governance checklist`}
      data-compliant={result.compliant}
      onClick={(event) => event.stopPropagation()}
    >
      <span aria-hidden="true">{result.compliant ? '✓' : '✕'}</span>
      {compact ? score : `${label} ${score}`}
      {waived && <span className="gov-badge-waived">W</span>}
    </Link>
  );
}

/** The badge of one entity of an open store: nothing while loading, "not checked" out of scope. */
export function StoreComplianceBadge({
  storeId,
  kind,
  id,
  compact,
}: {
  storeId: string;
  kind: EntityKind;
  id: string;
  compact?: boolean;
}) {
  const { byId, pending } = useEntityResults(storeId);
  if (pending) return <span className="gov-badge gov-badge-pending" aria-label="Checking" />;
  const result = byId?.get(`${kind}:${id}`);
  if (!result)
    return (
      <span className="gov-badge gov-badge-none" title="Not in the governance policy's scope">
        —
      </span>
    );
  return <ComplianceBadge result={result} storeId={storeId} compact={compact} />;
}
