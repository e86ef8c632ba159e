/**
 * Clause evaluation and clause validation helpers shared by every kind of search.
 *
 * MLflow's rule, kept everywhere: an object that lacks the key (no such metric, param or tag, no end
 * time) never satisfies a comparison — not even `!=` or `NOT IN`; only `IS NULL` matches it.
 * NaN follows IEEE comparisons as in Python: `NaN != x` is true, every other comparison is false.
 */
import { ilike, like } from './like';
import type { Comparator, RawClause, RawValue } from './parser';

export type ClauseValue = number | string | string[] | null;

/** Does `lhs` (the object's value, null when missing) satisfy `comparator value`? */
export function applyComparator(
  lhs: number | string | null,
  comparator: Comparator,
  value: ClauseValue,
): boolean {
  if (comparator === 'IS NULL') return lhs === null;
  if (comparator === 'IS NOT NULL') return lhs !== null;
  if (lhs === null || value === null) return false;
  switch (comparator) {
    case 'IN':
      return Array.isArray(value) && value.includes(String(lhs));
    case 'NOT IN':
      return Array.isArray(value) && !value.includes(String(lhs));
    case 'LIKE':
      return typeof value === 'string' && like(String(lhs), value);
    case 'ILIKE':
      return typeof value === 'string' && ilike(String(lhs), value);
  }
  if (Array.isArray(value) || typeof lhs !== typeof value) return false;
  switch (comparator) {
    case '=':
      return lhs === value;
    case '!=':
      return lhs !== value;
    case '<':
      return lhs < value;
    case '<=':
      return lhs <= value;
    case '>':
      return lhs > value;
    case '>=':
      return lhs >= value;
  }
}

export type ValueKind = 'number' | 'string';

/**
 * Checks the comparator and value type of a clause on a key of kind `kind` and returns the value
 * to compare with. `label` names the key in messages (`metrics.f1`, `attribute start_time`).
 */
export function checkClause(
  clause: RawClause,
  kind: ValueKind,
  allowed: readonly Comparator[],
  label: string,
  fail: (message: string) => never,
): ClauseValue {
  if (!allowed.includes(clause.comparator)) {
    const use = allowed.join(', ');
    fail(
      `comparator '${clause.comparator}' at position ${clause.comparatorPos} is not valid for ${label} (use ${use})`,
    );
  }
  const v: RawValue = clause.value;
  switch (v.kind) {
    case 'none':
      return null;
    case 'list':
      return v.values;
    case 'number':
      if (kind === 'number') return v.value;
      return fail(`${label} needs a quoted string value, got ${v.raw} at position ${v.pos}`);
    case 'string':
      if (kind === 'string') return v.value;
      return fail(`${label} needs a numeric value, got ${v.raw} at position ${v.pos}`);
  }
}

/** Maps a written entity type to its canonical name, or fails naming the valid ones. */
export function resolveEntity<E extends string>(
  written: string,
  aliases: Readonly<Record<string, E>>,
  pos: number,
  fail: (message: string) => never,
): E {
  const lower = written.toLowerCase();
  const entity = Object.hasOwn(aliases, lower) ? aliases[lower] : undefined;
  if (entity === undefined) {
    const valid = [...new Set(Object.keys(aliases))].join(', ');
    return fail(`unknown entity type '${written}' at position ${pos} (valid: ${valid})`);
  }
  return entity;
}
