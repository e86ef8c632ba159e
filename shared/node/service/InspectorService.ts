/**
 * InspectorService: the one implementation of the API contract, served over IPC (Electron), HTTP (web
 * host) and called in-process by the CLI.
 *
 * Every handler validates its request (it comes from an untrusted renderer or HTTP client), does the
 * work on the store named by `storeId`, and resolves with a `Result` — it never throws or rejects.
 * Searching, filtering, ordering and paging happen here, above the stores, with the shared search
 * functions, so every store answers the same question the same way.
 *
 * openStore resolves with the store's info even when the store cannot be read (state 'error' and the
 * reason), so the caller gets an id to show and close; it fails only for a malformed request or a
 * location Runlens does not accept (a remote URL, for now).
 *
 * Each handler takes an optional CallContext: when its signal aborts (the caller went away), the
 * signal is passed on to the store (RestStore stops its HTTP requests), the service stops between
 * steps, and the handler resolves CANCELLED at once even when the store cannot be interrupted. Long
 * loads are reported as `loadProgress` events (a FileStore's cold index, a server's runs by page).
 */
import type {
  MethodName,
  RequestOf,
  ResponseOf,
  RunlensHandlers,
  StoreInfo,
} from '../../common/contract';
import { StoreError } from '../../common/errors';
import {
  searchExperiments,
  searchModelVersions,
  searchRegisteredModels,
} from '../../common/search/index';
import { evaluateStore } from '../governance/evaluate';
import { observeAndDescribe } from '../governance/observedHistory';
import { renderAuditReport } from '../governance/report/reportText';
import { defaultDataDir } from '../governance/observedLog';
import { DEFAULT_ARTIFACT_MAX_BYTES, toArtifactContent } from './artifactContent';
import { createStore as defaultCreateStore, type StoreFactory } from './createStore';
import { StoreRegistry } from './StoreRegistry';
import { LoadProgress } from './loadProgress';
import { metricSeries } from './metricSeries';
import { metricSeriesBatch } from './metricSeriesBatch';
import { metricRanges } from './metricRanges';
import { completePath } from './completePath';
import { inView } from './runCount';
import { countRuns, queryOf, searchRuns, type RunQueryContext } from './runQueries';
import {
  findLoggedModel,
  findModelVersion,
  findRegisteredModel,
  findTraceInfo,
} from './entityLookups';
import { CallActivity } from './callActivity';
import { serviceHandler } from './serviceHandler';
import type { ServiceCall } from './callContext';
import { ServiceEvents, type RunlensEventListener, type WatchedStore } from './watch/ServiceEvents';
import type { WatchOptions } from './watch/storeWatcher';
import type { ConnectionManager } from '../connections/ConnectionManager';
import { logInternalError, stderrSink, type LogSink } from '../log/errorLog';

export interface InspectorServiceOptions {
  /** Builds a store for a detected location (tests inject in-memory stores). */
  createStore?: StoreFactory;
  /** Directory relative paths resolve against; process.cwd() at each call by default. */
  cwd?: () => string;
  /** How open stores are watched while someone listens to `onEvent` (polling for network drives). */
  watch?: WatchOptions;
  /** Runlens's own data folder (observed registry history); defaultDataDir() when not given. */
  dataDir?: () => string;
  /** Remote server profiles (Electron: safeStorage vault; web host / CLI: memory). None: no profiles. */
  connections?: ConnectionManager;
  /** Where INTERNAL errors are logged with their stack (secrets redacted); stderr by default. */
  errorLog?: LogSink;
  /**
   * A long-lived host that charts (the app, `serve`): stores keep the metric histories their index
   * parses for the chart series that follow (FileStore, recentHistories.ts). Not for one CLI command.
   */
  keepHistories?: boolean;
}

export class InspectorService implements RunlensHandlers {
  private readonly stores: StoreRegistry;
  private readonly events: ServiceEvents;
  private readonly connections: ConnectionManager | undefined;
  private readonly progress: LoadProgress;
  private readonly cwd: () => string;
  private readonly dataDir: () => string;
  private readonly errorLog: LogSink;
  private readonly runQueries: RunQueryContext;
  private readonly activity = new CallActivity();

