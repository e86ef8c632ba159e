/**
 * The governance engine: applies a compiled policy (baseline pack + the policy's own rules, with
 * overrides and waivers) to everything gathered from a store and returns the report. Pure: no I/O,
 * "now" is an input, so the same inputs always give the same report.
 */
import type { ModelVersion, RegisteredModel, Run } from '../types';
import { buildContext, type BaselineRule, type EngineContext, type RuleResult } from './context';
import type { ExprContext } from './expression';
import { checkAssertion } from './assertions';
import { MODEL_RULES } from './modelRules';
import { RUN_RULES } from './runRules';
import { VERSION_RULES } from './versionRules';
import { summarize, scoreOf } from './summary';
import type {
  CompiledPolicy,
  EntityKind,
  EntityResult,
  Finding,
  GovernanceInput,
  GovernanceReport,
  Outcome,
  PolicyRule,
  Severity,
  Target,
  Waiver,
} from './types';

const DEFAULT_FIX = 'see the policy rule';

function globMatch(pattern: string, value: string): boolean {
  const re = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${re}$`).test(value);
}

function inScope(value: string, sel: { include: string[]; exclude: string[] }): boolean {
  if (sel.include.length > 0 && !sel.include.some((p) => globMatch(p, value))) return false;
  return !sel.exclude.some((p) => globMatch(p, value));
}

/** The waiver entity URI of an entity. */
export function entityUri(kind: EntityKind, id: string): string {
  return kind === 'run' ? `runs:/${id}` : `models:/${id}`;
}

function waiverStatus(w: Waiver, asOf: number): 'active' | 'expired' {
  // A waiver holds through its expiry day (UTC).
  return asOf < Date.parse(`${w.expires}T00:00:00Z`) + 86_400_000 ? 'active' : 'expired';
}

interface Applied {
  id: string;
  severity: Severity;
  check: (ctx: EngineContext, entity: unknown, expr: ExprContext) => RuleResult;
}

function baselineApplied<E>(rules: BaselineRule<E>[], policy: CompiledPolicy): Applied[] {
  if (!policy.extendsBaseline) return [];
  return rules.flatMap((r) => {
    const o = policy.overrides[r.id];
    if (o === 'off') return [];
    const severity = o ?? r.severity;
    return [
      {
        id: r.id,
        severity,
        check: (ctx, e) => {
          const res = r.check(e as E, ctx);
          // An override fixes the severity; otherwise the rule may raise it (e.g. a run backing a version).
          return o !== undefined && res.status === 'fail' ? { ...res, severity } : res;
        },
      },
    ];
  });
}

function policyApplied(rules: PolicyRule[], target: Target, policy: CompiledPolicy): Applied[] {
  return rules
    .filter((r) => r.target === target && policy.overrides[r.id] !== 'off')
    .map((r) => {
      const o = policy.overrides[r.id];
      const severity = o !== undefined && o !== 'off' ? o : r.severity;
      return {
        id: r.id,
        severity,
        check: (_ctx, _e, expr): RuleResult => {
          if (r.when !== null && !checkAssertion(r.when, expr).ok)
            return {
              status: 'na',
              field: 'when',
              observed: 'precondition false',
              expected: 'precondition true',
            };
          const a = checkAssertion(r.assertion, expr);
          return {
            status: a.ok ? 'pass' : 'fail',
            field: r.description || r.id,
            observed: a.observed,
            expected: a.expected,
            fix: r.fix ?? DEFAULT_FIX,
          };
        },
      };
    });
}

function outcomeOf(res: RuleResult, severity: Severity): Outcome {
  if (res.status === 'pass') return 'PASS';
  if (res.status === 'na') return 'N/A';
  if (res.status === 'error') return 'ERROR';
  return severity === 'error' ? 'FAIL' : severity === 'warn' ? 'WARN' : 'INFO';
}

function evaluateEntity(
  kind: EntityKind,
  id: string,
  name: string,
  parent: string | null,
  rules: Applied[],
  entity: unknown,
  expr: ExprContext,
  ctx: EngineContext,
  waivers: Waiver[],
): EntityResult {
  const uri = entityUri(kind, id);
  const findings: Finding[] = rules.map((rule) => {
    let res: RuleResult;
    try {
      res = rule.check(ctx, entity, expr);
    } catch (err) {
      res = {
        status: 'error',
        field: rule.id,
        observed: err instanceof Error ? err.message : String(err),
        expected: 'evaluable',
      };
    }
    const severity = res.status === 'fail' && res.severity ? res.severity : rule.severity;
    let outcome = outcomeOf(res, severity);
    const finding: Finding = {
      rule: rule.id,
      outcome,
      severity,
      field: res.field,
      observed: res.observed,
      expected: res.expected,
      fix: res.fix ?? '',
    };
    const waiver = waivers.find((w) => w.rule === rule.id && w.entity === uri);
    if (waiver && outcome !== 'PASS' && outcome !== 'N/A') {
      const status = waiverStatus(waiver, ctx.asOf);
      if (status === 'active') outcome = 'WAIVED';
      return { ...finding, outcome, waiver: { ...waiver, status } };
    }
    return finding;
  });
  const compliant = !findings.some(
    (f) => f.outcome === 'FAIL' || (f.outcome === 'ERROR' && f.severity === 'error'),
  );
  return { kind, id, name, parent, compliant, score: scoreOf(findings), findings };
}

export function evaluateGovernance(
  input: GovernanceInput,
  policy: CompiledPolicy,
  asOf: number,
): GovernanceReport {
  const ctx = buildContext(input, policy.settings, asOf);
  const runRules = [
    ...baselineApplied(RUN_RULES, policy),
    ...policyApplied(policy.rules, 'run', policy),
  ];
  const modelRules = [
    ...baselineApplied(MODEL_RULES, policy),
    ...policyApplied(policy.rules, 'registered_model', policy),
  ];
  const versionRules = [
    ...baselineApplied(VERSION_RULES, policy),
    ...policyApplied(policy.rules, 'model_version', policy),
  ];
  const models = input.registeredModels
    .filter((m) => inScope(m.name, policy.scope.models))
    .sort((a, b) => a.name.localeCompare(b.name));
  const modelByName = new Map<string, RegisteredModel>(models.map((m) => [m.name, m]));
  const versions = input.modelVersions
    .filter((v) => modelByName.has(v.name))
    .sort((a, b) => a.name.localeCompare(b.name) || Number(a.version) - Number(b.version));
  const runs = input.runs
    .filter((r) => {
      const exp = ctx.experimentsById.get(r.info.experimentId);
      return (
        r.info.lifecycleStage === 'active' &&
        exp?.lifecycleStage !== 'deleted' &&
        inScope(exp?.name ?? '', policy.scope.experiments)
      );
    })
    .sort(
      (a, b) =>
        a.info.experimentId.localeCompare(b.info.experimentId) ||
        (a.info.startTime ?? 0) - (b.info.startTime ?? 0) ||
        a.info.runId.localeCompare(b.info.runId),
    );
  const w = policy.waivers;
  const entities: EntityResult[] = [
    ...models.map((m) =>
      evaluateEntity('registered_model', m.name, m.name, null, modelRules, m, { model: m }, ctx, w),
    ),
    ...versions.map((v: ModelVersion) => {
      const run = v.runId ? ctx.runsById.get(v.runId) : undefined;
      const id = `${v.name}/${v.version}`;
      return evaluateEntity(
        'model_version',
        id,
        id,
        v.name,
        versionRules,
        v,
        { version: v, run, model: modelByName.get(v.name) },
        ctx,
        w,
      );
    }),
    ...runs.map((r: Run) =>
      evaluateEntity(
        'run',
        r.info.runId,
        r.info.runName,
        r.info.experimentId,
        runRules,
        r,
        { run: r },
        ctx,
        w,
      ),
    ),
  ];
  const rules = [
    ...runRules.map((r) => ({ r, target: 'run' as const })),
    ...modelRules.map((r) => ({ r, target: 'registered_model' as const })),
    ...versionRules.map((r) => ({ r, target: 'model_version' as const })),
  ];
  const policyIds = new Set(policy.rules.map((r) => r.id));
  return {
    schemaVersion: 1,
    asOf: new Date(asOf).toISOString(),
    policy: {
      name: policy.name,
      version: policy.version,
      source: policy.source,
      sha256: policy.sha256,
      rules: rules.map(({ r, target }) => ({
        id: r.id,
        target,
        severity: r.severity,
        origin: policyIds.has(r.id) ? ('policy' as const) : ('baseline' as const),
      })),
      waivers: policy.waivers.map((x) => ({ ...x, status: waiverStatus(x, asOf) })),
    },
    entities,
    summary: summarize(entities),
  };
}
