/**
 * From a parsed policy document (already checked against schemas/runlens-policy.schema.json) to the
 * CompiledPolicy the engine applies: defaults filled in, assertions parsed, rule ids checked.
 * Semantic errors carry the JSON path of the offending value so the loader can point at its line.
 */
import { BASELINE_RULE_IDS } from './baselineIds';
import { parsePolicyExpr, type Prefix } from './expression';
import type {
  Assertion,
  CompiledPolicy,
  PolicyRule,
  PolicySettings,
  Severity,
  Target,
  Threshold,
  Waiver,
} from './types';

export class PolicyError extends Error {
  constructor(
    message: string,
    readonly path: (string | number)[],
  ) {
    super(message);
    this.name = 'PolicyError';
  }
}

export const DEFAULT_SETTINGS: PolicySettings = {
  productionAliases: ['champion', 'prod', 'production'],
  approval: { tag: 'validation_status', approved: ['approved'], approverTag: 'approved_by' },
  maxAgeDays: 365,
  fairness: {},
  monitoring: { maxAgeDays: 30, experiment: null, thresholds: {} },
};

/** Which prefixes an assertion on each target may use: the entity itself and what it links to. */
const PREFIXES: Record<Target, Prefix[]> = {
  run: ['run'],
  registered_model: ['model'],
  model_version: ['version', 'run', 'model'],
};

type Doc = Record<string, unknown>;
const obj = (v: unknown): Doc => (v !== null && typeof v === 'object' ? (v as Doc) : {});
const strs = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function thresholds(v: unknown): Record<string, Threshold> {
  const out: Record<string, Threshold> = {};
  for (const [k, t] of Object.entries(obj(v))) {
    const o = obj(t);
    out[k] = {
      ...(typeof o['min'] === 'number' ? { min: o['min'] } : {}),
      ...(typeof o['max'] === 'number' ? { max: o['max'] } : {}),
    };
  }
  return out;
}

function settingsOf(v: unknown): PolicySettings {
  const s = obj(v);
  const approval = obj(s['approval']);
  const monitoring = obj(s['monitoring']);
  const d = DEFAULT_SETTINGS;
  return {
    productionAliases: Array.isArray(s['production_aliases'])
      ? strs(s['production_aliases'])
      : d.productionAliases,
    approval: {
      tag: typeof approval['tag'] === 'string' ? approval['tag'] : d.approval.tag,
      approved: Array.isArray(approval['approved'])
        ? strs(approval['approved'])
        : d.approval.approved,
      approverTag:
        typeof approval['approver_tag'] === 'string'
          ? approval['approver_tag']
          : d.approval.approverTag,
    },
    maxAgeDays: typeof s['max_age_days'] === 'number' ? s['max_age_days'] : d.maxAgeDays,
    fairness: thresholds(obj(s['fairness'])['metrics']),
    monitoring: {
      maxAgeDays:
        typeof monitoring['max_age_days'] === 'number'
          ? monitoring['max_age_days']
          : d.monitoring.maxAgeDays,
      experiment: typeof monitoring['experiment'] === 'string' ? monitoring['experiment'] : null,
      thresholds: thresholds(monitoring['thresholds']),
    },
  };
}

function assertionOf(v: unknown, target: Target, path: (string | number)[]): Assertion {
  if (typeof v === 'string') {
    try {
      return { kind: 'expr', source: v, expr: parsePolicyExpr(v, PREFIXES[target]) };
    } catch (err) {
      throw new PolicyError(err instanceof Error ? err.message : String(err), path);
    }
  }
  const o = obj(v);
  for (const kind of ['all', 'any'] as const) {
    if (Array.isArray(o[kind])) {
      const items = (o[kind] as unknown[]).map((item, i) =>
        assertionOf(item, target, [...path, kind, i]),
      );
      return { kind, items };
    }
  }
  if (Array.isArray(o['required_tags'])) {
    return { kind: 'required_tags', tags: strs(o['required_tags']) };
  }
  throw new PolicyError(
    'an assertion is a filter string, {all: […]}, {any: […]} or {required_tags: […]}',
    path,
  );
}