  constructor(options: InspectorServiceOptions = {}) {
    this.cwd = options.cwd ?? (() => process.cwd());
    this.errorLog = options.errorLog ?? stderrSink;
    this.dataDir = options.dataDir ?? (() => defaultDataDir());
    const createStore = options.createStore ?? defaultCreateStore;
    this.stores = new StoreRegistry(
      options.keepHistories
        ? (location, hooks) => createStore(location, { ...hooks, keepHistories: true })
        : createStore,
      this.cwd,
      (storeId, loaded, total) => this.progress.report(storeId, 'index', loaded, total),
      // Not a StoreError: a bug, not the user's folder. The store shows the error; the stack is logged.
      (location, err) => logInternalError(this.errorLog, `opening store ${location}`, err),
    );
    // The first walk of a store's folders and polling scans wait while calls are answered.
    this.events = new ServiceEvents(
      { whenQuiet: () => this.activity.whenQuiet(), ...options.watch },
      () => this.openStores(),
    );
    this.progress = new LoadProgress((event) => this.events.emit(event));
    this.connections = options.connections;
    this.runQueries = { stores: this.stores, progress: this.progress };
  }

  private connectionManager(): ConnectionManager {
    if (!this.connections)
      throw new StoreError('INVALID_ARGUMENT', 'This Runlens host keeps no server connections');
    return this.connections;
  }

  /**
   * Lets every open store prepare what a first screen asks for (TrackingStore.warmUp), in the
   * background: a host calls it once it listens, while the page loads. Never rejects.
   */
  async warmUp(): Promise<void> {
    const ready = this.stores.list().filter((s) => s.state === 'ready');
    await Promise.all(ready.map((s) => this.stores.get(s.storeId).warmUp?.()));
  }

  /** Resolves once no call has been in flight for `ms` (background work that can wait; never rejects). */
  whenIdleFor(ms: number): Promise<void> {
    return this.activity.whenIdleFor(ms);
  }

  /** Closes every store (app or server shutdown). */
  async dispose(): Promise<void> {
    this.events.close();
    await this.stores.closeAll();
  }

  /**
   * Pushes what changed (stores opened or closed, store data changed on disk) to `listener`; returns
   * the unsubscribe function. Not a contract method: events flow from the host to the UI. While any
   * listener is subscribed, every open file or SQLite store is watched.
   */
  onEvent(listener: RunlensEventListener): () => void {
    return this.events.on(listener);
  }

  /**
   * Settles when the stores' watchers see every later change. Watches start in the background when
   * the first listener subscribes (so they never delay an answer); tests and scripts that change a
   * store right after subscribing wait for this first. Not a contract method.
   */
  eventsReady(): Promise<void> {
    return this.events.ready();
  }

  private openStores(): { all: StoreInfo[]; readable: WatchedStore[] } {
    const all = this.stores.list();
    const readable: WatchedStore[] = [];
    for (const info of all) {
      if (info.state !== 'ready') continue;
      try {
        readable.push({ info, store: this.stores.get(info.storeId) });
      } catch {
        // Closed between list() and get(): nothing to watch.
      }
    }
    return { all, readable };
  }

  /** Wraps one method's work: validation in, Result out, nothing thrown (serviceHandler.ts). */
  private handler<M extends MethodName>(
    name: M,
    work: (request: RequestOf<M>, call: ServiceCall) => Promise<ResponseOf<M>>,
  ): RunlensHandlers[M] {
    return serviceHandler(name, work, () => ({
      events: this.events,
      errorLog: this.errorLog,
      activity: this.activity,
    }));
  }

  readonly listStores = this.handler('listStores', async () => this.stores.list());

  readonly openStore = this.handler('openStore', async ({ location }) =>
    this.stores.open(location),
  );

  readonly closeStore = this.handler('closeStore', async ({ storeId }) => {
    await this.stores.close(storeId);
    return null;
  });

  readonly getStoreProblems = this.handler('getStoreProblems', async ({ storeId }) =>
    this.stores.get(storeId).problems(),
  );

  readonly completePath = this.handler('completePath', async ({ prefix }) =>
    completePath(prefix, this.cwd()),
  );

  readonly searchExperiments = this.handler('searchExperiments', async (req, { signal }) => {
    const all = await this.stores.get(req.storeId).listExperiments(signal);
    return searchExperiments(
      all.filter((e) => inView(e.lifecycleStage, req.viewType)),
      queryOf(req),
    );
  });

  readonly getExperiment = this.handler(
    'getExperiment',
    async ({ storeId, experimentId }, { signal }) =>
      this.stores.get(storeId).getExperiment(experimentId, signal),
  );

  readonly searchRuns = this.handler('searchRuns', async (req, call) =>
    searchRuns(this.runQueries, req, call),
  );

  readonly countRuns = this.handler('countRuns', async (req, call) =>
    countRuns(this.runQueries, req, call),
  );

  readonly getMetricRanges = this.handler(
    'getMetricRanges',
    async ({ storeId, runIds, keys }, { signal }) =>
      metricRanges(this.stores.get(storeId), runIds, keys, signal),
  );

  readonly getRun = this.handler('getRun', async ({ storeId, runId }, { signal }) =>
    this.stores.get(storeId).getRun(runId, signal),
  );

