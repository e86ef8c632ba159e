/**
 * Small helpers shared by the SQLite readers: set-based lookups in bounded IN lists, and the mapping of
 * MLflow's SQL column values to the domain's.
 */
import { unclampInfinity } from '../../../common/metrics';
import type { Tags } from '../../../common/types';
import { setOwn } from '../../../common/records';

/** SQLite's default limit on bound parameters was 999 before 3.32; stay under it for any build. */
export const MAX_IN_LIST = 900;

/** `?, ?, ?` for n parameters. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** Runs `query` once per chunk of at most MAX_IN_LIST ids and concatenates the rows. */
export function inChunks<T, I extends string | number | bigint>(
  ids: readonly I[],
  query: (chunk: I[], marks: string) => T[],
): T[] {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += MAX_IN_LIST) {
    const chunk = ids.slice(i, i + MAX_IN_LIST);
    for (const row of query(chunk, placeholders(chunk.length))) out.push(row);
  }
  return out;
}

/** Groups rows by a key into a Map of arrays, keeping row order. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** Key/value rows (tags, params) to a record; a NULL value (allowed for tags) becomes ''. */
export function toRecord(rows: readonly { key: string; value: string | null }[] | undefined): Tags {
  const out: Tags = {};
  for (const row of rows ?? []) setOwn(out, row.key, row.value ?? '');
  return out;
}

/**
 * A metric value as stored: NaN is `is_nan = 1` (value 0) since MLflow 1.x, and NULL before the is_nan
 * column existed; ±inf is clamped to ±DBL_MAX.
 */
export function metricValue(value: number | null, isNan: number | null | undefined): number {
  if (isNan === 1 || value === null) return Number.NaN;
  return unclampInfinity(value);
}

/**
 * Experiment ids from the caller as SQL integers. BigInt, because ids migrated from a FileStore are 18
 * digits (beyond 2^53); anything non-numeric cannot match and is dropped. Queries select ids back with
 * `CAST(… AS TEXT)` for the same reason.
 */
export function experimentIdsToInts(ids: readonly string[]): bigint[] {
  const out = new Map<string, bigint>();
  for (const raw of ids) {
    const id = raw.trim();
    if (/^\d{1,19}$/.test(id)) out.set(String(BigInt(id)), BigInt(id));
  }
  return [...out.values()];
}

/** A nullable number column (timestamps) as the domain's `number | null`. */
export function optionalNumber(value: number | bigint | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}
