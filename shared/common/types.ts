/**
 * Domain types: MLflow's entities as Runlens sees them, whatever store they come from.
 *
 * Conventions:
 * - camelCase fields (the MLflow REST JSON shape is produced by `mlflowJson.ts`);
 * - times are epoch milliseconds, `null` when unknown (a RUNNING run has no end time);
 * - metric values are JS numbers, NaN and ±Infinity included (SQLite's clamped ±1.797e308 is mapped back);
 * - params, tags and latest metrics are keyed by their full key (`optimizer/lr`, `system/cpu`).
 */

export type LifecycleStage = 'active' | 'deleted';
export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';
export const RUN_STATUSES = ['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export type StoreKind = 'file' | 'sqlite' | 'rest';
export type Tags = Record<string, string>;

export interface Experiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  creationTime: number | null;
  lastUpdateTime: number | null;
  /** Experiment tags; the description is `mlflow.note.content`. */
  tags: Tags;
}

export interface Metric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export interface RunInfo {
  runId: string;
  /** `run_name`, else the `mlflow.runName` tag, else 0.x `name`; '' when none. */
  runName: string;
  experimentId: string;
  userId: string;
  status: RunStatus;
  startTime: number | null;
  endTime: number | null;
  /** As stored (may point to another machine); artifact reads resolve it. */
  artifactUri: string;
  lifecycleStage: LifecycleStage;
}

export interface Dataset {
  name: string;
  digest: string;
  sourceType: string;
  /** JSON text, as MLflow stores it. */
  source: string;
  schema: string | null;
  profile: string | null;
}

export interface DatasetInput {
  dataset: Dataset;
  /** Input tags, e.g. `mlflow.data.context: training`. */
  tags: Tags;
}

export interface ModelOutput {
  modelId: string;
  step: number;
}

export interface RunData {
  /** Latest value per key: the point with the greatest (step, timestamp, value). */
  metrics: Record<string, Metric>;
  params: Record<string, string>;
  tags: Tags;
}

export interface Run {
  info: RunInfo;
  data: RunData;
  inputs: { datasetInputs: DatasetInput[] };
  /** 3.x: LoggedModels this run produced. */
  outputs: { modelOutputs: ModelOutput[] };
}

export interface FileInfo {
  /** Relative to the run's artifact root, '/'-separated. */
  path: string;
  isDir: boolean;
  /** Bytes; absent for directories. */
  fileSize?: number;
}

export interface ArtifactContent {
  path: string;
  /** Total size of the file in bytes. */
  size: number;
  /** True when only the first `maxBytes` were read. */
  truncated: boolean;
  encoding: 'utf8' | 'base64';
  data: string;
}

export interface ModelVersion {
  name: string;
  version: string;
  creationTimestamp: number | null;
  lastUpdatedTimestamp: number | null;
  currentStage: string;
  description: string | null;
  source: string;
  runId: string | null;
  status: string;
  statusMessage: string | null;
  userId: string | null;
  runLink: string | null;
  /** 3.x: the LoggedModel behind this version. */
  modelId: string | null;
  tags: Tags;
  aliases: string[];
}

export interface RegisteredModelAlias {
  alias: string;
  version: string;
}

export interface RegisteredModel {
  name: string;
  creationTimestamp: number | null;
  lastUpdatedTimestamp: number | null;
  description: string | null;
  tags: Tags;
  aliases: RegisteredModelAlias[];
  /** Newest version per stage, as MLflow's `latest_versions`. */
  latestVersions: ModelVersion[];
}

export interface LoggedModelMetric extends Metric {
  runId: string | null;
  datasetName: string | null;
  datasetDigest: string | null;
}

export interface LoggedModel {
  modelId: string;
  experimentId: string;
  name: string;
  artifactUri: string;
  creationTimestamp: number | null;
  lastUpdatedTimestamp: number | null;
  modelType: string | null;
  sourceRunId: string | null;
  status: string;
  statusMessage: string | null;
  tags: Tags;
  params: Record<string, string>;
  metrics: LoggedModelMetric[];
}

export interface TraceInfo {
  traceId: string;
  experimentId: string;
  /** Epoch ms. */
  requestTime: number;
  executionDurationMs: number | null;
  /** OK | ERROR | IN_PROGRESS | STATE_UNSPECIFIED (v2 `status` is mapped to this). */
  state: string;
  requestPreview: string | null;
  responsePreview: string | null;
  requestMetadata: Tags;
  tags: Tags;
}

/** Something in a store that could not be read; the rest of the store still is. */
export interface StoreProblem {
  /** Absolute path (or URL) of the broken part. */
  path: string;
  message: string;
}
