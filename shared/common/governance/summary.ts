/** Score and roll-ups (GOVERNANCE.md "Results"): weights error 3, warn 1, info 0. */
import {
  OUTCOMES,
  type EntityKind,
  type EntityResult,
  type Finding,
  type GovernanceSummary,
  type Outcome,
  type Severity,
} from './types';

const WEIGHT: Record<Severity, number> = { error: 3, warn: 1, info: 0 };

/** Outcomes that count in the score's denominator: N/A and WAIVED do not apply; ERROR is never a pass. */
const APPLICABLE: ReadonlySet<Outcome> = new Set(['PASS', 'FAIL', 'WARN', 'INFO', 'ERROR']);

function weights(findings: readonly Finding[]): { passed: number; applicable: number } {
  let passed = 0;
  let applicable = 0;
  for (const f of findings) {
    if (!APPLICABLE.has(f.outcome)) continue;
    applicable += WEIGHT[f.severity];
    if (f.outcome === 'PASS') passed += WEIGHT[f.severity];
  }
  return { passed, applicable };
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

export function scoreOf(findings: readonly Finding[]): number {
  const { passed, applicable } = weights(findings);
  return applicable === 0 ? 1 : round(passed / applicable);
}

export function summarize(entities: readonly EntityResult[]): GovernanceSummary {
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const byKind: Record<EntityKind, { entities: number; compliant: number }> = {
    registered_model: { entities: 0, compliant: 0 },
    model_version: { entities: 0, compliant: 0 },
    run: { entities: 0, compliant: 0 },
  };
  let passed = 0;
  let applicable = 0;
  for (const e of entities) {
    for (const f of e.findings) outcomes[f.outcome]++;
    const w = weights(e.findings);
    passed += w.passed;
    applicable += w.applicable;
    byKind[e.kind].entities++;
    if (e.compliant) byKind[e.kind].compliant++;
  }
  const compliant = entities.filter((e) => e.compliant).length;
  return {
    entities: entities.length,
    compliant,
    nonCompliant: entities.length - compliant,
    waived: entities.filter((e) => e.findings.some((f) => f.outcome === 'WAIVED')).length,
    errors: entities.filter((e) => e.findings.some((f) => f.outcome === 'ERROR')).length,
    outcomes,
    byKind,
    score: applicable === 0 ? 1 : round(passed / applicable),
    storeCompliant: compliant === entities.length,
  };
}
