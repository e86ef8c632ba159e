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
import type { MetricRange, PathCompletion, RunCount } from './runsTableTypes';

export type { MetricRange, PathCompletion, PathEntry, RunCount } from './runsTableTypes';
import {
  REPORT_FORMATS,
  type AuditReportFile,
  type GovernanceEvaluation,
  type ObservedHistory,
} from './governance/types';
import { StoreError } from './errors';
import { field, type Schema, object, type Infer } from './schema';
import {
  type ConnectionProfile,
  type TestConnectionResult,
  saveConnectionRequest,
  testConnectionRequest,
} from './connections';

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

/**
 * Pushed by the host, not asked for (events flow main → renderer: SSE `GET /api/events` on the web
 * host, `runlens:event` over IPC in Electron). Each is a hint to refetch, never data to merge: a client
 * that misses one (a reconnect) loses nothing by refetching what it shows.
 * - storesChanged: a store was opened or closed, or a call found new problems in one (its
 *   `problemCount` changed); `stores` is what `listStores` returns now.
 * - storeChanged: the store's data changed on disk. `experimentIds` are the experiments whose runs (or
 *   logged models, traces) may have changed and `runIds` the runs known to have changed or vanished;
 *   null means "unknown: any". `experimentsChanged`: the experiment list itself (names, tags, new or
 *   deleted experiments) may have changed.
 */
export type RunlensEvent =
  | { type: 'storesChanged'; stores: StoreInfo[] }
  | {
      type: 'storeChanged';
      storeId: string;
      experimentIds: string[] | null;
      runIds: string[] | null;
      experimentsChanged: boolean;
    }
  | LoadProgressEvent;

/**
 * How far a long load of a store has come, for a progress indicator (not data: the answer still comes
 * from the call that started the load). `what`: 'index' is a FileStore reading its run folders
 * (cold index), 'runs' a remote server's runs arriving page by page. `total` is null when the store
 * cannot know it (MLflow's runs/search gives no count). The last event of a load has `done: true`;
 * events of one load are throttled, so a client must not count them.
 */
export interface LoadProgressEvent {
  type: 'loadProgress';
  storeId: string;
  what: 'runs' | 'index';
  loaded: number;
  total: number | null;
  done: boolean;
}

export interface ExperimentsPage {
  experiments: Experiment[];
  nextPageToken?: string;
}
export interface RunsPage {
  runs: Run[];
  nextPageToken?: string;
  /**
   * Set when a `freshness: 'cached-ok'` request was answered before the store was checked: from the
   * last index, or (nothing indexed yet) with the first page chosen from the runs' attributes before
   * the other runs were read. Such a page has no `nextPageToken` (pages after it follow the exact
   * first page).
   */
  fromCache?: true;
}
export interface RegisteredModelsPage {
  registeredModels: RegisteredModel[];
  nextPageToken?: string;
}
export interface ModelVersionsPage {
  modelVersions: ModelVersion[];
  nextPageToken?: string;
}

export interface MetricSeries {
  key: string;
  /** Points of the history within the requested step range. */
  totalPoints: number;
  /** False when `points` is every point in range (at most 2 × buckets of them). */
  sampled: boolean;
  /** In step order: all points, or per bucket its first, last, min and max finite points and its first NaN/±inf. */
  points: Metric[];
  /** Points that are not finite numbers in range (a chart cannot draw them as values, but should say so). */
  nonFinite: { nan: number; posInf: number; negInf: number };
}

/**
 * A MetricSeries as columns (`getMetricSeriesBatch`): point i is `{key, value: values[i], timestamp:
 * timestamps[i], step: steps[i]}`. A chart view's batch of 150 series × ~600 points is 59 % smaller this
 * way than as point objects, and the browser parses it in half the time (metricSeriesColumns.ts
 * converts both ways).
 */
export interface MetricSeriesColumns {
  key: string;
  totalPoints: number;
  sampled: boolean;
  steps: number[];
  values: number[];
  timestamps: number[];
  nonFinite: MetricSeries['nonFinite'];
}

