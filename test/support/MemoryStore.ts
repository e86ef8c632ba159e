/**
 * An in-memory TrackingStore for tests of the service, web host and CLI: real enough to exercise
 * every handler without a store on disk, and able to fail on open like a broken store.
 */
import { StoreError } from '../../shared/common/errors';
import type {
  Experiment,
  FileInfo,
  LoggedModel,
  Metric,
  ModelVersion,
  RegisteredModel,
  Run,
  StoreKind,
  StoreProblem,
  TraceInfo,
} from '../../shared/common/types';
import type { ArtifactBytes, TrackingStore } from '../../shared/node/stores/TrackingStore';

export interface MemoryData {
  experiments?: Experiment[];
  runs?: Run[];
  /** `${runId}/${key}` → points */
  histories?: Record<string, Metric[]>;
  /** `${runId}/${path}` → bytes */
  artifacts?: Record<string, Uint8Array>;
  registeredModels?: RegisteredModel[];
  modelVersions?: ModelVersion[];
  loggedModels?: LoggedModel[];
  traces?: TraceInfo[];
  traceData?: Record<string, unknown>;
  problems?: StoreProblem[];
  /** When set, open() throws this. */
  openError?: Error;
}

export function experiment(
  id: string,
  name: string,
  stage: Experiment['lifecycleStage'] = 'active',
): Experiment {
  return {
    experimentId: id,
    name,
    artifactLocation: `/tmp/mlruns/${id}`,
    lifecycleStage: stage,
    creationTime: 1_700_000_000_000 + Number(id),
    lastUpdateTime: 1_700_000_000_000 + Number(id),
    tags: {},
  };
}

export function run(
  runId: string,
  experimentId: string,
  options: {
    name?: string;
    stage?: Run['info']['lifecycleStage'];
    metrics?: Record<string, number>;
    params?: Record<string, string>;
    tags?: Record<string, string>;
  } = {},
): Run {
  const metrics: Run['data']['metrics'] = {};
  for (const [key, value] of Object.entries(options.metrics ?? {}))
    metrics[key] = { key, value, timestamp: 1, step: 0 };
  return {
    info: {
      runId,
      runName: options.name ?? runId,
      experimentId,
      userId: 'alice',
      status: 'FINISHED',
      startTime: 1_717_200_000_000,
      endTime: 1_717_200_060_000,
      artifactUri: `/tmp/mlruns/${experimentId}/${runId}/artifacts`,
      lifecycleStage: options.stage ?? 'active',
    },
    data: { metrics, params: options.params ?? {}, tags: options.tags ?? {} },
    inputs: { datasetInputs: [] },
    outputs: { modelOutputs: [] },
  };
}

export class MemoryStore implements TrackingStore {
  readonly kind: StoreKind;
  opened = false;
  closed = false;

  constructor(
    readonly location: string,
    private readonly data: MemoryData = {},
    kind: StoreKind = 'file',
  ) {
    this.kind = kind;
  }

  async open(): Promise<void> {
    if (this.data.openError) throw this.data.openError;
    this.opened = true;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
  schemaVersion(): string | undefined {
    return this.kind === 'sqlite' ? 'test-revision' : undefined;
  }
  problems(): StoreProblem[] {
    return this.data.problems ?? [];
  }
  async listExperiments(): Promise<Experiment[]> {
    return this.data.experiments ?? [];
  }
  async getExperiment(experimentId: string): Promise<Experiment> {
    const found = this.data.experiments?.find((e) => e.experimentId === experimentId);
    if (!found) throw new StoreError('NOT_FOUND', `Experiment ${experimentId} not found`);
    return found;
  }
  async listRuns(experimentIds: readonly string[]): Promise<Run[]> {
    return (this.data.runs ?? []).filter((r) => experimentIds.includes(r.info.experimentId));
  }
  async getRun(runId: string): Promise<Run> {
    const found = this.data.runs?.find((r) => r.info.runId === runId);
    if (!found) throw new StoreError('NOT_FOUND', `Run ${runId} not found`);
    return found;
  }
  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    await this.getRun(runId);
    return this.data.histories?.[`${runId}/${key}`] ?? [];
  }
  async listArtifacts(runId: string, path: string): Promise<FileInfo[]> {
    const prefix = `${runId}/${path ? `${path}/` : ''}`;
    return Object.entries(this.data.artifacts ?? {})
      .filter(([k]) => k.startsWith(prefix))
      .map(([k, bytes]) => ({
        path: k.slice(runId.length + 1),
        isDir: false,
        fileSize: bytes.length,
      }));
  }
  async readArtifact(runId: string, path: string, maxBytes: number): Promise<ArtifactBytes> {
    const bytes = this.data.artifacts?.[`${runId}/${path}`];
    if (!bytes) throw new StoreError('NOT_FOUND', `Artifact '${path}' not found`);
    return { bytes: bytes.subarray(0, maxBytes), size: bytes.length };
  }
  async listRegisteredModels(): Promise<RegisteredModel[]> {
    return this.data.registeredModels ?? [];
  }
  async listModelVersions(): Promise<ModelVersion[]> {
    return this.data.modelVersions ?? [];
  }
  async listLoggedModels(experimentIds?: readonly string[]): Promise<LoggedModel[]> {
    const all = this.data.loggedModels ?? [];
    return experimentIds ? all.filter((m) => experimentIds.includes(m.experimentId)) : all;
  }
  async listTraces(experimentIds?: readonly string[]): Promise<TraceInfo[]> {
    const all = this.data.traces ?? [];
    return experimentIds ? all.filter((t) => experimentIds.includes(t.experimentId)) : all;
  }
  async getTraceData(traceId: string): Promise<unknown> {
    if (!this.data.traces?.some((t) => t.traceId === traceId))
      throw new StoreError('NOT_FOUND', `Trace ${traceId} not found`);
    return this.data.traceData?.[traceId] ?? null;
  }
}