  readonly getMetricHistory = this.handler(
    'getMetricHistory',
    async ({ storeId, runId, key }, { signal }) =>
      this.stores.get(storeId).getMetricHistory(runId, key, signal),
  );

  readonly getMetricSeries = this.handler(
    'getMetricSeries',
    async ({ storeId, runId, key, ...range }, { signal }) =>
      metricSeries(this.stores.get(storeId), runId, key, range, signal),
  );

  readonly getMetricSeriesBatch = this.handler(
    'getMetricSeriesBatch',
    async ({ series, ...range }, { signal }) =>
      metricSeriesBatch((id) => this.stores.get(id), series, range, signal),
  );

  readonly listArtifacts = this.handler(
    'listArtifacts',
    async ({ storeId, runId, path }, { signal }) =>
      this.stores.get(storeId).listArtifacts(runId, path ?? '', signal),
  );

  readonly readArtifact = this.handler(
    'readArtifact',
    async ({ storeId, runId, path, maxBytes }, { signal }) => {
      const read = await this.stores
        .get(storeId)
        .readArtifact(runId, path, maxBytes ?? DEFAULT_ARTIFACT_MAX_BYTES, signal);
      return toArtifactContent(path, read);
    },
  );

  readonly searchRegisteredModels = this.handler(
    'searchRegisteredModels',
    async (req, { signal }) =>
      searchRegisteredModels(
        await this.stores.get(req.storeId).listRegisteredModels(signal),
        queryOf(req),
      ),
  );

  readonly getRegisteredModel = this.handler(
    'getRegisteredModel',
    async ({ storeId, name }, { signal }) =>
      findRegisteredModel(this.stores.get(storeId), name, signal),
  );

  readonly searchModelVersions = this.handler('searchModelVersions', async (req, { signal }) =>
    searchModelVersions(await this.stores.get(req.storeId).listModelVersions(signal), queryOf(req)),
  );

  readonly getModelVersion = this.handler(
    'getModelVersion',
    async ({ storeId, name, version }, { signal }) =>
      findModelVersion(this.stores.get(storeId), name, version, signal),
  );

  readonly searchLoggedModels = this.handler(
    'searchLoggedModels',
    async ({ storeId, experimentIds }, { signal }) =>
      this.stores.get(storeId).listLoggedModels(experimentIds, signal),
  );

  readonly getLoggedModel = this.handler(
    'getLoggedModel',
    async ({ storeId, modelId }, { signal }) =>
      findLoggedModel(this.stores.get(storeId), modelId, signal),
  );

  readonly searchTraces = this.handler(
    'searchTraces',
    async ({ storeId, experimentIds }, { signal }) =>
      this.stores.get(storeId).listTraces(experimentIds, signal),
  );

  readonly getTraceInfo = this.handler('getTraceInfo', async ({ storeId, traceId }, { signal }) =>
    findTraceInfo(this.stores.get(storeId), traceId, signal),
  );

  readonly evaluateGovernance = this.handler(
    'evaluateGovernance',
    async ({ storeId, policyPath, asOf }, { signal }) =>
      evaluateStore(this.stores.get(storeId), { policyPath, asOf, cwd: this.cwd() }, signal),
  );

  readonly getObservedHistory = this.handler(
    'getObservedHistory',
    async ({ storeId, model }, { signal }) =>
      observeAndDescribe(this.stores.get(storeId), this.dataDir(), model, new Date(), signal),
  );

  readonly buildGovernanceReport = this.handler(
    'buildGovernanceReport',
    async ({ storeId, model, version, format, policyPath, asOf }) =>
      renderAuditReport(this.stores.get(storeId), {
        model,
        version,
        format,
        policyPath,
        asOf,
        cwd: this.cwd(),
      }),
  );

  readonly listConnections = this.handler('listConnections', async () =>
    this.connections ? this.connections.list() : [],
  );

  readonly saveConnection = this.handler('saveConnection', async (req) =>
    this.connectionManager().save(req),
  );

  readonly deleteConnection = this.handler('deleteConnection', async ({ id }) => {
    await this.connectionManager().delete(id);
    return null;
  });

  readonly testConnection = this.handler('testConnection', async (req) =>
    this.connectionManager().test(req),
  );

  readonly connect = this.handler('connect', async ({ profileId }) => {
    const connections = this.connectionManager();
    const target = await connections.target(profileId);
    return this.stores.openBuilt(
      target.key,
      { kind: 'rest', location: target.url, displayName: target.displayName },
      () => connections.open(target),
    );
  });

  readonly getTraceData = this.handler(
    'getTraceData',
    async ({ storeId, traceId }, { signal }) => ({
      traceId,
      data: await this.stores.get(storeId).getTraceData(traceId, signal),
    }),
  );
}
