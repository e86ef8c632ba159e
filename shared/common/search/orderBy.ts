/**
 * order_by clauses (`metrics.f1 DESC`, `name`, `` params.`my param` ASC ``) and the comparison helpers
 * the sorters share.
 */
import { invalid } from './errors';
import { isKeyword, splitIdentifier, tokenize } from './tokenizer';

export interface RawOrderBy {
  /** Entity type as written, null for a bare key. */
  entity: string | null;
  key: string;
  ascending: boolean;
}

/** Parses one clause: an identifier optionally followed by ASC or DESC (any case). */
export function parseOrderByClause(clause: string): RawOrderBy {
  const fail = (message: string): never =>
    invalid(`Invalid order_by clause '${clause}': ${message}`);
  const tokens = tokenize(clause, 'order_by clause');
  const [id, dir, end] = tokens;
  if (
    id === undefined ||
    id.kind !== 'word' ||
    (id.bare && (isKeyword(id, 'ASC') || isKeyword(id, 'DESC')))
  ) {
    return fail('expected a key such as metrics.<key>, params.<key>, tags.<key> or an attribute');
  }
  let ascending = true;
  let last = dir;
  if (dir !== undefined && dir.kind !== 'eof') {
    if (isKeyword(dir, 'ASC') || isKeyword(dir, 'DESC')) {
      ascending = isKeyword(dir, 'ASC');
      last = end;
    } else {
      return fail(`unexpected '${dir.raw}' at position ${dir.pos}, expected ASC or DESC`);
    }
  }
  if (last !== undefined && last.kind !== 'eof') {
    return fail(`unexpected '${last.raw}' at position ${last.pos}, expected the end of the clause`);
  }
  const { entity, key } = splitIdentifier(id.raw);
  return { entity, key, ascending };
}

/** Plain ascending comparison of two present values (numbers numerically, strings by code unit). */
export function compareValues(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares decimal ids (experiment ids, version numbers) as numbers, anything else as strings. */
export function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    return a.length !== b.length ? a.length - b.length : compareValues(a, b);
  }
  return compareValues(a, b);
}

/** Ascending comparison with null (missing) after every value, in both directions. */
export function compareNullsLast<V>(
  a: V | null,
  b: V | null,
  ascending: boolean,
  cmp: (x: V, y: V) => number,
): number {
  if (a === null || b === null) return a === null ? (b === null ? 0 : 1) : -1;
  return ascending ? cmp(a, b) : cmp(b, a);
}
