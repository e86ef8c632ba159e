/** The audit report (GOVERNANCE.md "Audit report"): one model version, schema-versioned JSON. */
import type { EntityResult, GovernanceReport } from '../../../common/governance/types';

export interface ArtifactEntry {
  path: string;
  size: number;
  sha256: string;
}

export interface AuditReportBody {
  schema: 'runlens/audit-report';
  schemaVersion: 1;
  asOf: string;
  store: { kind: string; location: string };
  model: {
    name: string;
    description: string | null;
    tags: Record<string, string>;
    aliases: Record<string, string>;
  };
  version: {
    version: string;
    aliases: string[];
    stage: string;
    description: string | null;
    source: string;
    runId: string | null;
    createdAt: string | null;
    tags: Record<string, string>;
  };
  policy: { name: string; version: string | null; source: string; sha256: string | null };
  compliance: {
    model: EntityResult | null;
    version: EntityResult | null;
    run: EntityResult | null;
  };
  lineage: {
    runId: string;
    runName: string;
    experiment: { id: string; name: string };
    user: string | null;
    status: string;
    startTime: string | null;
    endTime: string | null;
    gitCommit: string | null;
    gitRepo: string | null;
    source: string | null;
    sourceType: string | null;
    entryPoint: string | null;
    parentRunId: string | null;
  } | null;
  params: Record<string, string>;
  metrics: Record<string, number | string>;
  datasets: {
    name: string;
    digest: string;
    sourceType: string;
    source: string;
    context: string | null;
  }[];
  artifacts: { files: ArtifactEntry[]; unreadable: string[] };
  modelCard: Record<string, string | null>;
  approval: {
    status: string | null;
    approvedBy: string | null;
    trainedBy: string | null;
    registeredBy: string | null;
    productionHolder: boolean;
  };
  monitoring: {
    runs: number;
    newest: {
      runId: string;
      runName: string;
      startTime: string | null;
      metrics: Record<string, number | string>;
    } | null;
    findings: EntityResult['findings'];
  };
  limits: string[];
}

export interface AuditReport extends AuditReportBody {
  /** SHA-256 of the canonical JSON of everything but this field. */
  integrity: { algorithm: 'sha256'; canonicalization: 'runlens-canonical-json'; sha256: string };
}

export type { GovernanceReport };
