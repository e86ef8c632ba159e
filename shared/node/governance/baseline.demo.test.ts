/**
 * The baseline pack on the governance-demo fixture (real MLflow 2.12): one table per rule, giving the
 * expected outcome per entity role (ids.json names the roles). Both stores must give these outcomes.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { baselinePolicy } from '../../common/governance/policy';
import type { GovernanceReport, Outcome } from '../../common/governance/types';
import {
  DEMO,
  DEMO_AS_OF,
  evaluateFixture,
  outcomesByRole,
  roleIds,
  type Kind,
} from '../../../test/support/governance';

type Table = Record<string, Outcome>;
const MONITORING = ['mw1', 'mw2', 'mw3', 'mw4', 'mw5', 'mw6'] as const;
const PROJECT = ['baseline', 'champion', 'failed', 'challenger'] as const;
const SANDBOX = ['sandbox-killed', 'sandbox-running'] as const;
const ALL_RUNS = [...PROJECT, 'quick-hack', ...MONITORING, ...SANDBOX];

/** Every run role gets `dflt` unless listed. */
function runs(dflt: Outcome, except: Table = {}): Table {
  return Object.fromEntries(ALL_RUNS.map((r) => [r, except[r] ?? dflt]));
}
const each = (roles: readonly string[], o: Outcome): Table =>
  Object.fromEntries(roles.map((r) => [r, o]));

const RUN_TABLES: Record<string, Table> = {
  'named-experiment': runs('PASS', { 'quick-hack': 'WARN' }),
  'params-logged': runs('PASS', { 'quick-hack': 'WARN' }),
  'metrics-logged': runs('PASS', { failed: 'FAIL' }),
  'run-finished': runs('PASS', { failed: 'INFO', ...each(SANDBOX, 'INFO') }),
  // quick-hack backs quick-hack/1, so a missing commit is an error there and a warning elsewhere.
  'code-version': runs('WARN', { ...each(PROJECT, 'PASS'), 'quick-hack': 'FAIL' }),
  'source-recorded': runs('PASS'),
  'user-recorded': runs('PASS'),
  'data-lineage': runs('INFO', { ...each(PROJECT, 'PASS'), 'quick-hack': 'FAIL' }),
  'run-described': runs('INFO', { champion: 'PASS', failed: 'PASS' }),
};

const MODEL_TABLES: Record<string, Table> = {
  'model-described': { 'credit-approval': 'PASS', 'quick-hack': 'FAIL' },
  'model-owner': { 'credit-approval': 'PASS', 'quick-hack': 'FAIL' },
  'model-card': { 'credit-approval': 'PASS', 'quick-hack': 'WARN' },
  // quick-hack is held by @prod and nobody monitors it.
  monitored: { 'credit-approval': 'PASS', 'quick-hack': 'WARN' },
  // The baseline names no thresholds: nothing to check (the demo policy's test checks them).
  'monitoring-healthy': { 'credit-approval': 'N/A', 'quick-hack': 'N/A' },
};

const VERSION_TABLES: Record<string, Table> = {
  'version-lineage': each(
    ['credit-approval/1', 'credit-approval/2', 'credit-approval/3', 'quick-hack/1'],
    'PASS',
  ),
  'version-described': {
    'credit-approval/1': 'PASS',
    'credit-approval/2': 'PASS',
    'credit-approval/3': 'WARN',
    'quick-hack/1': 'WARN',
  },
  'approved-before-prod': {
    'credit-approval/1': 'N/A',
    'credit-approval/2': 'PASS',
    'credit-approval/3': 'N/A',
    'quick-hack/1': 'FAIL',
  },
  // v2 was trained by alice and approved by bob.
  'four-eyes': {
    'credit-approval/1': 'N/A',
    'credit-approval/2': 'PASS',
    'credit-approval/3': 'N/A',
    'quick-hack/1': 'N/A',
  },
  'no-legacy-stages': {
    'credit-approval/1': 'INFO',
    'credit-approval/2': 'PASS',
    'credit-approval/3': 'PASS',
    'quick-hack/1': 'PASS',
  },
  'fairness-measured': each(
    ['credit-approval/1', 'credit-approval/2', 'credit-approval/3', 'quick-hack/1'],
    'N/A',
  ),
  'max-age': {
    'credit-approval/1': 'N/A',
    'credit-approval/2': 'PASS',
    'credit-approval/3': 'N/A',
    'quick-hack/1': 'PASS',
  },
};

