/**
 * The JSON shapes MLflow's REST API uses, both directions, checked against real captures
 * (test/fixtures/mlflow-*\/rest*).
 *
 * MLflow serialises protobuf messages, so its JSON follows protobuf rules:
 * - snake_case keys in field-number order (we emit keys in that order, so output is byte-comparable);
 * - unset fields are omitted: no `params` key when a run has none, no `end_time` while running,
 *   no `description` when there is none, and a search with no results is `{}`;
 * - floats NaN / ±Infinity are the strings "NaN" / "Infinity" / "-Infinity";
 * - int64 values are plain JSON numbers (we also accept numeric strings, as protobuf's own JSON writes);
 * - tags and params are arrays of `{key, value}`.
 * Differences between servers that the domain types cannot tell apart are options: run `outputs`
 * (3.x `runs/get` and FileStore search have it; 2.x and the 3.x SQL store's search do not).
 * Reading is lenient (missing → null / '' / {} / []); the SQL store's clamped ±1.797e308 is passed
 * through unchanged so that output equals input — `unclampInfinity` is the caller's choice.
 */
import type {
  ExperimentsPage,
  ModelVersionsPage,
  RegisteredModelsPage,
  RunsPage,
} from './contract';
import { StoreError } from './errors';
import {
  RUN_STATUSES,
  type DatasetInput,
  type Experiment,
  type LoggedModel,
  type LoggedModelMetric,
  type Metric,
  type ModelVersion,
  type RegisteredModel,
  type Run,
  type RunStatus,
} from './types';
import {
  kvFromJson,
  lifecycle,
  list,
  obj,
  put,
  putKv,
  str,
  strOrNull,
  toNumber,
  floatToJson,
  type JsonObject,
} from './mlflowJsonValues';
import { setOwn } from './records';

export type { JsonObject } from './mlflowJsonValues';
export { floatToJson } from './mlflowJsonValues';

// ---- metrics -------------------------------------------------------------------------------------

export function metricToJson(m: Metric): JsonObject {
  return { key: m.key, value: floatToJson(m.value), timestamp: m.timestamp, step: m.step };
}

/** Extra fields some servers add (`run_id` on FileStore runs/get, `model_id`) are ignored. */
export function metricFromJson(json: unknown): Metric {
  const j = obj(json, 'metric');
  return {
    key: str(j.key),
    value: toNumber(j.value) ?? NaN,
    timestamp: toNumber(j.timestamp) ?? 0,
    step: toNumber(j.step) ?? 0,
  };
}

export function metricHistoryJson(points: readonly Metric[], nextPageToken?: string): JsonObject {
  const out: JsonObject = {};
  put(out, 'metrics', points.map(metricToJson));
  put(out, 'next_page_token', nextPageToken);
  return out;
}

// ---- experiments ---------------------------------------------------------------------------------

export function experimentToJson(e: Experiment): JsonObject {
  const out: JsonObject = {
    experiment_id: e.experimentId,
    name: e.name,
    artifact_location: e.artifactLocation,
    lifecycle_stage: e.lifecycleStage,
  };
  put(out, 'last_update_time', e.lastUpdateTime);
  put(out, 'creation_time', e.creationTime);
  putKv(out, 'tags', e.tags);
  return out;
}

export function experimentFromJson(json: unknown): Experiment {
  const j = obj(json, 'experiment');
  return {
    experimentId: str(j.experiment_id),
    name: str(j.name),
    artifactLocation: str(j.artifact_location),
    lifecycleStage: lifecycle(j.lifecycle_stage),
    creationTime: toNumber(j.creation_time),
    lastUpdateTime: toNumber(j.last_update_time),
    tags: kvFromJson(j.tags),
  };
}

export function experimentsSearchJson(page: ExperimentsPage): JsonObject {
  const out: JsonObject = {};
  put(out, 'experiments', page.experiments.map(experimentToJson));
  put(out, 'next_page_token', page.nextPageToken);
  return out;
}

// ---- runs ----------------------------------------------------------------------------------------

export interface RunJsonOptions {
  /** Emit `outputs` (MLflow 3.x runs/get and FileStore search). Default true. */
  outputs?: boolean;
}

function datasetInputToJson(d: DatasetInput): JsonObject {
  const out: JsonObject = {};
  putKv(out, 'tags', d.tags);
  const ds: JsonObject = {
    name: d.dataset.name,
    digest: d.dataset.digest,
    source_type: d.dataset.sourceType,
    source: d.dataset.source,
  };
  put(ds, 'schema', d.dataset.schema);
  put(ds, 'profile', d.dataset.profile);
  out.dataset = ds;
  return out;
}

