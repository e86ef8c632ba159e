/**
 * Governance domain types (GOVERNANCE.md): the compiled policy the engine applies, the entities it
 * reads, and the report it produces. Everything here is plain JSON so a report crosses IPC/HTTP as is.
 */
import type { Experiment, LoggedModel, ModelVersion, RegisteredModel, Run } from '../types';
import type { PolicyExpr } from './expression';

export type Severity = 'error' | 'warn' | 'info';
export type Target = 'run' | 'registered_model' | 'model_version';
export const OUTCOMES = ['PASS', 'FAIL', 'WARN', 'INFO', 'N/A', 'WAIVED', 'ERROR'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** A threshold on one metric: the value must be ≥ min and ≤ max (either may be absent). */
export interface Threshold {
  min?: number;
  max?: number;
}

export interface PolicySettings {
  productionAliases: string[];
  approval: { tag: string; approved: string[]; approverTag: string };
  /** max-age: a production version older than this many days is reported. */
  maxAgeDays: number;
  /** fairness-measured: metric name → threshold, read on the version's source run. */
  fairness: Record<string, Threshold>;
  monitoring: {
    /** monitored: the newest monitoring run must be younger than this many days. */
    maxAgeDays: number;
    /** Runs of this experiment count as monitoring runs too (besides tag `monitoring_for=<model>`). */
    experiment: string | null;
    /** monitoring-healthy: metric name → threshold, read on the newest monitoring run. */
    thresholds: Record<string, Threshold>;
  };
}

export type Assertion =
  | { kind: 'expr'; source: string; expr: PolicyExpr }
  | { kind: 'all' | 'any'; items: Assertion[] }
  | { kind: 'required_tags'; tags: string[] };

export interface PolicyRule {
  id: string;
  target: Target;
  severity: Severity;
  description: string;
  assertion: Assertion;
  /** Precondition: when it does not hold the outcome is N/A. */
  when: Assertion | null;
  fix: string | null;
}

export interface Waiver {
  rule: string;
  /** `runs:/<id>`, `models:/<name>` or `models:/<name>/<version>`. */
  entity: string;
  reason: string;
  approvedBy: string;
  /** YYYY-MM-DD, inclusive (the waiver holds through that day, UTC). */
  expires: string;
}

export interface Scope {
  experiments: { include: string[]; exclude: string[] };
  models: { include: string[]; exclude: string[] };
}

/** A policy after loading and validation: what the engine applies. */
export interface CompiledPolicy {
  name: string;
  version: string | null;
  /** Path of the policy file, or `builtin:baseline` when none was found. */
  source: string;
  /** SHA-256 of the policy file's bytes (null for the built-in baseline alone). */
  sha256: string | null;
  extendsBaseline: boolean;
  settings: PolicySettings;
  scope: Scope;
  rules: PolicyRule[];
  /** Baseline rule id → severity, 'off' removes the rule. */
  overrides: Record<string, Severity | 'off'>;
  waivers: Waiver[];
}

/** What the engine reads: everything gathered from one store, whatever its kind. */
export interface GovernanceInput {
  experiments: Experiment[];
  /** Every run of the store (deleted ones too: a version may point at one). */
  runs: Run[];
  registeredModels: RegisteredModel[];
  modelVersions: ModelVersion[];
  loggedModels: LoggedModel[];
  /** Run id → its artifact file paths (at least the top level) for runs backing model versions. */
  artifactPaths: Record<string, string[]>;
  /** Parts that could not be read (rules depending on them give ERROR). */
  unreadable: { runArtifacts: string[] };
}

export interface Finding {
  rule: string;
  outcome: Outcome;
  severity: Severity;
  field: string;
  observed: string;
  expected: string;
  fix: string;
  /** The waiver that applied (WAIVED), or the expired one that no longer does. */
  waiver?: Waiver & { status: 'active' | 'expired' };
}

export type EntityKind = Target;

export interface EntityResult {
  kind: EntityKind;
  /** Run id, model name or `name/version`. */
  id: string;
  name: string;
  /** Run: its experiment id; version: its model's name. */
  parent: string | null;
  compliant: boolean;
  /** Passed weight / applicable weight (error 3, warn 1, info 0); 1 when nothing applies. */
  score: number;
  findings: Finding[];
}

export interface GovernanceSummary {
  entities: number;
  compliant: number;
  nonCompliant: number;
  /** Entities with at least one WAIVED finding. */
  waived: number;
  /** Entities with at least one ERROR finding. */
  errors: number;
  outcomes: Record<Outcome, number>;
  byKind: Record<EntityKind, { entities: number; compliant: number }>;
  /** Passed weight / applicable weight over every entity. */
  score: number;
  storeCompliant: boolean;
}

export interface GovernanceReport {
  schemaVersion: 1;
  asOf: string;
  policy: {
    name: string;
    version: string | null;
    source: string;
    sha256: string | null;
    rules: { id: string; target: Target; severity: Severity; origin: 'baseline' | 'policy' }[];
    waivers: (Waiver & { status: 'active' | 'expired' })[];
  };
  entities: EntityResult[];
  summary: GovernanceSummary;
}

/** One problem of a policy file, where it is. */
export interface PolicyProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * What `evaluateGovernance` answers: the report, or (report null) why the policy could not be used.
 * `policyPath` is the file used, null when none was found beside the store (the baseline applies).
 */
export interface GovernanceEvaluation {
  policyPath: string | null;
  policyProblems: PolicyProblem[];
  report: GovernanceReport | null;
  /** The settings applied (thresholds the app draws on monitoring charts); null with the report. */
  settings: PolicySettings | null;
}

export const REPORT_FORMATS = ['json', 'html', 'md'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What `buildGovernanceReport` answers: one audit report as the text of a file. */
export interface AuditReportFile {
  format: ReportFormat;
  /** `audit-<model>-v<version>-<as-of day>.<ext>`, safe as a file name on every OS. */
  fileName: string;
  /** The same bytes `runlens governance report --out` writes. */
  text: string;
  /** The report's own SHA-256 (its `integrity.sha256`), whatever the format. */
  sha256: string;
  version: string;
}

/** What `getObservedHistory` answers: where the log is, whether its hash chain holds, the timeline. */
export interface ObservedHistory {
  logPath: string;
  chain: { ok: boolean; entries: number; brokenAt: number | null };
  events: import('./lifecycle').LifecycleEvent[];
}