/**
 * The answer of `getMetricSeriesBatch`: one result per requested series, in request order, as columns. A
 * series that fails (unknown run or key, unreadable file, closed store) fails alone; the others still
 * arrive.
 */
export type MetricSeriesBatch = Result<MetricSeriesColumns>[];

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
  return <S extends Schema<unknown>>(request: S) => ({
    request,
    response: undefined as unknown as Res,
  });
}

export const contract = {
  listStores: method<StoreInfo[]>()(object({})),
  openStore: method<StoreInfo>()(object({ location: field.string() })),
  closeStore: method<null>()(object({ storeId })),
  getStoreProblems: method<StoreProblem[]>()(object({ storeId })),
  /**
   * "Open…" in a browser: the folders (and SQLite files) whose path starts with `prefix`, for a path
   * field with completion. Names only; relative prefixes resolve against the host's working folder.
   */
  completePath: method<PathCompletion>()(
    object({ prefix: field.string({ allowEmpty: true, maxLength: 4096 }) }),
  ),

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
      /**
       * 'cached-ok': the first page may come from the store's last index (its cache on disk) without
       * checking the disk, marked `fromCache`; the caller asks again without it for the exact answer
       * (the app's stale-while-revalidate). Stores without such an index answer exactly. Default exact.
       */
      freshness: field.enumOf<'exact' | 'cached-ok'>(['exact', 'cached-ok']).optional(),
    }),
  ),
  /** The size of a searchRuns answer (its filter and view), in total and per experiment. */
  countRuns: method<RunCount>()(
    object({
      storeId,
      experimentIds: field.array(field.string()).optional(),
      filter: field.string({ allowEmpty: true }).optional(),
      viewType,
    }),
  ),
  /** Min and max of metric histories, for the runs table's min/max columns (runs × keys at most 10,000). */
  getMetricRanges: method<MetricRange[]>()(
    object({
      storeId,
      runIds: field.array(field.string(), { maxItems: 1000 }),
      keys: field.array(field.string(), { maxItems: 100 }),
    }),
  ),
  getRun: method<Run>()(object({ storeId, runId: field.string() })),
  getMetricHistory: method<Metric[]>()(
    object({ storeId, runId: field.string(), key: field.string() }),
  ),
  /** A history sampled for a chart (downsample.ts): every point when it is small, else bucket extremes. */
  getMetricSeries: method<MetricSeries>()(
    object({
      storeId,
      runId: field.string(),
      key: field.string(),
      /** Default 1000; a bucket is meant to be ~2 pixels wide. */
      buckets: field.int({ min: 1, max: 10_000 }).optional(),
      /** Zoom: only steps in [minStep, maxStep], at full resolution when few enough. */
      minStep: field.int().optional(),
      maxStep: field.int().optional(),
    }),
  ),

  /**
   * Many series with the same bucketing in one call (a chart of 50 runs × 3 metrics): one request instead
   * of 150 queued behind the browser's 6 connections per host, and one answer for the renderer to draw.
   */
  getMetricSeriesBatch: method<MetricSeriesBatch>()(
    object({
      series: field.array(object({ storeId, runId: field.string(), key: field.string() }), {
        maxItems: 1000,
      }),
      buckets: field.int({ min: 1, max: 10_000 }).optional(),
      minStep: field.int().optional(),
      maxStep: field.int().optional(),
    }),
  ),

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
  getModelVersion: method<ModelVersion>()(
    object({ storeId, name: field.string(), version: field.string() }),
  ),

  searchLoggedModels: method<LoggedModel[]>()(
    object({ storeId, experimentIds: field.array(field.string()).optional() }),
  ),
  getLoggedModel: method<LoggedModel>()(object({ storeId, modelId: field.string() })),
  searchTraces: method<TraceInfo[]>()(
    object({ storeId, experimentIds: field.array(field.string()).optional() }),
  ),
  getTraceInfo: method<TraceInfo>()(object({ storeId, traceId: field.string() })),
  getTraceData: method<TraceData>()(object({ storeId, traceId: field.string() })),

  /**
   * Governance (GOVERNANCE.md): the store checked against `policyPath` (else runlens-policy.yaml beside
   * the store, else the baseline pack) as of `asOf` (YYYY-MM-DD or ISO; default now). A policy that
   * cannot be used gives `report: null` and its problems with line and column.
   */
  evaluateGovernance: method<GovernanceEvaluation>()(
    object({
      storeId,
      policyPath: field.string({ maxLength: 4096 }).optional(),
      asOf: field.string({ maxLength: 40 }).optional(),
    }),
  ),

  /**
   * Records the registry state seen now in Runlens's own data folder (hash-chained, never in the store)
   * and answers the lifecycle timeline observed so far (of one model, or all) and the chain's status.
   */
  getObservedHistory: method<ObservedHistory>()(
    object({ storeId, model: field.string({ maxLength: 1000 }).optional() }),
  ),

  /**
   * The audit report of one model version (default: the one a production alias holds, else the newest)
   * as `runlens governance report` writes it: canonical JSON, print-ready HTML or Markdown.
   */
  buildGovernanceReport: method<AuditReportFile>()(
    object({
      storeId,
      model: field.string({ maxLength: 1000 }),
      version: field.string({ maxLength: 40 }).optional(),
      format: field.enumOf(REPORT_FORMATS),
      policyPath: field.string({ maxLength: 4096 }).optional(),
      asOf: field.string({ maxLength: 40 }).optional(),
    }),
  ),

  // Remote servers (connections.ts): the secret goes in with save/test, never comes out.
  listConnections: method<ConnectionProfile[]>()(object({})),
  saveConnection: method<ConnectionProfile>()(saveConnectionRequest),
  deleteConnection: method<null>()(object({ id: field.string({ maxLength: 200 }) })),
  testConnection: method<TestConnectionResult>()(testConnectionRequest),
  /** Opens the profile's server as a store (a RestStore with its stored credentials). */
  connect: method<StoreInfo>()(object({ profileId: field.string({ maxLength: 200 }) })),
};

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type RequestOf<M extends MethodName> = Infer<Contract[M]['request']>;
export type ResponseOf<M extends MethodName> = Contract[M]['response'];

