/**
 * SARIF 2.1.0 for code-scanning views: one rule descriptor per governance rule, one result per finding
 * that is not PASS/N/A. Findings have no source file, so each result's location is a logical location
 * (the MLflow entity, as its waiver URI) and, when known, the policy file as the artifact.
 */
import { entityUri } from '../../../common/governance/engine';
import type { Finding, GovernanceReport } from '../../../common/governance/types';

const LEVEL: Record<Finding['outcome'], 'error' | 'warning' | 'note' | 'none'> = {
  FAIL: 'error',
  ERROR: 'error',
  WARN: 'warning',
  INFO: 'note',
  WAIVED: 'none',
  PASS: 'none',
  'N/A': 'none',
};

export function toSarif(report: GovernanceReport, toolVersion: string): unknown {
  const rules = [...new Map(report.policy.rules.map((r) => [r.id, r])).values()];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = report.entities.flatMap((e) =>
    e.findings
      .filter((f) => f.outcome !== 'PASS' && f.outcome !== 'N/A')
      .map((f) => ({
        ruleId: f.rule,
        ruleIndex: index.get(f.rule) ?? -1,
        level: LEVEL[f.outcome],
        kind: f.outcome === 'WAIVED' ? 'review' : 'fail',
        message: {
          text: `${e.kind} ${e.id}: ${f.field}: observed ${f.observed}; expected ${f.expected}. Fix: ${f.fix}`,
        },
        locations: [
          {
            logicalLocations: [
              { name: e.name || e.id, fullyQualifiedName: entityUri(e.kind, e.id), kind: 'object' },
            ],
          },
        ],
        ...(f.outcome === 'WAIVED' && f.waiver
          ? {
              suppressions: [
                {
                  kind: 'external',
                  status: 'accepted',
                  justification: `${f.waiver.reason} (approved by ${f.waiver.approvedBy}, expires ${f.waiver.expires})`,
                },
              ],
            }
          : {}),
        properties: { outcome: f.outcome, severity: f.severity, entityKind: e.kind },
      })),
  );
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'runlens-governance',
            version: toolVersion,
            informationUri: 'https://github.com/runlens/runlens',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id,
              shortDescription: { text: `${r.id} (${r.target}, ${r.origin})` },
              defaultConfiguration: {
                level:
                  r.severity === 'error' ? 'error' : r.severity === 'warn' ? 'warning' : 'note',
              },
              properties: { target: r.target, origin: r.origin },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            properties: {
              asOf: report.asOf,
              policy: report.policy.source,
              policySha256: report.policy.sha256,
            },
          },
        ],
        results,
      },
    ],
  };
}
