/**
 * The governance screens' pure logic (renderer/src/governance) on the engine's real output for the
 * governance-demo fixture, both store kinds, demo policy, as of 2027-01-15: the filters, roll-ups and
 * monitoring series the dashboard and the model page show.
 */
import { describe, expect, it } from 'vitest';
import {
  COMPLIANT,
  experimentRollups,
  filterEntities,
  modelRollups,
  NONCOMPLIANT,
  sortFindings,
  storeRollup,
  visibleRules,
} from '../../renderer/src/governance/dashboardModel';
import {
  monitoringAlert,
  monitoringFilter,
  monitoringRuns,
  monitoringSeries,
} from '../../renderer/src/governance/monitoringModel';
import { loadPolicyFile } from '../../shared/node/governance/loadPolicy';
import { gatherGovernanceInput } from '../../shared/node/governance/gather';
import {
  DEMO,
  DEMO_AS_OF,
  DEMO_POLICY,
  evaluateFixture,
  openFixture,
  roleIds,
  type Kind,
} from '../support/governance';

const policy = loadPolicyFile(DEMO_POLICY);
const DAY = 86_400_000;

describe.each<Kind>(['file', 'sqlite'])('dashboard model on the %s store', (kind) => {
  it('filters by outcome, rule and experiment, as the URL asks', async () => {
    const report = await evaluateFixture(DEMO, kind, policy, DEMO_AS_OF);
    const ids = roleIds(kind);
    const all = filterEntities(report, {});
    expect(all).toHaveLength(report.entities.length);
    // Registry first: models, then versions, then runs.
    expect(all.slice(0, 2).map((e) => e.id)).toEqual(['credit-approval', 'quick-hack']);
    expect(all[2]?.kind).toBe('model_version');

    const bad = filterEntities(report, { outcome: NONCOMPLIANT });
    expect(bad.length).toBe(report.summary.nonCompliant);
    expect(bad.map((e) => e.id)).toEqual(
      expect.arrayContaining(['quick-hack', 'quick-hack/1', ids['quick-hack']]),
    );
    expect(filterEntities(report, { outcome: COMPLIANT }).length).toBe(report.summary.compliant);
    expect(filterEntities(report, { outcome: 'WAIVED' }).map((e) => e.id)).toEqual([
      'credit-approval/3',
    ]);

    // A rule with an outcome: only the entities where that rule gave it.
    const hack = filterEntities(report, { rule: 'approved-before-prod', outcome: 'FAIL' });
    expect(hack.map((e) => e.id)).toEqual(['quick-hack/1']);
    expect(visibleRules(report, hack, 'approved-before-prod')).toEqual(['approved-before-prod']);

    // An experiment keeps that experiment's runs only.
    const champion = report.entities.find((e) => e.id === ids['champion']);
    const inExperiment = filterEntities(report, { experiment: champion?.parent ?? '' });
    expect(inExperiment.every((e) => e.kind === 'run' && e.parent === champion?.parent)).toBe(true);
    expect(inExperiment.map((e) => e.id)).toContain(ids['champion']);
    expect(inExperiment.map((e) => e.id)).not.toContain(ids['quick-hack']);
  });

  it('rolls runs up to experiments and versions up to models and the store', async () => {
    const report = await evaluateFixture(DEMO, kind, policy, DEMO_AS_OF);
    const models = modelRollups(report);
    expect(models.map((m) => [m.name, m.compliant, m.versions])).toEqual([
      // credit-approval itself fails monitoring-healthy (the drift of the last weeks).
      ['credit-approval', false, { total: 3, compliant: 3 }],
      ['quick-hack', false, { total: 1, compliant: 0 }],
    ]);
    const store = storeRollup(report);
    expect(store.models).toEqual({ total: 2, compliant: 0 });
    expect(store.runs).toEqual({
      total: report.summary.byKind.run.entities,
      compliant: report.summary.byKind.run.compliant,
    });
    const experiments = experimentRollups(report);
    expect(experiments.reduce((n, x) => n + x.total, 0)).toBe(report.summary.byKind.run.entities);
    // Least compliant first: the Default experiment holding quick-hack's run.
    expect(experiments[0]?.compliant).toBeLessThan(experiments[0]?.total ?? 0);
  });

  it('lists failures first in a checklist', async () => {
    const report = await evaluateFixture(DEMO, kind, policy, DEMO_AS_OF);
    const model = report.entities.find((e) => e.id === 'credit-approval');
    const sorted = sortFindings(model?.findings ?? []);
    expect(sorted[0]).toMatchObject({ rule: 'monitoring-healthy', outcome: 'FAIL' });
    expect(sorted.slice(1).every((f) => f.outcome === 'PASS' || f.outcome === 'N/A')).toBe(true);
    expect(sorted).toHaveLength(model?.findings.length ?? -1);
  });

  it('draws the monitoring timeline with the breaches of the last two weeks', async () => {
    const store = openFixture(DEMO, kind);
    await store.open();
    try {
      const input = await gatherGovernanceInput(store);
      const runs = monitoringRuns(input.runs, 'credit-approval', DEMO_AS_OF);
      expect(runs.map((r) => r.info.runName)).toEqual([
        'weekly-2026-12-07',
        'weekly-2026-12-14',
        'weekly-2026-12-21',
        'weekly-2026-12-28',
        'weekly-2027-01-04',
        'weekly-2027-01-11',
      ]);
      const series = monitoringSeries(runs, policy.settings.monitoring.thresholds);
      const accuracy = series.find((s) => s.metric === 'accuracy');
      expect(accuracy?.threshold).toEqual({ min: 0.78 });
      expect(accuracy?.points.map((p) => p.breach)).toEqual([
        false,
        false,
        false,
        false,
        true,
        true,
      ]);
      const alert = monitoringAlert(runs, policy.settings.monitoring, DEMO_AS_OF);
      expect(alert.kind).toBe('breach');
      if (alert.kind === 'breach') {
        expect(alert.metrics).toContain('accuracy');
        expect(alert.run.info.runName).toBe('weekly-2027-01-11');
      }
      // A month later nothing new was logged: stale, like the engine's `monitored` rule says.
      const later = DEMO_AS_OF + 30 * DAY;
      expect(monitoringAlert(runs, policy.settings.monitoring, later).kind).toBe('stale');
      // Before the first monitoring run: none.
      const before = Date.parse('2026-12-01T00:00:00Z');
      const none = monitoringRuns(input.runs, 'credit-approval', before);
      expect(monitoringAlert(none, policy.settings.monitoring, before).kind).toBe('none-found');
    } finally {
      await store.close();
    }
  });
});

describe('monitoringFilter', () => {
  it('quotes the model name for MLflow search', () => {
    expect(monitoringFilter("o'brien")).toBe("tags.monitoring_for = 'o\\'brien'");
  });
});
