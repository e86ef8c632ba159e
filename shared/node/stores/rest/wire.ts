/**
 * What the RestStore's modules share about MLflow's REST wire format: the API prefixes, list fields
 * that a server may leave out, and metric values unclamped (SQLite-backed servers send ±inf as
 * ±1.797e308).
 */
import { unclampInfinity } from '../../../common/metrics';
import type { Metric } from '../../../common/types';

export const API = '/api/2.0/mlflow';
export const AJAX = '/ajax-api/2.0/mlflow';
/** Page size of MLflow's client for experiments, runs and the registry. */
export const SEARCH_PAGE = 1000;
/** Experiment ids per search request, so that a request body stays small. */
export const IDS_PER_SEARCH = 100;

export type Json = Record<string, unknown>;

/** A JSON list field, [] when the server left it out (proto3 omits empty repeated fields). */
export function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function unclamped<T extends Metric>(m: T): T {
  return { ...m, value: unclampInfinity(m.value) };
}

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