function datasetInputFromJson(json: unknown): DatasetInput {
  const j = obj(json, 'dataset input');
  const d = obj(j.dataset ?? {}, 'dataset');
  return {
    dataset: {
      name: str(d.name),
      digest: str(d.digest),
      sourceType: str(d.source_type),
      source: str(d.source),
      schema: strOrNull(d.schema),
      profile: strOrNull(d.profile),
    },
    tags: kvFromJson(j.tags),
  };
}

export function runToJson(r: Run, options: RunJsonOptions = {}): JsonObject {
  const i = r.info;
  const info: JsonObject = { run_uuid: i.runId, experiment_id: i.experimentId };
  put(info, 'run_name', i.runName);
  info.user_id = i.userId;
  info.status = i.status;
  put(info, 'start_time', i.startTime);
  put(info, 'end_time', i.endTime);
  put(info, 'artifact_uri', i.artifactUri);
  info.lifecycle_stage = i.lifecycleStage;
  info.run_id = i.runId;

  const data: JsonObject = {};
  put(data, 'metrics', Object.values(r.data.metrics).map(metricToJson));
  putKv(data, 'params', r.data.params);
  putKv(data, 'tags', r.data.tags);

  const inputs: JsonObject = {};
  put(inputs, 'dataset_inputs', r.inputs.datasetInputs.map(datasetInputToJson));
  const out: JsonObject = { info, data, inputs };
  if (options.outputs !== false) {
    const outputs: JsonObject = {};
    put(
      outputs,
      'model_outputs',
      r.outputs.modelOutputs.map((o) => ({ model_id: o.modelId, step: o.step })),
    );
    out.outputs = outputs;
  }
  return out;
}

function runStatus(v: unknown): RunStatus {
  const s = str(v);
  if ((RUN_STATUSES as readonly string[]).includes(s)) return s as RunStatus;
  throw new StoreError('REMOTE_ERROR', `Unexpected MLflow JSON: unknown run status '${s}'`);
}

export function runFromJson(json: unknown): Run {
  const j = obj(json, 'run');
  const i = obj(j.info ?? {}, 'run info');
  const d = obj(j.data ?? {}, 'run data');
  const metrics: Record<string, Metric> = {};
  for (const m of list(d.metrics)) {
    const metric = metricFromJson(m);
    setOwn(metrics, metric.key, metric);
  }
  const tags = kvFromJson(d.tags);
  const inputs = obj(j.inputs ?? {}, 'run inputs');
  const outputs = obj(j.outputs ?? {}, 'run outputs');
  return {
    info: {
      runId: str(i.run_id) || str(i.run_uuid),
      runName: str(i.run_name) || (tags['mlflow.runName'] ?? ''),
      experimentId: str(i.experiment_id),
      userId: str(i.user_id),
      status: runStatus(i.status),
      startTime: toNumber(i.start_time),
      endTime: toNumber(i.end_time),
      artifactUri: str(i.artifact_uri),
      lifecycleStage: lifecycle(i.lifecycle_stage),
    },
    data: { metrics, params: kvFromJson(d.params), tags },
    inputs: { datasetInputs: list(inputs.dataset_inputs).map(datasetInputFromJson) },
    outputs: {
      modelOutputs: list(outputs.model_outputs).map((o) => {
        const m = obj(o, 'model output');
        return { modelId: str(m.model_id), step: toNumber(m.step) ?? 0 };
      }),
    },
  };
}

export function runsSearchJson(page: RunsPage, options: RunJsonOptions = {}): JsonObject {
  const out: JsonObject = {};
  put(
    out,
    'runs',
    page.runs.map((r) => runToJson(r, options)),
  );
  put(out, 'next_page_token', page.nextPageToken);
  return out;
}

// ---- model registry ------------------------------------------------------------------------------

export function modelVersionToJson(v: ModelVersion): JsonObject {
  const out: JsonObject = { name: v.name, version: v.version };
  put(out, 'creation_timestamp', v.creationTimestamp);
  put(out, 'last_updated_timestamp', v.lastUpdatedTimestamp);
  put(out, 'user_id', v.userId);
  out.current_stage = v.currentStage;
  put(out, 'description', v.description);
  out.source = v.source;
  put(out, 'run_id', v.runId);
  out.status = v.status;
  put(out, 'status_message', v.statusMessage);
  putKv(out, 'tags', v.tags);
  put(out, 'run_link', v.runLink);
  put(out, 'aliases', v.aliases);
  // No `model_id`: MLflow 3.1's server does not send it on model versions (checked on every capture,
  // both backends), even where the store has one. The domain keeps `modelId` for the UI.
  return out;
}

