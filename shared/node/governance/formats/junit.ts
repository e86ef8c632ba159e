/**
 * JUnit XML for CI systems: one <testsuite> per entity, one <testcase> per rule. FAIL is a <failure>,
 * ERROR an <error>, N/A and WAIVED are <skipped>; WARN and INFO pass (they do not make an entity
 * non-compliant) but carry the finding in <system-out>. Valid against schemas/junit.xsd.
 */
import type { EntityResult, Finding, GovernanceReport } from '../../../common/governance/types';

export function xmlEscape(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // Characters XML 1.0 cannot hold at all.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd')
  );
}

function detail(f: Finding): string {
  return `${f.field}: observed ${f.observed}; expected ${f.expected}. Fix: ${f.fix}`;
}

function testcase(e: EntityResult, f: Finding): string {
  const open = `    <testcase classname="${xmlEscape(`${e.kind}.${e.id}`)}" name="${xmlEscape(f.rule)}" time="0"`;
  const msg = xmlEscape(detail(f));
  switch (f.outcome) {
    case 'FAIL':
      return `${open}>\n      <failure message="${msg}" type="${f.severity}">${msg}</failure>\n    </testcase>`;
    case 'ERROR':
      return `${open}>\n      <error message="${msg}" type="ERROR">${msg}</error>\n    </testcase>`;
    case 'N/A':
    case 'WAIVED': {
      const why =
        f.outcome === 'WAIVED' && f.waiver
          ? `waived until ${f.waiver.expires} by ${f.waiver.approvedBy}: ${f.waiver.reason}`
          : `not applicable: ${f.observed}`;
      return `${open}>\n      <skipped message="${xmlEscape(why)}"/>\n    </testcase>`;
    }
    case 'WARN':
    case 'INFO':
      return `${open}>\n      <system-out>${xmlEscape(`${f.outcome}: ${detail(f)}`)}</system-out>\n    </testcase>`;
    case 'PASS':
      return `${open}/>`;
  }
}

export function toJunit(report: GovernanceReport): string {
  const count = (e: EntityResult, ...o: string[]) =>
    e.findings.filter((f) => o.includes(f.outcome)).length;
  const suites = report.entities.map((e) => {
    const attrs = [
      `name="${xmlEscape(`${e.kind} ${e.id}${e.name && e.name !== e.id ? ` (${e.name})` : ''}`)}"`,
      `tests="${e.findings.length}"`,
      `failures="${count(e, 'FAIL')}"`,
      `errors="${count(e, 'ERROR')}"`,
      `skipped="${count(e, 'N/A', 'WAIVED')}"`,
      `time="0"`,
      `timestamp="${report.asOf.replace(/\.\d{3}Z$/, '')}"`,
    ].join(' ');
    return `  <testsuite ${attrs}>\n${e.findings.map((f) => testcase(e, f)).join('\n')}\n  </testsuite>`;
  });
  const all = report.entities.flatMap((e) => e.findings);
  const n = (o: string) => all.filter((f) => f.outcome === o).length;
  // No "skipped" on <testsuites>: the Jenkins JUnit schema does not declare it there (see schemas/junit.xsd).
  const head = `<testsuites name="${xmlEscape(`runlens governance: ${report.policy.name}`)}" tests="${all.length}" failures="${n('FAIL')}" errors="${n('ERROR')}" time="0">`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${head}\n${suites.join('\n')}\n</testsuites>\n`;
}
