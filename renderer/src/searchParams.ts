/**
 * Reading URL search params that anyone may have written (a pasted link): each reader returns the
 * value when it is well-formed and undefined otherwise, never throws. TanStack Router writes arrays
 * as JSON; a hand-written link may give one plain value where a list is expected — both are read.
 */
const MAX_LIST = 1000;
const MAX_TEXT = 10_000;

export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value !== '' && value.length <= MAX_TEXT ? value : undefined;
}

export function list(value: unknown): string[] | undefined {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const out = [...new Set(items.map(text).filter((v): v is string => v !== undefined))];
  return out.length > 0 ? out.slice(0, MAX_LIST) : undefined;
}

export function oneOf<T extends string>(value: unknown, values: readonly T[]): T | undefined {
  return typeof value === 'string' && (values as readonly string[]).includes(value)
    ? (value as T)
    : undefined;
}

/** Drops undefined fields, so a search object never writes `key=undefined` into the URL. */
export function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
