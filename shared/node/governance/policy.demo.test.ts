/**
 * The demo policy (demo/governance-demo/runlens-policy.yaml) on the governance-demo stores: policy
 * rules, fairness and monitoring thresholds, waivers (one active, one expired), scope, and "as of".
 */
import { describe, expect, it } from 'vitest';
import type { GovernanceReport, Outcome } from '../../common/governance/types';
import { loadPolicyFile } from './loadPolicy';
import {
  DEMO,
  DEMO_AS_OF,
  DEMO_POLICY,
  evaluateFixture,
  outcomesByRole,
  roleIds,
  type Kind,
} from '../../../test/support/governance';

const policy = loadPolicyFile(DEMO_POLICY);
const VERSIONS = ['credit-approval/1', 'credit-approval/2', 'credit-approval/3', 'quick-hack/1'];

function outcome(report: GovernanceReport, id: string, rule: string): Outcome | undefined {
  return report.entities.find((e) => e.id === id)?.findings.find((f) => f.rule === rule)?.outcome;
}

describe.each<Kind>(['file', 'sqlite'])('demo policy on governance-demo (%s)', (kind) => {
  const runIds = roleIds(kind);

  it('applies fairness thresholds to the source runs', async () => {
    const r = await evaluateFixture(DEMO, kind, policy, DEMO_AS_OF);
    expect(outcomesByRole(r, 'fairness-measured', VERSIONS, (x) => x)).toEqual({
      'credit-approval/1': 'PASS',
      'credit-approval/2': 'PASS',
      'credit-approval/3': 'PASS',
      'quick-hack/1': 'WARN', // the quick hack never measured fairness
    });
    const f = r.entities
      .find((e) => e.id === 'quick-hack/1')
      ?.findings.find((x) => x.rule === 'fairness-measured');
    expect(f?.observed).toBe(
      'demographic_parity_difference=missing, equal_opportunity_difference=missing',
    );
  });

  it('flags the drift of the newest monitoring run (week 6) and nothing before week 5', async () => {
    const r = await evaluateFixture(DEMO, kind, policy, DEMO_AS_OF);
    const f = r.entities
      .find((e) => e.id === 'credit-approval')
      ?.findings.find((x) => x.rule === 'monitoring-healthy');
    expect(f?.outcome).toBe('FAIL');
    expect(f?.field).toMatch(/^metrics of weekly-2027-01-11 \(2027-01-11T06:00:00\.000Z\)$/);
    expect(f?.observed).toMatch(
      /^accuracy=0\.71\d+, demographic_parity_difference=0\.22\d+, psi=0\.12\d+$/,
    );
    expect(f?.expected).toBe('accuracy >= 0.78, demographic_parity_difference <= 0.1, psi <= 0.1');
    expect(r.entities.find((e) => e.id === 'credit-approval')?.compliant).toBe(false);
    // As of the day after week 4's job, the newest run is week 4 and it is healthy.
    const early = await evaluateFixture(DEMO, kind, policy, Date.parse('2026-12-29T00:00:00Z'));
    expect(outcome(early, 'credit-approval', 'monitoring-healthy')).toBe('PASS');
  });

  it('evaluates the policy rules with their preconditions', async () => {
    const r = await evaluateFixture(DEMO, kind, policy, DEMO_AS_OF);
    expect(outcomesByRole(r, 'accuracy-floor', VERSIONS, (x) => x)).toEqual({
      'credit-approval/1': 'N/A', // Archived
      'credit-approval/2': 'PASS',
      'credit-approval/3': 'PASS',
      'quick-hack/1': 'PASS',
    });
    expect(
      outcomesByRole(r, 'model-card-tags', ['credit-approval', 'quick-hack'], (x) => x),
    ).toEqual({
      'credit-approval': 'PASS',
      'quick-hack': 'FAIL',
    });
    const roles = ['baseline', 'champion', 'failed', 'challenger', 'quick-hack', 'mw1'];
    expect(outcomesByRole(r, 'evaluated-on-holdout', roles, (x) => runIds[x] ?? x)).toEqual({
      baseline: 'PASS',
      champion: 'PASS',
      failed: 'N/A',
      challenger: 'PASS',
      'quick-hack': 'WARN',
      mw1: 'N/A',
    });
  });

  it('applies the active waiver and reports the expired one without applying it', async () => {
    const r = await evaluateFixture(DEMO, kind, policy, DEMO_AS_OF);
    const v3 = r.entities
      .find((e) => e.id === 'credit-approval/3')
      ?.findings.find((f) => f.rule === 'version-described');
    expect(v3?.outcome).toBe('WAIVED');
    expect(v3?.waiver?.status).toBe('active');
    const qh = r.entities
      .find((e) => e.id === 'quick-hack')
      ?.findings.find((f) => f.rule === 'model-card');
    expect(qh?.outcome).toBe('WARN');
    expect(qh?.waiver).toMatchObject({ status: 'expired', expires: '2026-12-31' });
    expect(r.policy.waivers.map((w) => w.status)).toEqual(['active', 'expired']);
    expect(r.summary.waived).toBe(1);
    // Before its expiry day ends, the second waiver still holds.
    const before = await evaluateFixture(DEMO, kind, policy, Date.parse('2026-12-31T23:59:59Z'));
    expect(outcome(before, 'quick-hack', 'model-card')).toBe('WAIVED');
  });

  it('keeps sandbox runs out of scope and reports staleness as of a later day', async () => {
    const r = await evaluateFixture(DEMO, kind, policy, DEMO_AS_OF);
    expect(r.entities.some((e) => e.id === runIds['sandbox-killed'])).toBe(false);
    expect(r.summary.byKind.run.entities).toBe(11);
    const late = await evaluateFixture(DEMO, kind, policy, Date.parse('2027-03-01T00:00:00Z'));
    expect(outcome(late, 'credit-approval', 'monitored')).toBe('WARN');
    expect(outcome(late, 'credit-approval/3', 'version-described')).toBe('WAIVED');
    const years = await evaluateFixture(DEMO, kind, policy, Date.parse('2028-06-01T00:00:00Z'));
    expect(outcome(years, 'credit-approval/2', 'max-age')).toBe('WARN');
    expect(outcome(years, 'credit-approval/3', 'version-described')).toBe('WARN');
  });
});