/** Every method name, in declaration order. */
export const METHOD_NAMES = Object.keys(contract) as MethodName[];

/**
 * The part of an AbortSignal a call needs, declared here because this folder knows neither the DOM's nor
 * Node's types; both AbortSignals fit it.
 */
export interface CancelSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Per-call options of the renderer's API: `signal` cancels the call (the host stops its work too). */
export interface CallOptions {
  signal?: CancelSignal;
}

/**
 * What a host hands a handler with each call. `signal` aborts when the caller went away (HTTP
 * connection closed, a `runlens:cancel` over IPC); the handler then resolves CANCELLED as soon as it
 * can. `onProgress` hears how far a long load has come (in-process callers such as the CLI; the hosts
 * push progress as `loadProgress` events instead).
 */
export interface CallContext {
  signal?: CancelSignal;
  onProgress?: (progress: { loaded: number; total: number | null }) => void;
}

/** The API as the renderer sees it: each method resolves with its value or rejects with ApiError. */
export type RunlensApi = {
  [M in MethodName]: (request: RequestOf<M>, options?: CallOptions) => Promise<ResponseOf<M>>;
};

/** What a host serves: each method resolves with a Result envelope and never rejects. */
export type RunlensHandlers = {
  [M in MethodName]: (request: RequestOf<M>, ctx?: CallContext) => Promise<Result<ResponseOf<M>>>;
};

/**
 * What the Electron preload exposes as `window.runlens`: the handlers' shape, but an AbortSignal cannot
 * cross the context bridge, so a call carries an id instead, which `runlensCalls.cancel(callId)` names.
 */
export type RunlensBridgeHandlers = {
  [M in MethodName]: (
    request: RequestOf<M>,
    call?: { callId: string },
  ) => Promise<Result<ResponseOf<M>>>;
};

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