export function modelVersionFromJson(json: unknown): ModelVersion {
  const j = obj(json, 'model version');
  const nonEmpty = (v: unknown): string | null => strOrNull(v) || null;
  return {
    name: str(j.name),
    version: str(j.version),
    creationTimestamp: toNumber(j.creation_timestamp),
    lastUpdatedTimestamp: toNumber(j.last_updated_timestamp),
    currentStage: str(j.current_stage) || 'None',
    description: nonEmpty(j.description),
    source: str(j.source),
    runId: nonEmpty(j.run_id),
    status: str(j.status) || 'READY',
    statusMessage: nonEmpty(j.status_message),
    userId: nonEmpty(j.user_id),
    runLink: nonEmpty(j.run_link),
    modelId: nonEmpty(j.model_id),
    tags: kvFromJson(j.tags),
    aliases: list(j.aliases).map(str),
  };
}

export function registeredModelToJson(m: RegisteredModel): JsonObject {
  const out: JsonObject = { name: m.name };
  put(out, 'creation_timestamp', m.creationTimestamp);
  put(out, 'last_updated_timestamp', m.lastUpdatedTimestamp);
  put(out, 'description', m.description);
  put(out, 'latest_versions', m.latestVersions.map(modelVersionToJson));
  putKv(out, 'tags', m.tags);
  put(
    out,
    'aliases',
    m.aliases.map((a) => ({ alias: a.alias, version: a.version })),
  );
  return out;
}

export function registeredModelFromJson(json: unknown): RegisteredModel {
  const j = obj(json, 'registered model');
  return {
    name: str(j.name),
    creationTimestamp: toNumber(j.creation_timestamp),
    lastUpdatedTimestamp: toNumber(j.last_updated_timestamp),
    description: strOrNull(j.description) || null,
    tags: kvFromJson(j.tags),
    aliases: list(j.aliases).map((a) => {
      const alias = obj(a, 'alias');
      return { alias: str(alias.alias), version: str(alias.version) };
    }),
    latestVersions: list(j.latest_versions).map(modelVersionFromJson),
  };
}

export function registeredModelsSearchJson(page: RegisteredModelsPage): JsonObject {
  const out: JsonObject = {};
  put(out, 'registered_models', page.registeredModels.map(registeredModelToJson));
  put(out, 'next_page_token', page.nextPageToken);
  return out;
}

export function modelVersionsSearchJson(page: ModelVersionsPage): JsonObject {
  const out: JsonObject = {};
  put(out, 'model_versions', page.modelVersions.map(modelVersionToJson));
  put(out, 'next_page_token', page.nextPageToken);
  return out;
}

// ---- logged models (MLflow 3) --------------------------------------------------------------------

export function loggedModelToJson(m: LoggedModel): JsonObject {
  const info: JsonObject = { model_id: m.modelId, experiment_id: m.experimentId, name: m.name };
  put(info, 'creation_timestamp_ms', m.creationTimestamp);
  put(info, 'last_updated_timestamp_ms', m.lastUpdatedTimestamp);
  put(info, 'artifact_uri', m.artifactUri);
  put(info, 'status', m.status);
  put(info, 'model_type', m.modelType);
  put(info, 'source_run_id', m.sourceRunId);
  put(info, 'status_message', m.statusMessage);
  putKv(info, 'tags', m.tags);
  const data: JsonObject = {};
  putKv(data, 'params', m.params);
  put(
    data,
    'metrics',
    m.metrics.map((x) => {
      const out = metricToJson(x);
      put(out, 'dataset_name', x.datasetName);
      put(out, 'dataset_digest', x.datasetDigest);
      out.model_id = m.modelId;
      put(out, 'run_id', x.runId);
      return out;
    }),
  );
  return { info, data };
}

export function loggedModelFromJson(json: unknown): LoggedModel {
  const j = obj(json, 'logged model');
  const i = obj(j.info ?? {}, 'logged model info');
  const d = obj(j.data ?? {}, 'logged model data');
  const metrics = list(d.metrics).map((x): LoggedModelMetric => {
    const m = obj(x, 'metric');
    return {
      ...metricFromJson(m),
      runId: strOrNull(m.run_id),
      datasetName: strOrNull(m.dataset_name),
      datasetDigest: strOrNull(m.dataset_digest),
    };
  });
  return {
    modelId: str(i.model_id),
    experimentId: str(i.experiment_id),
    name: str(i.name),
    artifactUri: str(i.artifact_uri),
    creationTimestamp: toNumber(i.creation_timestamp_ms),
    lastUpdatedTimestamp: toNumber(i.last_updated_timestamp_ms),
    modelType: strOrNull(i.model_type),
    sourceRunId: strOrNull(i.source_run_id),
    status: str(i.status),
    statusMessage: strOrNull(i.status_message),
    tags: kvFromJson(i.tags),
    params: kvFromJson(d.params),
    metrics,
  };
}

export function loggedModelsSearchJson(page: {
  models: LoggedModel[];
  nextPageToken?: string;
}): JsonObject {
  const out: JsonObject = {};
  put(out, 'models', page.models.map(loggedModelToJson));
  put(out, 'next_page_token', page.nextPageToken);
  return out;
}
