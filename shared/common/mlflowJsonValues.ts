/**
 * Value-level readers and writers for MLflow's protobuf-style JSON (see mlflowJson.ts): floats as
 * "NaN"/"Infinity" strings, omitted unset fields, `{key, value}` lists. Readers are lenient.
 */
import { StoreError } from './errors';
import type { LifecycleStage } from './types';
import { setOwn } from './records';

export type JsonObject = { [key: string]: unknown };
export type KeyValue = { key: string; value: string };

/** A float as MLflow writes it. */
export function floatToJson(v: number): number | string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return 'Infinity';
  if (v === -Infinity) return '-Infinity';
  return v;
}

export function toNumber(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') {
    if (v === 'NaN') return NaN;
    if (v === 'Infinity') return Infinity;
    if (v === '-Infinity') return -Infinity;
    const n = Number(v);
    return Number.isNaN(n) ? null : n;
  }
  return null;
}

export function obj(v: unknown, what: string): JsonObject {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new StoreError('REMOTE_ERROR', `Unexpected MLflow JSON: ${what} is not an object`);
  }
  return v as JsonObject;
}

export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '';
}

export function strOrNull(v: unknown): string | null {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

export function kvToJson(record: Readonly<Record<string, string>>): KeyValue[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}

export function kvFromJson(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list(v)) {
    const kv = obj(item, 'a key/value entry');
    setOwn(out, str(kv.key), str(kv.value));
  }
  return out;
}

/** Sets `key` only when the value is present (not null / undefined / '' / an empty array). */
export function put(target: JsonObject, key: string, value: unknown): void {
  if (value === null || value === undefined || value === '') return;
  if (Array.isArray(value) && value.length === 0) return;
  target[key] = value;
}

export function putKv(
  target: JsonObject,
  key: string,
  record: Readonly<Record<string, string>>,
): void {
  put(target, key, kvToJson(record));
}

export function lifecycle(v: unknown): LifecycleStage {
  return v === 'deleted' ? 'deleted' : 'active';
}
