/**
 * Trace infos from both REST shapes, into the domain TraceInfo the local stores produce:
 * - v3 (`POST /api/3.0/mlflow/traces/search`): `trace_id`, `trace_location.mlflow_experiment`,
 *   `request_time` as an RFC 3339 string, `execution_duration` as a protobuf Duration ("0.002s"),
 *   `state`, previews, and `trace_metadata` / `tags` as JSON objects;
 * - v2 (`GET /api/2.0/mlflow/traces`): `request_id`, `experiment_id`, `timestamp_ms`,
 *   `execution_time_ms`, `status`, and `request_metadata` / `tags` as key/value lists.
 * Previews missing from v2 fall back to the `mlflow.traceInputs/Outputs` metadata, as SqliteStore does.
 */
import { StoreError } from '../../../common/errors';
import type { Tags, TraceInfo } from '../../../common/types';
import { setOwn } from '../../../common/records';

type Json = Record<string, unknown>;

function object(v: unknown, what: string): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    throw new StoreError('REMOTE_ERROR', `Unexpected MLflow JSON: ${what} is not an object`);
  }
  return v as Json;
}

function text(v: unknown): string | null {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;
}

function number(v: unknown): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
}

function mapTags(v: unknown): Tags {
  const out: Tags = {};
  if (Array.isArray(v)) {
    for (const item of v) {
      const kv = object(item, 'a key/value entry');
      setOwn(out, text(kv.key) ?? '', text(kv.value) ?? '');
    }
  } else if (typeof v === 'object' && v !== null) {
    for (const [k, value] of Object.entries(v)) setOwn(out, k, text(value) ?? '');
  }
  return out;
}

function durationMs(v: unknown): number | null {
  const n = number(v);
  if (n !== null) return n;
  const match = typeof v === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(v.trim()) : null;
  return match?.[1] ? Math.round(Number(match[1]) * 1000) : null;
}

function timeMs(v: unknown): number {
  const n = number(v);
  if (n !== null) return n;
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? ms : 0;
}

function state(v: unknown): string {
  const s = text(v);
  if (!s || s === 'TRACE_STATUS_UNSPECIFIED') return 'STATE_UNSPECIFIED';
  return s;
}

export function traceInfoFromJson(json: unknown): TraceInfo {
  const j = object(json, 'trace info');
  const location =
    typeof j.trace_location === 'object' && j.trace_location !== null
      ? (j.trace_location as Json)
      : {};
  const experiment =
    typeof location.mlflow_experiment === 'object' && location.mlflow_experiment !== null
      ? (location.mlflow_experiment as Json)
      : {};
  const requestMetadata = mapTags(j.trace_metadata ?? j.request_metadata);
  return {
    traceId: text(j.trace_id) ?? text(j.request_id) ?? '',
    experimentId: text(experiment.experiment_id) ?? text(j.experiment_id) ?? '',
    requestTime: timeMs(j.request_time ?? j.timestamp_ms),
    executionDurationMs: durationMs(
      j.execution_duration ?? j.execution_duration_ms ?? j.execution_time_ms,
    ),
    state: state(j.state ?? j.status),
    requestPreview: text(j.request_preview) ?? requestMetadata['mlflow.traceInputs'] ?? null,
    responsePreview: text(j.response_preview) ?? requestMetadata['mlflow.traceOutputs'] ?? null,
    requestMetadata,
    tags: mapTags(j.tags),
  };
}
