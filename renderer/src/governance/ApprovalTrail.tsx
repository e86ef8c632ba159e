/**
 * Each version's compliance and approval trail: aliases and stage, the approval tag and who set the
 * approver tag, who registered it, and the verdict (badge → checklist). Tags are self-declared in MLflow:
 * the trail says what the store claims, which is what an auditor must then corroborate.
 */
import { Link } from '@tanstack/react-router';
import type { EntityResult, PolicySettings } from '../../../shared/common/governance/types';
import type { ModelVersion, RegisteredModel } from '../../../shared/common/types';
import { formatDateTime } from '../format/formatTime';
import { modelVersionLink } from '../links';
import { ComplianceBadge } from './ComplianceBadge';
import { OutcomeChip } from './EntityChecklist';
import { ownValue } from '../../../shared/common/records';

const APPROVAL_RULES = ['approved-before-prod', 'four-eyes'];

export function VersionsTrail({
  storeId,
  model,
  versions,
  results,
  approval,
}: {
  storeId: string;
  model: RegisteredModel;
  versions: readonly ModelVersion[];
  results: ReadonlyMap<string, EntityResult>;
  approval: PolicySettings['approval'];
}) {
  const sorted = [...versions].sort((a, b) => Number(b.version) - Number(a.version));
  return (
    <table className="gov-versions">
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Aliases · stage</th>
          <th scope="col">Compliance</th>
          <th scope="col">
            <code>{approval.tag}</code>
          </th>
          <th scope="col">
            Approved by (<code>{approval.approverTag}</code>)
          </th>
          <th scope="col">Registered by · when</th>
          <th scope="col">Approval rules</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((v) => {
          const result = results.get(`model_version:${v.name}/${v.version}`);
          const aliases = model.aliases.filter((a) => a.version === v.version).map((a) => a.alias);
          const status = ownValue(v.tags, approval.tag);
          return (
            <tr key={v.version} data-version={v.version}>
              <th scope="row">
                <Link {...modelVersionLink(storeId, v.name, v.version)}>v{v.version}</Link>
              </th>
              <td>
                {aliases.map((a) => (
                  <span key={a} className="badge gov-alias">
                    @{a}
                  </span>
                ))}{' '}
                <span className="pk-muted">{v.currentStage}</span>
              </td>
              <td>
                {result ? (
                  <ComplianceBadge result={result} storeId={storeId} />
                ) : (
                  <span className="pk-muted">out of scope</span>
                )}
              </td>
              <td>
                {status === undefined ? (
                  <span className="pk-muted">not set</span>
                ) : (
                  <span className={approval.approved.includes(status) ? 'gov-ok' : 'gov-warn'}>
                    {status}
                  </span>
                )}
              </td>
              <td>
                {ownValue(v.tags, approval.approverTag) ?? <span className="pk-muted">nobody</span>}
              </td>
              <td>
                {v.userId || <span className="pk-muted">unknown</span>}{' '}
                <span className="pk-muted">{formatDateTime(v.creationTimestamp)}</span>
              </td>
              <td>
                {APPROVAL_RULES.map((rule) => {
                  const f = result?.findings.find((x) => x.rule === rule);
                  return f ? (
                    <div key={rule} className="gov-approval-rule" title={`${f.observed}`}>
                      <OutcomeChip outcome={f.outcome} /> <code>{rule}</code>
                    </div>
                  ) : null;
                })}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
