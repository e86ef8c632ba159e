/** The label/value rows shared by the HTML and Markdown renderings, so both say the same things. */
import type { AuditReport } from './model';

export type Row = [string, unknown];

export const NUMBERS_NOTE =
  'Measured values are shown to 4 significant digits; the canonical JSON report holds them in full.';

export function headerRows(r: AuditReport): Row[] {
  return [
    ['Model', r.model.name],
    ['Version', r.version.version],
    ['Aliases', r.version.aliases.map((a) => `@${a}`).join(', ')],
    ['Stage', r.version.stage],
    ['As of', r.asOf],
    ['Store', `${r.store.kind}: ${r.store.location}`],
    [
      'Policy',
      `${r.policy.name}${r.policy.version ? ` v${r.policy.version}` : ''} (${r.policy.source})`,
    ],
    ['Policy SHA-256', r.policy.sha256],
  ];
}

export function lineageRows(r: AuditReport): Row[] | null {
  const l = r.lineage;
  if (!l) return null;
  return [
    ['Run', `${l.runName} (${l.runId})`],
    ['Experiment', `${l.experiment.name} (${l.experiment.id})`],
    ['User', l.user],
    ['Status', l.status],
    ['Start', l.startTime],
    ['End', l.endTime],
    ['Git commit', l.gitCommit],
    ['Git repository', l.gitRepo],
    ['Source', l.source],
    ['Source type', l.sourceType],
    ['Entry point', l.entryPoint],
    ['Parent run', l.parentRunId],
    ['Version source', r.version.source],
  ];
}

export function approvalRows(r: AuditReport): Row[] {
  return [
    ['Validation status', r.approval.status],
    ['Approved by', r.approval.approvedBy],
    ['Trained by', r.approval.trainedBy],
    ['Registered by', r.approval.registeredBy],
    ['Holds a production alias', r.approval.productionHolder ? 'yes' : 'no'],
  ];
}

export function datasetRows(r: AuditReport): unknown[][] {
  return r.datasets.map((d) => [d.name, d.context, d.digest, d.sourceType, d.source]);
}
