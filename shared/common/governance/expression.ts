/**
 * Policy assertions: MLflow's search-filter grammar (shared/common/search/parser) with an entity
 * prefix in front of each key — `run.metrics.accuracy >= 0.9`, `version.tags.validation_status = 'approved'`,
 * `model.tags.owner IS NOT NULL`. Parsed into a tree and interpreted; nothing is ever eval'ed.
 * As in MLflow, a missing key satisfies no comparison except IS NULL.
 */
import type { ModelVersion, RegisteredModel, Run } from '../types';
import { applyComparator, checkClause, type ClauseValue, type ValueKind } from '../search/compare';
import {
  evaluate,
  LIST_COMPARATORS,
  NULL_COMPARATORS,
  NUMERIC_COMPARATORS,
  parseFilter,
  STRING_COMPARATORS,
  type BoolExpr,
  type Comparator,
  type RawClause,
} from '../search/parser';
import { splitIdentifier } from '../search/tokenizer';
import { ownValue } from '../records';

export type Prefix = 'run' | 'version' | 'model';
type Section = 'metrics' | 'params' | 'tags' | 'attributes';

export interface PolicyClause {
  prefix: Prefix;
  section: Section;
  key: string;
  comparator: Comparator;
  value: ClauseValue;
  /** As written, for findings (`run.metrics.accuracy`). */
  label: string;
}

export type PolicyExpr = BoolExpr<PolicyClause>;

/** What an assertion can see: the entity and the objects related to it (absent ones are missing). */
export interface ExprContext {
  run?: Run | undefined;
  version?: ModelVersion | undefined;
  model?: RegisteredModel | undefined;
}

type Getter<O> = (o: O) => number | string | null;
interface Attr<O> {
  kind: ValueKind;
  get: Getter<O>;
}

const text = (v: string | null | undefined): string | null => (v == null || v === '' ? null : v);

const RUN_ATTRS: Record<string, Attr<Run>> = {
  run_id: { kind: 'string', get: (r) => r.info.runId },
  run_name: { kind: 'string', get: (r) => text(r.info.runName) },
  status: { kind: 'string', get: (r) => r.info.status },
  user_id: { kind: 'string', get: (r) => text(r.info.userId) },
  experiment_id: { kind: 'string', get: (r) => r.info.experimentId },
  start_time: { kind: 'number', get: (r) => r.info.startTime },
  end_time: { kind: 'number', get: (r) => r.info.endTime },
};
const VERSION_ATTRS: Record<string, Attr<ModelVersion>> = {
  name: { kind: 'string', get: (v) => v.name },
  version: { kind: 'number', get: (v) => Number(v.version) },
  current_stage: { kind: 'string', get: (v) => v.currentStage },
  description: { kind: 'string', get: (v) => text(v.description) },
  user_id: { kind: 'string', get: (v) => text(v.userId) },
  run_id: { kind: 'string', get: (v) => text(v.runId) },
  source: { kind: 'string', get: (v) => text(v.source) },
  status: { kind: 'string', get: (v) => v.status },
  creation_timestamp: { kind: 'number', get: (v) => v.creationTimestamp },
};
const MODEL_ATTRS: Record<string, Attr<RegisteredModel>> = {
  name: { kind: 'string', get: (m) => m.name },
  description: { kind: 'string', get: (m) => text(m.description) },
  creation_timestamp: { kind: 'number', get: (m) => m.creationTimestamp },
};
const ATTRS: Record<Prefix, Record<string, Attr<never>>> = {
  run: RUN_ATTRS as Record<string, Attr<never>>,
  version: VERSION_ATTRS as Record<string, Attr<never>>,
  model: MODEL_ATTRS as Record<string, Attr<never>>,
};
/** Sections each prefix has: versions and models have tags but no metrics or params. */
const SECTIONS: Record<Prefix, Section[]> = {
  run: ['metrics', 'params', 'tags', 'attributes'],
  version: ['tags', 'attributes'],
  model: ['tags', 'attributes'],
};
const SECTION_ALIASES: Record<string, Section> = {
  metric: 'metrics',
  metrics: 'metrics',
  param: 'params',
  params: 'params',
  parameter: 'params',
  parameters: 'params',
  tag: 'tags',
  tags: 'tags',
  attribute: 'attributes',
  attributes: 'attributes',
  attr: 'attributes',
};

