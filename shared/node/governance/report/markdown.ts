/** The audit report as Markdown (for a wiki, a pull request, a ticket). */
import type { Finding } from '../../../common/governance/types';
import { humanCell, humanizeNumbersIn } from './humanNumbers';
import type { AuditReport } from './model';
import { NUMBERS_NOTE, approvalRows, datasetRows, headerRows, lineageRows } from './sections';

const cell = (raw: unknown): string => {
  const v = humanCell(raw);
  return (v === null || v === undefined || v === '' ? '—' : String(v))
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
};

function table(headers: string[], rows: unknown[][]): string {
  if (rows.length === 0) return '_none_\n';
  return (
    [
      `| ${headers.join(' | ')} |`,
      `|${headers.map(() => '---').join('|')}|`,
      ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
    ].join('\n') + '\n'
  );
}

function findingsTable(findings: Finding[]): string {
  return table(
    ['rule', 'outcome', 'severity', 'field', 'observed', 'expected', 'fix'],
    findings.map((f) => [
      f.rule,
      f.outcome,
      f.severity,
      f.field,
      humanizeNumbersIn(f.observed),
      f.expected,
      f.fix,
    ]),
  );
}

export function toMarkdown(r: AuditReport): string {
  const c = r.compliance;
  const lineage = lineageRows(r);
  const out: string[] = [];
  out.push(`# Audit report: ${r.model.name} version ${r.version.version}\n`);
  out.push(table(['', ''], [...headerRows(r), ['Report SHA-256', r.integrity.sha256]]));
  out.push('## Compliance summary\n');
  out.push(
    table(
      ['entity', 'compliant', 'score'],
      [c.model, c.version, c.run].flatMap((e) =>
        e ? [[`${e.kind} ${e.id}`, e.compliant ? 'yes' : 'NO', e.score.toFixed(2)]] : [],
      ),
    ),
  );
  for (const e of [c.model, c.version, c.run]) {
    if (!e) continue;
    out.push(`### ${e.kind} ${e.id}\n`);
    out.push(findingsTable(e.findings));
  }
  out.push('## Lineage\n');
  out.push(lineage ? table(['', ''], lineage) : '_The version has no source run in this store._\n');
  out.push('## Parameters\n');
  out.push(table(['param', 'value'], Object.entries(r.params)));
  out.push('## Metrics (latest values)\n');
  out.push(table(['metric', 'value'], Object.entries(r.metrics)));
  out.push('## Datasets\n');
  out.push(table(['name', 'context', 'digest', 'source type', 'source'], datasetRows(r)));
  out.push('## Artifact manifest\n');
  out.push(
    table(
      ['path', 'bytes', 'SHA-256'],
      r.artifacts.files.map((f) => [f.path, f.size, f.sha256]),
    ),
  );
  if (r.artifacts.unreadable.length > 0)
    out.push(`Unreadable: ${r.artifacts.unreadable.join(', ')}\n`);
  out.push('## Model card\n');
  out.push(table(['field', 'value'], Object.entries(r.modelCard)));
  out.push(`Description: ${cell(r.model.description)}\n`);
  out.push('## Approval trail\n');
  out.push(table(['', ''], approvalRows(r)));
  out.push('## Monitoring\n');
  const m = r.monitoring;
  out.push(
    m.newest
      ? `${m.runs} monitoring runs; newest ${m.newest.runName} (${m.newest.startTime}).\n\n${table(['metric', 'value'], Object.entries(m.newest.metrics))}`
      : '_No monitoring run._\n',
  );
  out.push(findingsTable(m.findings));
  out.push('## Limits of this report\n');
  out.push(r.limits.map((x) => `- ${x}`).join('\n') + '\n');
  out.push(`_${NUMBERS_NOTE}_\n`);
  out.push(
    `Verify with \`runlens governance verify REPORT.json\`. Report SHA-256: \`${r.integrity.sha256}\`\n`,
  );
  return out.join('\n');
}
