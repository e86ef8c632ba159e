/**
 * Puts MLflow REST JSON (a capture, or ours from `mlflowJson.ts`) into a canonical form so that two
 * answers with the same content compare equal, and only differences that MLflow's own servers show
 * between backends are smoothed over — each one named here:
 *
 * - Order inside an entity (params, tags, metrics of a run, aliases, latest versions) is the backend's
 *   storage order and means nothing: arrays are sorted. The order of search RESULTS is compared
 *   separately, as id lists.
 * - Empty fields: MLflow omits empty lists and objects, but its 3.x server still sends `inputs: {}` and
 *   `outputs: {}`, and 2.x sends no `outputs` at all; empty containers are dropped on both sides.
 * - SQLite-backed servers send ±inf metric values as the clamped ±1.7976931348623157e308 stored in the
 *   table; the domain (and the FileStore-backed server) has ±Infinity, sent as "Infinity"/"-Infinity".
 *   With `unclamp`, a clamped `value` is read as the infinity it stands for.
 * - 3.x FileStore-backed servers add `run_id` to each metric of `runs/get` and `metrics/get-history`
 *   (their Metric entity carries it, the proto field is new); `dropMetricRunIds` removes it.
 */
import { DBL_MAX } from '../../shared/common/metrics';

export interface CanonicalOptions {
  unclamp?: boolean;
}

function sortKey(value: unknown): string {
  return JSON.stringify(value);
}

export function canonical(value: unknown, opts: CanonicalOptions = {}, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v, opts)).filter((v) => v !== undefined);
    if (items.length === 0) return undefined;
    return items.sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const c = canonical(v, opts, k);
      if (c !== undefined) out[k] = c;
    }
    return Object.keys(out).length === 0 ? undefined : out;
  }
  if (opts.unclamp && key === 'value' && typeof value === 'number' && Math.abs(value) >= DBL_MAX) {
    return value > 0 ? 'Infinity' : '-Infinity';
  }
  return value;
}

/** A deep copy of `json` (via JSON, as it would travel) without `run_id` on metric entries. */
export function dropMetricRunIds<T>(json: T): T {
  return JSON.parse(JSON.stringify(json), (key, value: unknown) => {
    if (key === 'metrics' && Array.isArray(value)) {
      return value.map((m: unknown) => {
        if (typeof m !== 'object' || m === null) return m;
        const { run_id: _runId, ...rest } = m as Record<string, unknown>;
        return rest;
      });
    }
    return value;
  }) as T;
}

/** Our serialisation, round-tripped through JSON text the way a REST body is. */
export function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value)) as unknown;
}
