/**
 * Parser for MLflow's filter grammar, shared by runs, experiments, registered models and versions.
 *
 *   expr       := and_expr (OR and_expr)*          -- OR and parentheses are Runlens extensions;
 *   and_expr   := primary (AND primary)*           -- MLflow itself accepts only AND-ed clauses.
 *   primary    := '(' expr ')' | clause
 *   clause     := ident op value | ident [NOT] IN '(' value (',' value)* ')' | ident IS [NOT] NULL
 *   op         := = | != | < | <= | > | >= | LIKE | ILIKE
 *   value      := 'single-quoted' | "double-quoted" | number
 *
 * The parser knows nothing about entities: each clause is handed to a `resolve` callback that
 * validates it for one kind of object and returns that domain's node (or throws).
 */
import { invalid } from './errors';
import { isKeyword, KEYWORDS, splitIdentifier, tokenize, type Token } from './tokenizer';

export type Comparator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'LIKE'
  | 'ILIKE'
  | 'IN'
  | 'NOT IN'
  | 'IS NULL'
  | 'IS NOT NULL';

export const NUMERIC_COMPARATORS: readonly Comparator[] = ['=', '!=', '<', '<=', '>', '>='];
export const STRING_COMPARATORS: readonly Comparator[] = ['=', '!=', 'LIKE', 'ILIKE'];
export const LIST_COMPARATORS: readonly Comparator[] = ['IN', 'NOT IN'];
export const NULL_COMPARATORS: readonly Comparator[] = ['IS NULL', 'IS NOT NULL'];

export type RawValue =
  | { kind: 'string'; value: string; raw: string; pos: number }
  | { kind: 'number'; value: number; raw: string; pos: number }
  | { kind: 'list'; values: string[]; raw: string; pos: number }
  | { kind: 'none'; raw: string; pos: number };

/** One `<entity>.<key> <comparator> <value>` clause, before any domain validation. */
export interface RawClause {
  /** Entity type as written (`metrics`, `tags`…), null for a bare key (`start_time`). */
  entity: string | null;
  key: string;
  /** The identifier as written. */
  identifier: string;
  comparator: Comparator;
  /** The comparator's words as written, one space apart (`like`, `not IN`): MLflow is case-sensitive. */
  comparatorText: string;
  value: RawValue;
  /** 1-based column of the identifier / comparator. */
  pos: number;
  comparatorPos: number;
}

export type BoolExpr<T> =
  | { op: 'and'; clauses: BoolExpr<T>[] }
  | { op: 'or'; clauses: BoolExpr<T>[] }
  | { op: 'clause'; clause: T };

/** Resolves a raw clause into a domain node; `fail` throws an INVALID_ARGUMENT naming the filter. */
export type Resolver<T> = (clause: RawClause, fail: (message: string) => never) => T;

/**
 * Limits that keep a hostile filter from exhausting the stack (the parser and evaluate() recurse once
 * per '(') or the CPU. Far above anything written by hand or by the app: MLflow's own UI never nests.
 */
export const MAX_FILTER_LENGTH = 100_000;
export const MAX_FILTER_NESTING = 100;

/** A parsed filter with what its tree does not keep of how it was written. */
export interface FilterSyntax<T> {
  tree: BoolExpr<T>;
  /** Every clause as written, in order (before domain validation). */
  clauses: RawClause[];
  /** True when parentheses group clauses (an IN list's do not count). */
  grouped: boolean;
}

/** Parses `filter` into a tree of domain clauses. An empty or blank filter is an empty AND (all). */
export function parseFilter<T>(filter: string, resolve: Resolver<T>): BoolExpr<T> {
  return parseFilterSyntax(filter, resolve).tree;
}

