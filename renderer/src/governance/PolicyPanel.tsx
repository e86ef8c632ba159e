/**
 * The policy in use: its name, file and SHA-256 (what an auditor compares with the repository's copy),
 * its rules and waivers; or, when it cannot be used, each problem with file, line and column.
 */
import type { GovernanceEvaluation } from '../../../shared/common/governance/types';
import { CopyButton } from '../ui/CopyButton';

export function PolicyProblems({ evaluation }: { evaluation: GovernanceEvaluation }) {
  return (
    <section className="gov-policy gov-policy-bad" role="alert" aria-label="Policy errors">
      <h2>The policy cannot be used</h2>
      <p>
        <code>{evaluation.policyPath ?? 'policy'}</code> has{' '}
        {evaluation.policyProblems.length === 1
          ? 'a problem'
          : `${evaluation.policyProblems.length} problems`}
        . Nothing was checked: fix the file and the dashboard updates when it is saved.
      </p>
      <ol className="gov-problems">
        {evaluation.policyProblems.map((p, i) => (
          <li key={i}>
            <code className="gov-problem-where">
              {p.file}:{p.line}:{p.column}
            </code>{' '}
            <span>
              line {p.line}, column {p.column}: {p.message}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function PolicyPanel({ evaluation }: { evaluation: GovernanceEvaluation }) {
  const report = evaluation.report;
  if (report === null) return <PolicyProblems evaluation={evaluation} />;
  const p = report.policy;
  const own = p.rules.filter((r) => r.origin === 'policy').length;
  return (
    <section className="gov-policy" aria-labelledby="gov-policy-title">
      <h2 id="gov-policy-title">Policy in use</h2>
      <dl className="gov-facts">
        <dt>Name</dt>
        <dd>
          {p.name}
          {p.version !== null && <span className="pk-muted"> version {p.version}</span>}
        </dd>
        <dt>File</dt>
        <dd>
          {evaluation.policyPath === null ? (
            <span>
              none found beside the store: the built-in <code>baseline</code> pack applies (add a{' '}
              <code>runlens-policy.yaml</code> beside the store to choose rules and thresholds)
            </span>
          ) : (
            <code className="gov-path">{evaluation.policyPath}</code>
          )}
        </dd>
        <dt>SHA-256</dt>
        <dd className="gov-hash-row">
          {p.sha256 === null ? (
            <span className="pk-muted">built-in policy (no file)</span>
          ) : (
            <>
              <code className="gov-hash" data-testid="policy-sha256">
                {p.sha256}
              </code>
              <CopyButton text={p.sha256} label="Copy hash" />
            </>
          )}
        </dd>
        <dt>Rules</dt>
        <dd>
          {p.rules.length} ({p.rules.length - own} from the baseline, {own} of the policy)
        </dd>
        <dt>As of</dt>
        <dd>{report.asOf}</dd>
      </dl>
      {p.waivers.length > 0 && (
        <>
          <h3>Waivers</h3>
          <ul className="gov-waivers">
            {p.waivers.map((w, i) => (
              <li key={i} data-status={w.status}>
                <span
                  className={`gov-outcome gov-outcome-${w.status === 'active' ? 'waived' : 'warn'}`}
                >
                  {w.status === 'active' ? 'active' : 'expired'}
                </span>{' '}
                <code>{w.rule}</code> on <code>{w.entity}</code> until {w.expires}: {w.reason}{' '}
                <span className="pk-muted">(approved by {w.approvedBy})</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
