import type { TraceInfo } from '../../../shared/common/types';

/** The run a trace was logged in: MLflow records it as request metadata `mlflow.sourceRun` (3.x) or a tag. */
export function traceRunId(info: TraceInfo): string | null {
  return info.requestMetadata['mlflow.sourceRun'] || info.tags['mlflow.sourceRun'] || null;
}

/** The trace's name (the root span's name, recorded by MLflow as the tag `mlflow.traceName`). */
export function traceName(info: TraceInfo): string {
  return info.tags['mlflow.traceName'] || info.traceId;
}