/** parseFilter, also returning the clauses as written (so a caller never needs to parse twice). */
export function parseFilterSyntax<T>(filter: string, resolve: Resolver<T>): FilterSyntax<T> {
  if (filter.length > MAX_FILTER_LENGTH)
    invalid(
      `Invalid filter: it is ${filter.length} characters long, the limit is ${MAX_FILTER_LENGTH}`,
    );
  const fail = (message: string): never => invalid(`Invalid filter '${filter}': ${message}`);
  const written: RawClause[] = [];
  let grouped = false;
  if (filter.trim() === '') return { tree: { op: 'and', clauses: [] }, clauses: written, grouped };
  let depth = 0;
  const tokens = tokenize(filter, 'filter');
  let i = 0;
  const peek = (): Token => tokens[Math.min(i, tokens.length - 1)] as Token;
  const next = (): Token => {
    const t = peek();
    i++;
    return t;
  };
  const describe = (t: Token): string => (t.kind === 'eof' ? 'end of filter' : `'${t.raw}'`);
  const unexpected = (t: Token, expected: string): never =>
    t.kind === 'eof'
      ? fail(`unexpected end of filter, expected ${expected}`)
      : fail(`unexpected ${describe(t)} at position ${t.pos}, expected ${expected}`);

  const parseValue = (): RawValue => {
    const t = next();
    if (t.kind === 'string') return { kind: 'string', value: t.text, raw: t.raw, pos: t.pos };
    if (t.kind === 'number')
      return { kind: 'number', value: Number(t.text), raw: t.raw, pos: t.pos };
    // sqlparse reads "double-quoted" text as an identifier; MLflow accepts it as a string value.
    if (
      t.kind === 'word' &&
      t.raw.length >= 2 &&
      t.raw.startsWith('"') &&
      t.raw.endsWith('"') &&
      !t.raw.slice(1, -1).includes('"')
    ) {
      return { kind: 'string', value: t.raw.slice(1, -1), raw: t.raw, pos: t.pos };
    }
    if (t.kind === 'word' && t.bare && !KEYWORDS.has(t.text.toUpperCase())) {
      return fail(`value ${describe(t)} at position ${t.pos} must be quoted (e.g. '${t.raw}')`);
    }
    return unexpected(t, 'a value');
  };

  const parseList = (): RawValue => {
    const open = next();
    if (open.kind !== 'lparen') return unexpected(open, "a list like ('a', 'b')");
    const values: string[] = [];
    for (;;) {
      const v = parseValue();
      if (v.kind !== 'string')
        return fail(`list at position ${open.pos} must hold quoted strings, got '${v.raw}'`);
      values.push(v.value);
      const sep = next();
      if (sep.kind === 'rparen') break;
      if (sep.kind !== 'comma') return unexpected(sep, "',' or ')'");
    }
    const close = tokens[i - 1] as Token;
    return { kind: 'list', values, raw: filter.slice(open.pos - 1, close.pos), pos: open.pos };
  };

  const parseClause = (): BoolExpr<T> => {
    const id = next();
    if (id.kind !== 'word' || (id.bare && KEYWORDS.has(id.text.toUpperCase()))) {
      return unexpected(
        id,
        'an identifier such as metrics.<key>, params.<key>, tags.<key> or an attribute',
      );
    }
    const { entity, key } = splitIdentifier(id.raw);
    const opTok = next();
    let comparator: Comparator;
    let comparatorText = opTok.raw;
    let value: RawValue;
    if (opTok.kind === 'op') {
      comparator = opTok.text as Comparator;
      value = parseValue();
    } else if (isKeyword(opTok, 'LIKE') || isKeyword(opTok, 'ILIKE')) {
      comparator = opTok.text.toUpperCase() as Comparator;
      value = parseValue();
    } else if (isKeyword(opTok, 'IN')) {
      comparator = 'IN';
      value = parseList();
    } else if (isKeyword(opTok, 'NOT')) {
      const inTok = next();
      if (!isKeyword(inTok, 'IN')) return unexpected(inTok, 'IN after NOT');
      comparator = 'NOT IN';
      comparatorText += ` ${inTok.raw}`;
      value = parseList();
    } else if (isKeyword(opTok, 'IS')) {
      let t = next();
      comparator = 'IS NULL';
      if (isKeyword(t, 'NOT')) {
        comparator = 'IS NOT NULL';
        comparatorText += ` ${t.raw}`;
        t = next();
      }
      if (!isKeyword(t, 'NULL')) return unexpected(t, 'NULL');
      comparatorText += ` ${t.raw}`;
      value = { kind: 'none', raw: '', pos: t.pos };
    } else {
      return unexpected(
        opTok,
        'a comparator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL)',
      );
    }
    const clause: RawClause = {
      entity,
      key,
      identifier: id.raw,
      comparator,
      comparatorText,
      value,
      pos: id.pos,
      comparatorPos: opTok.pos,
    };
    written.push(clause);
    return { op: 'clause', clause: resolve(clause, fail) };
  };

  const parsePrimary = (): BoolExpr<T> => {
    const t = peek();
    if (t.kind === 'lparen') {
      next();
      grouped = true;
      if (++depth > MAX_FILTER_NESTING)
        invalid(
          `Invalid filter: parentheses nested deeper than ${MAX_FILTER_NESTING} levels (at position ${t.pos})`,
        );
      const inner = parseOr();
      depth--;
      const close = next();
      if (close.kind !== 'rparen')
        return unexpected(close, `')' closing the '(' at position ${t.pos}`);
      return inner;
    }
    return parseClause();
  };

  const parseAnd = (): BoolExpr<T> => {
    const clauses = [parsePrimary()];
    while (isKeyword(peek(), 'AND')) {
      next();
      clauses.push(parsePrimary());
    }
    return clauses.length === 1 ? (clauses[0] as BoolExpr<T>) : { op: 'and', clauses };
  };

  function parseOr(): BoolExpr<T> {
    const clauses = [parseAnd()];
    while (isKeyword(peek(), 'OR')) {
      next();
      clauses.push(parseAnd());
    }
    return clauses.length === 1 ? (clauses[0] as BoolExpr<T>) : { op: 'or', clauses };
  }

  const tree = parseOr();
  const rest = peek();
  if (rest.kind !== 'eof') unexpected(rest, 'AND, OR or the end of the filter');
  return { tree, clauses: written, grouped };
}

/** Evaluates a parsed filter against one object. */
export function evaluate<T, O>(
  expr: BoolExpr<T>,
  matches: (clause: T, obj: O) => boolean,
  obj: O,
): boolean {
  switch (expr.op) {
    case 'clause':
      return matches(expr.clause, obj);
    case 'and':
      return expr.clauses.every((c) => evaluate(c, matches, obj));
    case 'or':
      return expr.clauses.some((c) => evaluate(c, matches, obj));
  }
}
