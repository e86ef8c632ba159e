/**
 * The search machinery shared by experiments, registered models and model versions: objects with a
 * few searchable attributes plus string tags (MLflow's SearchExperimentsUtils, SearchModelUtils and
 * SearchModelVersionUtils differ only in their keys, defaults and tie-breakers).
 */
import type { Tags } from '../types';
import { applyComparator, checkClause, resolveEntity, type ClauseValue } from './compare';
import { invalid } from './errors';
import { compareNullsLast, compareValues, parseOrderByClause } from './orderBy';
import { paginate, type PageLimits } from './pageToken';
import {
  evaluate,
  LIST_COMPARATORS,
  NULL_COMPARATORS,
  NUMERIC_COMPARATORS,
  parseFilter,
  STRING_COMPARATORS,
  type BoolExpr,
  type Comparator,
} from './parser';
import type { SearchQuery } from './runs';

export interface FilterAttribute<O> {
  kind: 'string' | 'number';
  get: (o: O) => string | number | null;
  /** Comparators allowed; defaults to the usual ones for the kind. */
  comparators?: readonly Comparator[];
}

export interface OrderAttribute<O> {
  get: (o: O) => string | number | null;
  /** Ascending comparison of two present values; defaults to `<` on numbers / strings. */
  compare?: (a: string | number, b: string | number) => number;
}

export interface SortKey {
  key: string;
  ascending: boolean;
}

export interface EntityDomain<O> {
  /** Plural noun for messages: 'experiments'. */
  noun: string;
  filterAttributes: Readonly<Record<string, FilterAttribute<O>>>;
  orderAttributes: Readonly<Record<string, OrderAttribute<O>>>;
  /** Alternative names of order_by keys (`timestamp` → `creation_timestamp`). */
  orderAliases?: Readonly<Record<string, string>>;
  tags: (o: O) => Tags;
  /** Used when the query has no order_by (MLflow's store default). */
  defaultOrderBy: readonly string[];
  /** Appends MLflow's tie-breakers to the parsed keys. */
  tieBreakers: (keys: SortKey[]) => SortKey[];
  limits: PageLimits;
  /** Objects MLflow never returns (model versions in stage Deleted_Internal). */
  hidden?: (o: O) => boolean;
}

interface EntityClause {
  entity: 'attribute' | 'tag';
  key: string;
  comparator: Comparator;
  value: ClauseValue;
}

const ENTITY_ALIASES: Record<string, 'attribute' | 'tag'> = {
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  tag: 'tag',
  tags: 'tag',
};

const STRING_OPS = [...STRING_COMPARATORS, ...LIST_COMPARATORS, ...NULL_COMPARATORS];
const NUMBER_OPS = [...NUMERIC_COMPARATORS, ...NULL_COMPARATORS];

function own<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export function parseEntityFilter<O>(
  domain: EntityDomain<O>,
  filter: string,
): BoolExpr<EntityClause> {
  return parseFilter(filter, (c, fail): EntityClause => {
    const entity =
      c.entity === null ? 'attribute' : resolveEntity(c.entity, ENTITY_ALIASES, c.pos, fail);
    if (entity === 'tag') {
      return {
        entity,
        key: c.key,
        comparator: c.comparator,
        value: checkClause(c, 'string', STRING_OPS, `tags.${c.key}`, fail),
      };
    }
    const attr = own(domain.filterAttributes, c.key);
    if (attr === undefined) {
      const valid = Object.keys(domain.filterAttributes).join(', ');
      return fail(
        `unknown attribute '${c.key}' at position ${c.pos} for ${domain.noun} (valid: ${valid}, tags.<key>)`,
      );
    }
    const ops = attr.comparators ?? (attr.kind === 'number' ? NUMBER_OPS : STRING_OPS);
    return {
      entity,
      key: c.key,
      comparator: c.comparator,
      value: checkClause(c, attr.kind, ops, `attribute ${c.key}`, fail),
    };
  });
}

function matcher<O>(domain: EntityDomain<O>): (c: EntityClause, o: O) => boolean {
  return (c, o) => {
    const lhs =
      c.entity === 'tag'
        ? (domain.tags(o)[c.key] ?? null)
        : (own(domain.filterAttributes, c.key)?.get(o) ?? null);
    return applyComparator(lhs, c.comparator, c.value);
  };
}

export function parseEntityOrderBy<O>(
  domain: EntityDomain<O>,
  orderBy: readonly string[],
): SortKey[] {
  const keys = orderBy.map((clause): SortKey => {
    const raw = parseOrderByClause(clause);
    const fail = (message: string): never =>
      invalid(`Invalid order_by clause '${clause}': ${message}`);
    const entity =
      raw.entity === null ? 'attribute' : resolveEntity(raw.entity, ENTITY_ALIASES, 1, fail);
    if (entity === 'tag') return fail(`${domain.noun} cannot be ordered by tags`);
    const key = own(domain.orderAliases ?? {}, raw.key) ?? raw.key;
    if (own(domain.orderAttributes, key) === undefined) {
      return fail(
        `unknown key '${raw.key}' (valid: ${Object.keys(domain.orderAttributes).join(', ')})`,
      );
    }
    return { key, ascending: raw.ascending };
  });
  return domain.tieBreakers(keys);
}

/** Orders by the keys in turn; a missing value sorts after every present one, in both directions. */
export function entityComparator<O>(
  domain: EntityDomain<O>,
  keys: readonly SortKey[],
): (a: O, b: O) => number {
  return (a, b) => {
    for (const { key, ascending } of keys) {
      const attr = own(domain.orderAttributes, key);
      if (attr === undefined) continue;
      const c = compareNullsLast(
        attr.get(a),
        attr.get(b),
        ascending,
        attr.compare ?? compareValues,
      );
      if (c !== 0) return c;
    }
    return 0;
  };
}

/** Filter, sort, page: MLflow's FileStore order of operations. */
export function searchEntities<O>(
  domain: EntityDomain<O>,
  items: readonly O[],
  q: SearchQuery,
): { items: O[]; nextPageToken?: string } {
  const filter = parseEntityFilter(domain, q.filter ?? '');
  const orderBy =
    q.orderBy !== undefined && q.orderBy.length > 0 ? q.orderBy : domain.defaultOrderBy;
  const keys = parseEntityOrderBy(domain, orderBy);
  const matches = matcher(domain);
  const hidden = domain.hidden;
  const visible = hidden === undefined ? items : items.filter((o) => !hidden(o));
  const sorted = visible
    .filter((o) => evaluate(filter, matches, o))
    .sort(entityComparator(domain, keys));
  return paginate(sorted, q, domain.limits);
}