describe.each<Kind>(['file', 'sqlite'])('baseline on governance-demo (%s)', (kind) => {
  let report: GovernanceReport;
  const runIds = roleIds(kind);
  beforeAll(async () => {
    report = await evaluateFixture(DEMO, kind, baselinePolicy(), DEMO_AS_OF);
  });

  it.each(Object.entries(RUN_TABLES))('run rule %s', (rule, table) => {
    expect(outcomesByRole(report, rule, Object.keys(table), (r) => runIds[r] ?? r)).toEqual(table);
  });
  it.each(Object.entries(MODEL_TABLES))('registered-model rule %s', (rule, table) => {
    expect(outcomesByRole(report, rule, Object.keys(table), (r) => r)).toEqual(table);
  });
  it.each(Object.entries(VERSION_TABLES))('model-version rule %s', (rule, table) => {
    expect(outcomesByRole(report, rule, Object.keys(table), (r) => r)).toEqual(table);
  });

  it('covers every baseline rule and every entity, with compliance as GOVERNANCE.md defines', () => {
    const rules = new Set(report.policy.rules.map((r) => r.id));
    expect([...rules].sort()).toEqual(
      [
        ...Object.keys(RUN_TABLES),
        ...Object.keys(MODEL_TABLES),
        ...Object.keys(VERSION_TABLES),
      ].sort(),
    );
    expect(report.summary.entities).toBe(13 + 2 + 4);
    const nonCompliant = report.entities
      .filter((e) => !e.compliant)
      .map((e) => e.id)
      .sort();
    expect(nonCompliant).toEqual(
      [runIds['failed'], runIds['quick-hack'], 'quick-hack', 'quick-hack/1'].sort(),
    );
    // quick-hack fails both of its applicable error rules (weight 3 each), the two warn ones too.
    expect(report.entities.find((e) => e.id === 'quick-hack')?.score).toBe(0);
  });

  it('gives every failed finding the field, observed and expected values and an MLflow fix', () => {
    const failing = report.entities
      .flatMap((e) => e.findings)
      .filter((f) => f.outcome !== 'PASS' && f.outcome !== 'N/A');
    expect(failing.length).toBeGreaterThan(20);
    for (const f of failing) {
      expect(f.field).not.toBe('');
      expect(f.observed).not.toBe('');
      expect(f.expected).not.toBe('');
      expect(f.fix).toMatch(/mlflow|client\.|register|rerun|retrain|investigate|log a/);
    }
    const owner = report.entities
      .find((e) => e.id === 'quick-hack')
      ?.findings.find((f) => f.rule === 'model-owner');
    expect(owner?.fix).toBe('client.set_registered_model_tag("quick-hack", "owner", "<team>")');
  });
});

describe('governance-demo: FileStore and SQLite agree', () => {
  it('gives the same outcome for every (rule, entity), matched by role', async () => {
    const [file, sqlite] = await Promise.all(
      (['file', 'sqlite'] as const).map((k) =>
        evaluateFixture(DEMO, k, baselinePolicy(), DEMO_AS_OF),
      ),
    );
    const byRole = (report: GovernanceReport, kind: Kind) => {
      const roleOf = new Map(Object.entries(roleIds(kind)).map(([role, id]) => [id, role]));
      return report.entities
        .map((e) => ({
          id: roleOf.get(e.id) ?? e.id,
          compliant: e.compliant,
          score: e.score,
          outcomes: e.findings.map((f) => `${f.rule}=${f.outcome}`),
        }))
        .sort((a, b) => a.id.localeCompare(b.id));
    };
    expect(byRole(file!, 'file')).toEqual(byRole(sqlite!, 'sqlite'));
    expect(file!.summary).toEqual(sqlite!.summary);
  });
});
