/**
 * One audit report as the text of a file (canonical JSON, print-ready HTML, Markdown): what the CLI's
 * `governance report --out` writes and what the app's "Audit report" offers to save — the same bytes.
 */
import { StoreError } from '../../../common/errors';
import type { AuditReportFile, ReportFormat } from '../../../common/governance/types';
import type { TrackingStore } from '../../stores/TrackingStore';
import { choosePolicy, parseAsOf } from '../evaluate';
import { PolicyLoadError } from '../loadPolicy';
import { buildAuditReport } from './build';
import { canonicalJson } from './canonical';
import { toHtml } from './html';
import { toMarkdown } from './markdown';
import type { AuditReport } from './model';

export function reportText(report: AuditReport, format: ReportFormat): string {
  if (format === 'json') return `${canonicalJson(report)}\n`;
  return format === 'md' ? toMarkdown(report) : toHtml(report);
}

/** A name for the saved file: the model name's unsafe characters become '_'. */
export function reportFileName(report: AuditReport, format: ReportFormat): string {
  const model = report.model.name.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
  return `audit-${model}-v${report.version.version}-${report.asOf.slice(0, 10)}.${format}`;
}

/** For the app: a policy that cannot be used is an INVALID_ARGUMENT naming file, line and column. */
export async function renderAuditReport(
  store: TrackingStore,
  opts: {
    model: string;
    version?: string | undefined;
    format: ReportFormat;
    policyPath?: string | undefined;
    asOf?: string | undefined;
    cwd: string;
  },
): Promise<AuditReportFile> {
  const asOf = parseAsOf(opts.asOf);
  let policy;
  try {
    policy = choosePolicy(store, opts.policyPath, opts.cwd).policy;
  } catch (err) {
    if (err instanceof PolicyLoadError)
      throw new StoreError('INVALID_ARGUMENT', `the policy cannot be used: ${err.message}`);
    throw err;
  }
  const report = await buildAuditReport(store, {
    model: opts.model,
    version: opts.version,
    policy,
    asOf,
  });
  return {
    format: opts.format,
    fileName: reportFileName(report, opts.format),
    text: reportText(report, opts.format),
    sha256: report.integrity.sha256,
    version: report.version.version,
  };
}
