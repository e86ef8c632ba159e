/** One entity's checklist: every rule with its outcome, field, observed and expected value, and the fix. */
import { Link } from '@tanstack/react-router';
import type { EntityResult, Finding } from '../../../shared/common/governance/types';
import { runLink } from '../links';
import { CopyButton } from '../ui/CopyButton';
import { KIND_LABEL, OUTCOME_LABEL, sortFindings } from './dashboardModel';
import { governanceModelLink } from './links';

export function OutcomeChip({ outcome }: { outcome: Finding['outcome'] }) {
  const tone = outcome === 'N/A' ? 'na' : outcome.toLowerCase();
  return (
    <span className={`gov-outcome gov-outcome-${tone}`} title={OUTCOME_LABEL[outcome]}>
      {outcome}
    </span>
  );
}

/** "Compliant · score 100%" / "Non-compliant · score 36%", as a pill. */
export function Verdict({ result }: { result: EntityResult }) {
  return (
    <span className={`gov-verdict ${result.compliant ? 'gov-verdict-ok' : 'gov-verdict-bad'}`}>
      {result.compliant ? 'Compliant' : 'Non-compliant'} · score {Math.round(result.score * 100)}%
    </span>
  );
}

function needsFix(f: Finding): boolean {
  return (
    f.outcome === 'FAIL' || f.outcome === 'WARN' || f.outcome === 'ERROR' || f.outcome === 'INFO'
  );
}

export function FindingsTable({ findings }: { findings: readonly Finding[] }) {
  return (
    <table className="gov-checklist">
      <thead>
        <tr>
          <th scope="col">Rule</th>
          <th scope="col">Outcome</th>
          <th scope="col">Field</th>
          <th scope="col">Observed</th>
          <th scope="col">Expected</th>
          <th scope="col">Fix</th>
        </tr>
      </thead>
      <tbody>
        {sortFindings(findings).map((f) => (
          <tr key={f.rule} data-rule={f.rule} data-outcome={f.outcome}>
            <th scope="row">
              <code>{f.rule}</code>
              <div className="pk-muted gov-severity">{f.severity}</div>
            </th>
            <td>
              <OutcomeChip outcome={f.outcome} />
              {f.waiver && (
                <div className="gov-waiver-note">
                  {f.waiver.status === 'active' ? 'waived' : 'waiver expired'} {f.waiver.expires}:{' '}
                  {f.waiver.reason}
                </div>
              )}
            </td>
            <td className="gov-wrap">{f.field}</td>
            <td className="gov-wrap">{f.observed}</td>
            <td className="gov-wrap">{f.expected}</td>
            <td className="gov-fix-cell">
              {needsFix(f) && f.fix ? (
                <div className="gov-fix">
                  <code className="gov-fix-code">{f.fix}</code>
                  <CopyButton text={f.fix} label="Copy fix" />
                </div>
              ) : (
                <span className="pk-muted">—</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function EntityChecklist({
  storeId,
  entity,
  experimentName,
  asOf,
  onClose,
}: {
  storeId: string;
  entity: EntityResult;
  experimentName: string | undefined;
  asOf: string | undefined;
  onClose: () => void;
}) {
  const modelName =
    entity.kind === 'registered_model'
      ? entity.id
      : entity.kind === 'model_version'
        ? entity.parent
        : null;
  return (
    <section
      className="gov-entity"
      aria-labelledby="gov-entity-title"
      data-entity={`${entity.kind}:${entity.id}`}
    >
      <div className="gov-entity-head">
        <h2 id="gov-entity-title">
          {KIND_LABEL[entity.kind]} {entity.name} <Verdict result={entity} />
        </h2>
        <button type="button" className="button button-small" onClick={onClose}>
          Close checklist
        </button>
      </div>
      <p className="pk-muted gov-entity-links">
        {entity.kind === 'run' && (
          <>
            Run <code>{entity.id}</code>
            {experimentName !== undefined && <> in experiment {experimentName}</>} ·{' '}
            <Link {...runLink(storeId, entity.id)}>open the run</Link>
          </>
        )}
        {modelName !== null && (
          <Link {...governanceModelLink(storeId, modelName, asOf)}>
            governance of model {modelName}: versions, monitoring, lifecycle, audit report
          </Link>
        )}
      </p>
      <FindingsTable findings={entity.findings} />
    </section>
  );
}
