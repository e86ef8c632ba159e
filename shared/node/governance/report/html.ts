/**
 * The audit report as one self-contained HTML page (inline CSS, no scripts, no external resources),
 * laid out for print: Save as PDF gives a clean document. The body is the Markdown report's content.
 */
import type { Finding } from '../../../common/governance/types';
import { humanCell, humanizeNumbersIn } from './humanNumbers';
import type { AuditReport } from './model';
import { NUMBERS_NOTE, approvalRows, datasetRows, headerRows, lineageRows } from './sections';

const esc = (v: unknown): string =>
  (v === null || v === undefined || v === '' ? '—' : String(v))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

function table(headers: string[], rows: unknown[][], cls = ''): string {
  if (rows.length === 0) return '<p class="none">none</p>';
  const head = headers.some((h) => h !== '')
    ? `<thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`
    : '';
  return `<table${cls ? ` class="${cls}"` : ''}>${head}<tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(humanCell(c))}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

// Rounded for reading; the hover title (and the canonical JSON) keeps the full value.
const observedCell = (f: Finding) =>
  humanizeNumbersIn(esc(f.observed), (shown, full) => `<span title="${full}">${shown}</span>`);

const outcomeCell = (f: Finding) =>
  `<span class="o o-${f.outcome.replace('/', '')}">${esc(f.outcome)}</span>`;

function findings(list: Finding[]): string {
  if (list.length === 0) return '<p class="none">none</p>';
  const rows = list
    .map(
      (f) =>
        `<tr><td>${esc(f.rule)}</td><td>${outcomeCell(f)}</td><td>${esc(f.severity)}</td><td>${esc(f.field)}</td><td>${observedCell(f)}</td><td>${esc(f.expected)}</td><td><code>${esc(f.fix)}</code></td></tr>`,
    )
    .join('');
  return `<table class="findings"><thead><tr><th>rule</th><th>outcome</th><th>severity</th><th>field</th><th>observed</th><th>expected</th><th>fix</th></tr></thead><tbody>${rows}</tbody></table>`;
}

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1b1f24;max-width:60rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.2rem;border-bottom:1px solid #ccd;margin-top:2rem;padding-bottom:.2rem}
h3{font-size:1rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #d0d7de;padding:.25rem .4rem;text-align:left;vertical-align:top;word-break:break-word}
th{background:#f3f5f7;word-break:normal;white-space:nowrap}
/* rule ids, outcomes and severities are short tokens: never break them mid-word */
.findings td:nth-child(-n+3){white-space:nowrap;word-break:normal}code{font-size:.85em}.none{color:#57606a;font-style:italic}
.o{font-weight:600;padding:0 .3rem;border-radius:3px}.o-PASS{color:#116329}.o-FAIL,.o-ERROR{color:#fff;background:#b42318}.o-WARN{background:#fbe8a6}.o-INFO,.o-NA{color:#57606a}.o-WAIVED{background:#ddf4ff}
.verdict{font-size:1.1rem;font-weight:700}.bad{color:#b42318}.good{color:#116329}.hash{font-family:ui-monospace,monospace;font-size:.8rem;word-break:break-all}
@media print{body{margin:0;max-width:none;font-size:11px}h2{break-after:avoid}table,tr{break-inside:avoid}@page{margin:1.5cm}}
`;

export function toHtml(r: AuditReport): string {
  const c = r.compliance;
  const lineage = lineageRows(r);
  const entities = [c.model, c.version, c.run].filter((e) => e !== null);
  const compliant = entities.every((e) => e.compliant);
  const m = r.monitoring;
  const parts = [
    `<h1>Audit report: ${esc(r.model.name)} version ${esc(r.version.version)}</h1>`,
    `<p class="verdict ${compliant ? 'good' : 'bad'}">${compliant ? 'Compliant' : 'Not compliant'} with policy ${esc(r.policy.name)} as of ${esc(r.asOf)}</p>`,
    table(['', ''], headerRows(r)),
    '<h2>Compliance summary</h2>',
    table(
      ['entity', 'compliant', 'score'],
      entities.map((e) => [`${e.kind} ${e.id}`, e.compliant ? 'yes' : 'NO', e.score.toFixed(2)]),
    ),
    ...entities.flatMap((e) => [`<h3>${esc(e.kind)} ${esc(e.id)}</h3>`, findings(e.findings)]),
    '<h2>Lineage</h2>',
    lineage
      ? table(['', ''], lineage)
      : '<p class="none">The version has no source run in this store.</p>',
    '<h2>Parameters</h2>',
    table(['param', 'value'], Object.entries(r.params)),
    '<h2>Metrics (latest values)</h2>',
    table(['metric', 'value'], Object.entries(r.metrics)),
    '<h2>Datasets</h2>',
    table(['name', 'context', 'digest', 'source type', 'source'], datasetRows(r)),
    '<h2>Artifact manifest</h2>',
    table(
      ['path', 'bytes', 'SHA-256'],
      r.artifacts.files.map((f) => [f.path, f.size, f.sha256]),
      'manifest',
    ),
    r.artifacts.unreadable.length > 0
      ? `<p>Unreadable: ${esc(r.artifacts.unreadable.join(', '))}</p>`
      : '',
    '<h2>Model card</h2>',
    table(
      ['field', 'value'],
      [...Object.entries(r.modelCard), ['description', r.model.description]],
    ),
    '<h2>Approval trail</h2>',
    table(['', ''], approvalRows(r)),
    '<h2>Monitoring</h2>',
    m.newest
      ? `<p>${m.runs} monitoring runs; newest ${esc(m.newest.runName)} (${esc(m.newest.startTime)}).</p>${table(['metric', 'value'], Object.entries(m.newest.metrics))}`
      : '<p class="none">No monitoring run.</p>',
    findings(m.findings),
    '<h2>Limits of this report</h2>',
    `<ul>${r.limits.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`,
    `<p class="none">${NUMBERS_NOTE}</p>`,
    `<p>Report SHA-256 (canonical JSON): <span class="hash">${esc(r.integrity.sha256)}</span><br>Verify with <code>runlens governance verify REPORT.json</code>.</p>`,
  ];
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Audit report: ${esc(r.model.name)} v${esc(r.version.version)}</title><style>${CSS}</style></head><body>\n${parts.join('\n')}\n</body></html>\n`;
}
