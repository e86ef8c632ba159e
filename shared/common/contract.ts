/**
 * The API contract: every method the UI (or a script) can call, defined once.
 *
 * From `contract` are derived: the IPC channels (`runlens:<method>`), the HTTP routes
 * (`POST /api/<method>`), the preload bridge (one function per method), the renderer client and the
 * service's handler map. A method added here and missing in any of them fails to compile.
 *
 * Requests are plain JSON objects validated by `validateRequest`; responses are `Result<T>` envelopes
 * (see errors.ts), so nothing throws across a process boundary.
 */
import type {
  ArtifactContent,
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
  ViewType,
} from './types';
import type { ApiErrorShape, Result } from './errors';
import { StoreError } from './errors';
import { field, type Schema, object, type Infer } from './schema';

export interface StoreInfo {
  storeId: string;
  kind: StoreKind;
  /** What the user opened: a folder, a .db path or a URL (never with credentials in it). */
  location: string;
  /** Short name for the sidebar (folder name, file name or host). */
  displayName: string;
  state: 'ready' | 'error';
  /** Why the store cannot be read at all (state 'error'). */
  error?: ApiErrorShape;
  /** How many parts of the store could not be read (see getStoreProblems). */
  problemCount: number;
  /** e.g. the SQLite alembic revision. */
  schemaVersion?: string;
}

export interface ExperimentsPage {
  experiments: Experiment[];
  nextPageToken?: string;
}
export interface RunsPage {
  runs: Run[];
  nextPageToken?: string;
}
export interface RegisteredModelsPage {
  registeredModels: RegisteredModel[];
  nextPageToken?: string;
}
export interface ModelVersionsPage {
  modelVersions: ModelVersion[];
  nextPageToken?: string;
}

export interface TraceData {
  traceId: string;
  /** The spans as MLflow stored them (`traces.json`), parsed; null when the trace has no span data. */
  data: unknown;
}

const storeId = field.string();
const viewType = field.enumOf<ViewType>(['ACTIVE_ONLY', 'DELETED_ONLY', 'ALL']).optional();
const paging = {
  maxResults: field.int({ min: 1, max: 50_000 }).optional(),
  pageToken: field.string({ allowEmpty: true }).optional(),
};

/** Declares one method: its request schema and (as a phantom type) its response. */
function method<Res>() {
  return <S extends Schema<unknown>>(request: S) => ({ request, response: undefined as unknown as Res });
}

export const contract = {
  listStores: method<StoreInfo[]>()(object({})),
  openStore: method<StoreInfo>()(object({ location: field.string() })),
  closeStore: method<null>()(object({ storeId })),
  getStoreProblems: method<StoreProblem[]>()(object({ storeId })),

  searchExperiments: method<ExperimentsPage>()(
    object({
      storeId,
      viewType,
      filter: field.string({ allowEmpty: true }).optional(),
      orderBy: field.array(field.string()).optional(),
      ...paging,
    }),
  ),
  getExperiment: method<Experiment>()(object({ storeId, experimentId: field.string() })),

  searchRuns: method<RunsPage>()(
    object({
      storeId,
      /** Omitted: every active experiment of the store. */
      experimentIds: field.array(field.string()).optional(),
      filter: field.string({ allowEmpty: true }).optional(),
      orderBy: field.array(field.string()).optional(),
      viewType,
      ...paging,
    }),
  ),
  getRun: method<Run>()(object({ storeId, runId: field.string() })),
  getMetricHistory: method<Metric[]>()(object({ storeId, runId: field.string(), key: field.string() })),

  listArtifacts: method<FileInfo[]>()(
    object({ storeId, runId: field.string(), path: field.string({ allowEmpty: true }).optional() }),
  ),
  readArtifact: method<ArtifactContent>()(
    object({
      storeId,
      runId: field.string(),
      path: field.string(),
      /** Read at most this many bytes (default 1 MiB, at most 64 MiB). */
      maxBytes: field.int({ min: 1, max: 64 * 1024 * 1024 }).optional(),
    }),
  ),

  searchRegisteredModels: method<RegisteredModelsPage>()(
    object({
      storeId,
      filter: field.string({ allowEmpty: true }).optional(),
      orderBy: field.array(field.string()).optional(),
      ...paging,
    }),
  ),
  getRegisteredModel: method<RegisteredModel>()(object({ storeId, name: field.string() })),
  searchModelVersions: method<ModelVersionsPage>()(
    object({
      storeId,
      filter: field.string({ allowEmpty: true }).optional(),
      orderBy: field.array(field.string()).optional(),
      ...paging,
    }),
  ),
  getModelVersion: method<ModelVersion>()(object({ storeId, name: field.string(), version: field.string() })),

  searchLoggedModels: method<LoggedModel[]>()(
    object({ storeId, experimentIds: field.array(field.string()).optional() }),
  ),
  getLoggedModel: method<LoggedModel>()(object({ storeId, modelId: field.string() })),
  searchTraces: method<TraceInfo[]>()(object({ storeId, experimentIds: field.array(field.string()).optional() })),
  getTraceData: method<TraceData>()(object({ storeId, traceId: field.string() })),
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type RequestOf<M extends MethodName> = Infer<Contract[M]['request']>;
export type ResponseOf<M extends MethodName> = Contract[M]['response'];

/** Every method name, in declaration order. */
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

/** The API as the renderer sees it: each method resolves with its value or rejects with ApiError. */
export type RunlensApi = { [M in MethodName]: (request: RequestOf<M>) => Promise<ResponseOf<M>> };

/** What a host serves: each method resolves with a Result envelope and never rejects. */
export type RunlensHandlers = { [M in MethodName]: (request: RequestOf<M>) => Promise<Result<ResponseOf<M>>> };

/** IPC channel of a method (Electron). */
export function ipcChannel(name: MethodName): `runlens:${MethodName}` {
  return `runlens:${name}`;
}

/** HTTP route of a method (web host); always POST with a JSON body. */
export function httpRoute(name: MethodName): `/api/${MethodName}` {
  return `/api/${name}`;
}

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Validates an untrusted request; throws StoreError('INVALID_ARGUMENT') naming the bad field. */
export function validateRequest<M extends MethodName>(name: M, request: unknown): RequestOf<M> {
  const schema = contract[name].request as Schema<RequestOf<M>>;
  const outcome = schema.parse(request, 'request');
  if (!outcome.ok) throw new StoreError('INVALID_ARGUMENT', `${name}: ${outcome.message}`);
  return outcome.value;
}
