/**
 * Traces: `<exp>/traces/<id>/` with trace_info.yaml, request_metadata/, tags/ and artifacts/traces.json.
 * trace_info.yaml by version — 3.x: `trace_id`, `request_time` (ISO string), `execution_duration_ms`,
 * `state`; 2.x: `request_id`, `timestamp_ms`, `execution_time_ms`, `status`.
 */
import { basename, join } from 'node:path';
import type { TraceInfo } from '../../../common/types';
import type { LoadedExperiment } from './experiments';
import { StoreError } from '../../../common/errors';
import {
  describeError,
  isDirLike,
  isMissing,
  listDir,
  readText,
  type IoLimiter,
  type ProblemLog,
  unreadableError,
} from './io';
import { readKeyValues } from './keyValues';
import { enumField, num, parseMeta, str, type Meta } from './meta';
import { artifactRootOf } from './runs';

export const TRACES_DIR = 'traces';
/** TraceState (3.x) and TraceStatus (2.x) share their numbers; 2.x's unspecified name is mapped. */
const STATE_BY_NUMBER = ['STATE_UNSPECIFIED', 'OK', 'ERROR', 'IN_PROGRESS'];

export async function listTraceDirs(io: IoLimiter, experimentDir: string): Promise<string[]> {
  const tracesDir = join(experimentDir, TRACES_DIR);
  return (await listDir(io, tracesDir))
    .filter((e) => isDirLike(e) && !e.name.startsWith('.'))
    .map((e) => join(tracesDir, e.name))
    .sort();
}

function requestTime(meta: Meta): number {
  const iso = meta['request_time'];
  if (typeof iso === 'string' && !/^\d+$/.test(iso.trim())) {
    const ms = Date.parse(iso);
    if (Number.isFinite(ms)) return ms;
  }
  return num(meta, 'request_time') ?? num(meta, 'timestamp_ms') ?? 0;
}

function durationMs(meta: Meta): number | null {
  const ms = num(meta, 'execution_duration_ms') ?? num(meta, 'execution_time_ms');
  if (ms !== null) return ms;
  // Protobuf's JSON form of a Duration ("0.018s"), should a file hold that.
  const text = str(meta, 'execution_duration');
  const match = text ? /^(\d+(?:\.\d+)?)s$/.exec(text.trim()) : null;
  return match?.[1] ? Math.round(Number(match[1]) * 1000) : null;
}

function state(meta: Meta): string {
  const key = 'state' in meta ? 'state' : 'status';
  const value = enumField(meta, key, STATE_BY_NUMBER, 'STATE_UNSPECIFIED');
  return value === 'TRACE_STATUS_UNSPECIFIED' ? 'STATE_UNSPECIFIED' : value;
}

/** Reads one trace's info; undefined (and a recorded problem) when trace_info.yaml cannot be read. */
export async function readTraceInfo(
  io: IoLimiter,
  exp: LoadedExperiment,
  traceDir: string,
  problems: ProblemLog,
): Promise<TraceInfo | undefined> {
  const infoPath = join(traceDir, 'trace_info.yaml');
  let meta;
  try {
    meta = parseMeta(await readText(io, infoPath));
  } catch (err) {
    problems.add(infoPath, `Trace skipped: ${infoPath}: ${describeError(err)}`);
    return undefined;
  }
  const [requestMetadata, tags] = await Promise.all([
    readKeyValues(io, join(traceDir, 'request_metadata'), problems),
    readKeyValues(io, join(traceDir, 'tags'), problems),
  ]);
  return {
    traceId: str(meta, 'trace_id') ?? str(meta, 'request_id') ?? basename(traceDir),
    experimentId: exp.experiment.experimentId,
    requestTime: requestTime(meta),
    executionDurationMs: durationMs(meta),
    state: state(meta),
    requestPreview: str(meta, 'request_preview') ?? null,
    responsePreview: str(meta, 'response_preview') ?? null,
    requestMetadata,
    tags,
  };
}

/**
 * The spans of the trace in `traceDir` (its traces.json, parsed), or null when it has none. The file is
 * looked for where the trace's `mlflow.artifactLocation` tag says, else in its own artifacts/ folder,
 * never outside the store (artifactRootOf).
 */
export async function readTraceData(
  io: IoLimiter,
  root: string,
  traceDir: string,
): Promise<unknown> {
  let stored = '';
  try {
    stored = (await readText(io, join(traceDir, 'tags', 'mlflow.artifactLocation'))).trim();
  } catch {
    // No recorded location: the trace's own artifacts/ folder is the only candidate.
  }
  const artifactRoot = artifactRootOf(root, join(traceDir, 'artifacts'), stored);
  if (!artifactRoot) return null;
  const path = join(artifactRoot, 'traces.json');
  let text: string;
  try {
    text = await readText(io, path);
  } catch (err) {
    if (isMissing(err)) return null;
    throw unreadableError(path, err);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new StoreError(
      'STORE_UNREADABLE',
      `Trace data ${path} is not valid JSON: ${describeError(err)}`,
      { cause: err },
    );
  }
}
