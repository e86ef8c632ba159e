/**
 * The single-entity getters InspectorService answers from a store's listings when the store has no
 * getter of its own: a registered model, a model version, a logged model or a trace, found by its key,
 * NOT_FOUND (with what was asked for) when absent.
 */
import { StoreError } from '../../common/errors';
import type { TrackingStore } from '../stores/TrackingStore';

export async function findRegisteredModel(
  store: TrackingStore,
  name: string,
  signal: AbortSignal | undefined,
) {
  const model = (await store.listRegisteredModels(signal)).find((m) => m.name === name);
  if (!model) throw new StoreError('NOT_FOUND', `Registered model '${name}' not found`);
  return model;
}

export async function findModelVersion(
  store: TrackingStore,
  name: string,
  version: string,
  signal: AbortSignal | undefined,
) {
  const versions = await store.listModelVersions(signal);
  const found = versions.find((v) => v.name === name && v.version === version);
  if (!found)
    throw new StoreError('NOT_FOUND', `Model version '${name}' version ${version} not found`);
  return found;
}

export async function findLoggedModel(
  store: TrackingStore,
  modelId: string,
  signal: AbortSignal | undefined,
) {
  if (store.getLoggedModel) return store.getLoggedModel(modelId, signal);
  const model = (await store.listLoggedModels(undefined, signal)).find(
    (m) => m.modelId === modelId,
  );
  if (!model) throw new StoreError('NOT_FOUND', `Logged model '${modelId}' not found`);
  return model;
}

export async function findTraceInfo(
  store: TrackingStore,
  traceId: string,
  signal: AbortSignal | undefined,
) {
  if (store.getTraceInfo) return store.getTraceInfo(traceId, signal);
  const info = (await store.listTraces(undefined, signal)).find((t) => t.traceId === traceId);
  if (!info) throw new StoreError('NOT_FOUND', `Trace '${traceId}' not found`);
  return info;
}
