/**
 * `runlens governance verify REPORT.json`: recomputes every hash a report carries — its own (canonical
 * JSON of everything but `integrity`), the policy file's, and each artifact's from the store — and says
 * which ones no longer match. An edited report, policy or artifact is caught.
 */
import { readFileSync } from 'node:fs';
import type { TrackingStore } from '../../stores/TrackingStore';
import { canonicalJson, sha256 } from './canonical';
import type { AuditReport } from './model';

export interface HashCheck {
  what: string;
  expected: string;
  actual: string | null;
  ok: boolean;
}

export function parseReport(text: string): AuditReport {
  const data = JSON.parse(text) as Partial<AuditReport>;
  if (data.schema !== 'runlens/audit-report' || data.integrity?.sha256 === undefined)
    throw new Error(
      'not a Runlens audit report (schema runlens/audit-report with integrity.sha256)',
    );
  return data as AuditReport;
}

export function checkIntegrity(report: AuditReport): HashCheck {
  const { integrity, ...body } = report;
  const actual = sha256(canonicalJson(body));
  return {
    what: 'report (canonical JSON)',
    expected: integrity.sha256,
    actual,
    ok: actual === integrity.sha256,
  };
}

export function checkPolicy(report: AuditReport): HashCheck | null {
  const { source, sha256: expected } = report.policy;
  if (expected === null) return null;
  let actual: string | null = null;
  try {
    actual = sha256(readFileSync(source));
  } catch {
    actual = null;
  }
  return { what: `policy ${source}`, expected, actual, ok: actual === expected };
}

export async function checkArtifacts(
  report: AuditReport,
  store: TrackingStore,
): Promise<HashCheck[]> {
  const runId = report.lineage?.runId;
  if (runId === undefined) return [];
  const out: HashCheck[] = [];
  for (const f of report.artifacts.files) {
    let actual: string | null = null;
    try {
      const { bytes, size } = await store.readArtifact(runId, f.path, Math.max(1, f.size + 1));
      actual = bytes.length === size ? sha256(bytes) : null;
    } catch {
      actual = null;
    }
    out.push({ what: `artifact ${f.path}`, expected: f.sha256, actual, ok: actual === f.sha256 });
  }
  return out;
}