function ruleOf(v: unknown, i: number, taken: Set<string>): PolicyRule {
  const r = obj(v);
  const path = ['rules', i];
  const id = String(r['id']);
  if (BASELINE_RULE_IDS.includes(id))
    throw new PolicyError(`rule id '${id}' is a baseline rule; change it with overrides`, [
      ...path,
      'id',
    ]);
  if (taken.has(id)) throw new PolicyError(`duplicate rule id '${id}'`, [...path, 'id']);
  taken.add(id);
  const target = r['target'] as Target;
  return {
    id,
    target,
    severity: (r['severity'] as Severity | undefined) ?? 'error',
    description: typeof r['description'] === 'string' ? r['description'] : '',
    assertion: assertionOf(r['assert'], target, [...path, 'assert']),
    when: r['when'] === undefined ? null : assertionOf(r['when'], target, [...path, 'when']),
    fix: typeof r['fix'] === 'string' ? r['fix'] : null,
  };
}

/** YYYY-MM-DD that is a real calendar day. */
function isDay(s: string): boolean {
  const t = Date.parse(`${s}T00:00:00Z`);
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(t) && new Date(t).toISOString().startsWith(s)
  );
}

/** Compiles a schema-valid document; throws PolicyError (with the JSON path) on semantic errors. */
export function compilePolicy(doc: unknown, source: string, sha256: string | null): CompiledPolicy {
  const d = obj(doc);
  const meta = obj(d['metadata']);
  const ext = strs(d['extends']);
  ext.forEach((e, i) => {
    if (e !== 'builtin:baseline')
      throw new PolicyError(`unknown pack '${e}' (known: builtin:baseline)`, ['extends', i]);
  });
  const taken = new Set<string>();
  const rules = (Array.isArray(d['rules']) ? d['rules'] : []).map((r, i) => ruleOf(r, i, taken));
  const known = new Set([...BASELINE_RULE_IDS, ...taken]);
  const overrides: Record<string, Severity | 'off'> = {};
  (Array.isArray(d['overrides']) ? d['overrides'] : []).forEach((o, i) => {
    const rule = String(obj(o)['rule']);
    if (!BASELINE_RULE_IDS.includes(rule) && !taken.has(rule))
      throw new PolicyError(`unknown rule '${rule}'`, ['overrides', i, 'rule']);
    overrides[rule] = obj(o)['severity'] as Severity | 'off';
  });
  const waivers: Waiver[] = (Array.isArray(d['exceptions']) ? d['exceptions'] : []).map((w, i) => {
    const o = obj(w);
    const rule = String(o['rule']);
    if (!known.has(rule))
      throw new PolicyError(`unknown rule '${rule}'`, ['exceptions', i, 'rule']);
    const expires = String(o['expires']);
    if (!isDay(expires))
      throw new PolicyError(`'${expires}' is not a date (YYYY-MM-DD)`, [
        'exceptions',
        i,
        'expires',
      ]);
    return {
      rule,
      entity: String(o['entity']),
      reason: String(o['reason']),
      approvedBy: String(o['approved_by']),
      expires,
    };
  });
  const scope = obj(d['scope']);
  const sel = (v: unknown) => ({
    include: strs(obj(v)['include']),
    exclude: strs(obj(v)['exclude']),
  });
  return {
    name: typeof meta['name'] === 'string' ? meta['name'] : source,
    version: meta['version'] === undefined ? null : String(meta['version']),
    source,
    sha256,
    extendsBaseline: ext.includes('builtin:baseline'),
    settings: settingsOf(d['settings']),
    scope: { experiments: sel(scope['experiments']), models: sel(scope['models']) },
    rules,
    overrides,
    waivers,
  };
}

/** The policy used when no file is found: the baseline pack with its defaults. */
export function baselinePolicy(): CompiledPolicy {
  return compilePolicy(
    { extends: ['builtin:baseline'], metadata: { name: 'builtin:baseline' } },
    'builtin:baseline',
    null,
  );
}
