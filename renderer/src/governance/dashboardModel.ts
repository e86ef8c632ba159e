/**
 * The dashboard's pure logic over a GovernanceReport: which entities and rules the filters keep, the
 * matrix cells, and the roll-ups (runs → experiment, versions → model → store). No React, no I/O, so it
 * is unit-tested on the engine's real output.
 */
import {
  OUTCOMES,
  type EntityKind,
  type EntityResult,
  type Finding,
  type GovernanceReport,
  type Outcome,
} from '../../../shared/common/governance/types';

export interface DashboardFilters {
  /** An outcome (PASS, FAIL, …), 'compliant' or 'noncompliant'. */
  outcome?: string | undefined;
  rule?: string | undefined;
  /** An experiment id: only that experiment's runs (registry entities have none, so they go). */
  experiment?: string | undefined;
}

export const NONCOMPLIANT = 'noncompliant';
export const COMPLIANT = 'compliant';

export function isOutcome(value: string | undefined): value is Outcome {
  return value !== undefined && (OUTCOMES as readonly string[]).includes(value);
}

/** The entities the filters keep, registry first (models, versions), then runs, each kind by name. */
export function filterEntities(
  report: GovernanceReport,
  filters: DashboardFilters,
): EntityResult[] {
  const { outcome, rule, experiment } = filters;
  return report.entities
    .filter((e) => experiment === undefined || (e.kind === 'run' && e.parent === experiment))
    .filter((e) => rule === undefined || e.findings.some((f) => f.rule === rule))
    .filter((e) => {
      if (outcome === undefined) return true;
      if (outcome === NONCOMPLIANT) return !e.compliant;
      if (outcome === COMPLIANT) return e.compliant;
      return e.findings.some(
        (f) => f.outcome === outcome && (rule === undefined || f.rule === rule),
      );
    })
    .sort(byKindThenName);
}

const KIND_ORDER: Record<EntityKind, number> = { registered_model: 0, model_version: 1, run: 2 };

function byKindThenName(a: EntityResult, b: EntityResult): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    a.name.localeCompare(b.name, undefined, { numeric: true }) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** The matrix's columns: the policy's rules (one when filtered) that any shown entity is checked by. */
export function visibleRules(
  report: GovernanceReport,
  entities: readonly EntityResult[],
  rule: string | undefined,
): string[] {
  const used = new Set(entities.flatMap((e) => e.findings.map((f) => f.rule)));
  return report.policy.rules
    .map((r) => r.id)
    .filter((id) => used.has(id) && (rule === undefined || id === rule));
}

export function findingOf(entity: EntityResult, rule: string): Finding | undefined {
  return entity.findings.find((f) => f.rule === rule);
}

export interface Tally {
  total: number;
  compliant: number;
}

export interface ExperimentRollup extends Tally {
  experimentId: string;
}

/** Runs → experiment: how many of each experiment's runs comply, least compliant first. */
export function experimentRollups(report: GovernanceReport): ExperimentRollup[] {
  const byExperiment = new Map<string, ExperimentRollup>();
  for (const e of report.entities) {
    if (e.kind !== 'run' || e.parent === null) continue;
    const r = byExperiment.get(e.parent) ?? { experimentId: e.parent, total: 0, compliant: 0 };
    r.total++;
    if (e.compliant) r.compliant++;
    byExperiment.set(e.parent, r);
  }
  return [...byExperiment.values()].sort(
    (a, b) =>
      a.compliant / a.total - b.compliant / b.total || a.experimentId.localeCompare(b.experimentId),
  );
}

export interface ModelRollup {
  name: string;
  /** The registered model's own result (description, owner, monitoring…), if it is in scope. */
  model: EntityResult | undefined;
  versions: Tally;
  /** The model and every version of it comply. */
  compliant: boolean;
}

/** Versions → model: a model complies when it and all of its versions do. */
export function modelRollups(report: GovernanceReport): ModelRollup[] {
  const names = new Set<string>();
  for (const e of report.entities) {
    if (e.kind === 'registered_model') names.add(e.id);
    if (e.kind === 'model_version' && e.parent !== null) names.add(e.parent);
  }
  return [...names].sort().map((name) => {
    const model = report.entities.find((e) => e.kind === 'registered_model' && e.id === name);
    const versions = report.entities.filter((e) => e.kind === 'model_version' && e.parent === name);
    const compliant = versions.filter((v) => v.compliant).length;
    return {
      name,
      model,
      versions: { total: versions.length, compliant },
      compliant: (model?.compliant ?? true) && compliant === versions.length,
    };
  });
}

/** Model → store: the store complies when every model (and every run) does; summary.storeCompliant. */
export function storeRollup(report: GovernanceReport): { models: Tally; runs: Tally } {
  const models = modelRollups(report);
  const runs = report.summary.byKind.run;
  return {
    models: { total: models.length, compliant: models.filter((m) => m.compliant).length },
    runs: { total: runs.entities, compliant: runs.compliant },
  };
}

/** What a failed or noteworthy finding is called in the UI. */
export const OUTCOME_LABEL: Record<Outcome, string> = {
  PASS: 'Pass',
  FAIL: 'Fail',
  WARN: 'Warning',
  INFO: 'Info',
  'N/A': 'Not applicable',
  WAIVED: 'Waived',
  ERROR: 'Error',
};

/** Findings worth reading first: failures, then warnings, errors, waivers, info, then passes and N/A. */
const OUTCOME_RANK: Record<Outcome, number> = {
  FAIL: 0,
  ERROR: 1,
  WARN: 2,
  WAIVED: 3,
  INFO: 4,
  PASS: 5,
  'N/A': 6,
};

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => OUTCOME_RANK[a.outcome] - OUTCOME_RANK[b.outcome] || a.rule.localeCompare(b.rule),
  );
}

export const KIND_LABEL: Record<EntityKind, string> = {
  registered_model: 'Model',
  model_version: 'Version',
  run: 'Run',
};