function resolveClause(
  clause: RawClause,
  fail: (message: string) => never,
  prefixes: readonly Prefix[],
): PolicyClause {
  const prefix = clause.entity?.toLowerCase();
  if (prefix === undefined || !(prefixes as readonly string[]).includes(prefix)) {
    return fail(
      `'${clause.identifier}' at position ${clause.pos} needs an entity prefix: ${prefixes.map((p) => `${p}.`).join(', ')}`,
    );
  }
  const p = prefix as Prefix;
  const inner = splitIdentifier(clause.key);
  const written = inner.entity?.toLowerCase();
  const section: Section | undefined =
    written === undefined ? 'attributes' : SECTION_ALIASES[written];
  const key = written === undefined ? inner.key : inner.key;
  if (section === undefined || !SECTIONS[p].includes(section)) {
    return fail(
      `unknown field '${clause.identifier}' at position ${clause.pos} (${p}. has ${SECTIONS[p].join(', ')})`,
    );
  }
  const label = clause.identifier;
  if (section === 'attributes') {
    const attr = Object.hasOwn(ATTRS[p], key) ? ATTRS[p][key] : undefined;
    if (attr === undefined) {
      return fail(
        `unknown attribute '${key}' of ${p} at position ${clause.pos} (valid: ${Object.keys(ATTRS[p]).join(', ')})`,
      );
    }
    const allowed: Comparator[] =
      attr.kind === 'number'
        ? [...NUMERIC_COMPARATORS, ...NULL_COMPARATORS]
        : [...STRING_COMPARATORS, ...LIST_COMPARATORS, ...NULL_COMPARATORS];
    const value = checkClause(clause, attr.kind, allowed, label, fail);
    return { prefix: p, section, key, comparator: clause.comparator, value, label };
  }
  const kind: ValueKind = section === 'metrics' ? 'number' : 'string';
  const allowed: Comparator[] =
    kind === 'number'
      ? [...NUMERIC_COMPARATORS, ...NULL_COMPARATORS]
      : [...STRING_COMPARATORS, ...LIST_COMPARATORS, ...NULL_COMPARATORS];
  const value = checkClause(clause, kind, allowed, label, fail);
  return { prefix: p, section, key, comparator: clause.comparator, value, label };
}

/** Parses an assertion; throws StoreError('INVALID_ARGUMENT') naming the bad token and position. */
export function parsePolicyExpr(source: string, prefixes: readonly Prefix[]): PolicyExpr {
  return parseFilter(source, (clause, fail) => resolveClause(clause, fail, prefixes));
}

/** The value a clause reads in `ctx`, null when the entity or key is missing. */
export function clauseValue(clause: PolicyClause, ctx: ExprContext): number | string | null {
  const obj = ctx[clause.prefix];
  if (obj === undefined) return null;
  if (clause.section === 'attributes') {
    const attr = ATTRS[clause.prefix][clause.key] as Attr<typeof obj> | undefined;
    return attr ? attr.get(obj) : null;
  }
  if (clause.prefix === 'run') {
    const run = obj as Run;
    if (clause.section === 'metrics') return ownValue(run.data.metrics, clause.key)?.value ?? null;
    if (clause.section === 'params') return ownValue(run.data.params, clause.key) ?? null;
    return ownValue(run.data.tags, clause.key) ?? null;
  }
  return ownValue((obj as ModelVersion | RegisteredModel).tags, clause.key) ?? null;
}

export function evaluateExpr(expr: PolicyExpr, ctx: ExprContext): boolean {
  return evaluate(
    expr,
    (c, o: ExprContext) => applyComparator(clauseValue(c, o), c.comparator, c.value),
    ctx,
  );
}

/** Every clause of an expression, in order (for findings: what was observed). */
export function clausesOf(expr: PolicyExpr): PolicyClause[] {
  if (expr.op === 'clause') return [expr.clause];
  return expr.clauses.flatMap(clausesOf);
}
