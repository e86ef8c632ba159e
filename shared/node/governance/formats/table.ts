/** The human output of `runlens governance check`: entities, then every finding that is not a pass. */
import type { GovernanceReport } from '../../../common/governance/types';

type TableFn = (headers: readonly string[], rows: readonly (readonly string[])[]) => string;

const KIND: Record<string, string> = {
  registered_model: 'model',
  model_version: 'version',
  run: 'run',
};

export function toTable(
  report: GovernanceReport,
  policyPath: string | null,
  table: TableFn,
): string {
  const p = report.policy;
  const out: string[] = [];
  out.push(
    `Policy: ${p.name}${p.version ? ` v${p.version}` : ''} (${policyPath ?? 'builtin:baseline, no runlens-policy.yaml beside the store'})${p.sha256 ? `\n  sha256 ${p.sha256}` : ''}`,
  );
  out.push(`As of:  ${report.asOf}\n`);
  // The last column is appended unshortened: it is the point of the table.
  const notPassed = report.entities.map((e) =>
    e.findings
      .filter((f) => !['PASS', 'N/A'].includes(f.outcome))
      .map((f) => `${f.rule}:${f.outcome}`)
      .join(' '),
  );
  const lines = table(
    ['KIND', 'ENTITY', 'NAME', 'COMPLIANT', 'SCORE'],
    report.entities.map((e) => [
      KIND[e.kind] ?? e.kind,
      e.id,
      e.name === e.id ? '' : e.name,
      e.compliant ? 'yes' : 'NO',
      e.score.toFixed(2),
    ]),
  )
    .trimEnd()
    .split('\n');
  const width = Math.max(...lines.map((l) => l.length));
  out.push(
    `${lines.map((l, i) => `${l.padEnd(width)}  ${i === 0 ? 'NOT PASSED' : (notPassed[i - 1] ?? '')}`.trimEnd()).join('\n')}\n`,
  );
  const findings = report.entities.flatMap((e) =>
    e.findings
      .filter(
        (f) => f.outcome === 'FAIL' || f.outcome === 'ERROR' || f.outcome === 'WAIVED' || f.waiver,
      )
      .map((f) => ({ e, f })),
  );
  if (findings.length > 0) {
    out.push('Failures, errors and waivers:');
    for (const { e, f } of findings) {
      const waiver = f.waiver
        ? ` [waiver ${f.waiver.status}: ${f.waiver.reason}, ${f.waiver.approvedBy}, expires ${f.waiver.expires}]`
        : '';
      out.push(`  ${f.outcome.padEnd(6)} ${f.rule} on ${KIND[e.kind]} ${e.id}${waiver}`);
      out.push(`         ${f.field}: observed ${f.observed}; expected ${f.expected}`);
      out.push(`         fix: ${f.fix}`);
    }
    out.push('');
  }
  const s = report.summary;
  const counts = Object.entries(s.outcomes)
    .map(([o, n]) => `${o} ${n}`)
    .join(', ');
  out.push(
    `${s.entities} entities: ${s.compliant} compliant, ${s.nonCompliant} non-compliant, ${s.waived} with waivers, ${s.errors} with errors; score ${s.score.toFixed(2)}`,
  );
  out.push(`Findings: ${counts}`);
  out.push(s.storeCompliant ? 'Result: compliant' : 'Result: NOT compliant');
  return `${out.join('\n')}\n`;
}
