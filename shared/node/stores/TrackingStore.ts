/**
 * TrackingStore: the role every MLflow data source plays (FileStore, SqliteStore, RestStore).
 *
 * Contract:
 * - Read-only. No method writes anything into the store, ever (no temp files, no -wal/-shm, no caches).
 * - Methods return whole entities in the domain shape of `shared/common/types.ts`; searching, filtering,
 *   ordering and paging are done once, above the stores (`shared/common/search`), so every store gives
 *   the same answer to the same question.
 * - Missing things throw `StoreError('NOT_FOUND', …)`; a store that cannot be read at all throws
 *   `StoreError('STORE_UNREADABLE', …)` naming the path. A broken *part* (one run folder, one metric
 *   file line, one model version) does not throw: it is skipped and recorded in `problems()`, and the
 *   rest is returned.
 * - Lifecycle: the service calls `open()` once before anything else and `close()` when done.
 * - Cancellation: every reading method takes an optional trailing `signal`. A store whose reads can
 *   wait long (RestStore: the network) stops as soon as it aborts and rejects `StoreError('CANCELLED')`;
 *   local stores may ignore it. `close()` cancels whatever is still running.
 */
import type { MetricSeries, RunCount } from '../../common/contract';
import type { RunQuery } from '../../common/search/runs';
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
} from '../../common/types';

export interface ArtifactBytes {
  /** The first `maxBytes` bytes (or the whole file when smaller). */
  bytes: Uint8Array;
  /** Size of the whole file. */
  size: number;
}

/** The size and step range of a chart series (see shared/common/metricSeries.ts). */
export interface MetricSeriesOptions {
  buckets: number;
  minStep?: number;
  maxStep?: number;
}

/** What `refresh()` found. */
export interface StoreChanges {
  /** Runs that are new or whose content changed (params, tags, metrics, status, lifecycle, …). */
  changedRunIds: string[];
  /** Runs that are gone (folder removed, or their experiment's). */
  removedRunIds: string[];
  /** The experiments those runs are in, or were in before they moved or went away. */
  experimentIds: string[];
  /** The experiment list changed (new, removed, renamed, deleted or restored, tags). */
  experimentsChanged: boolean;
}

export interface TrackingStore {
  readonly kind: StoreKind;
  /** What was opened, as given (absolute path or URL). */
  readonly location: string;

  /** Checks the store can be read (throws STORE_UNREADABLE naming the path otherwise). */
  open(signal?: AbortSignal): Promise<void>;
  close(): Promise<void>;
  /** e.g. SQLite's alembic revision; undefined where not meaningful. */
  schemaVersion(): string | undefined;
  /** Parts of the store that could not be read so far (grows as more is read). */
  problems(): StoreProblem[];

  /** Every experiment, active and deleted (FileStore: `.trash/` ones are deleted). */
  listExperiments(signal?: AbortSignal): Promise<Experiment[]>;
  getExperiment(experimentId: string, signal?: AbortSignal): Promise<Experiment>;

  /**
   * Every run of these experiments, active and deleted, with params, tags, latest metrics and dataset
   * inputs. Runs of a deleted experiment are reported deleted. Unknown experiment ids give no runs.
   * A store that lists in pages (RestStore) calls `onPage` with the runs loaded so far after each page,
   * for a progress indicator; the others may ignore it.
   */
  listRuns(
    experimentIds: readonly string[],
    signal?: AbortSignal,
    onPage?: (loadedSoFar: number) => void,
  ): Promise<Run[]>;
  /**
   * Optional: the store answers a run search itself (e.g. in SQL, so a deep page does not read every
   * run). The service parses and validates the query once and hands it down (RunQuery); the store must
   * give exactly what the shared in-memory `searchParsedRuns` gives over `listRuns` filtered by view
   * type — same runs, order, tokens and errors (a bad page token). Without it the service searches in
   * memory. It may decline a query by answering undefined (RestStore: one the server's grammar cannot
   * express; SqliteStore: one SQL cannot answer exactly) — the service's in-memory search, the only one,
   * then answers it. A remote store's answer is its server's (RestStore: MLflow's order and opaque page
   * tokens, each valid only for the next page of the same query). FileStore searches its run index with
   * the same shared code (`searchRows`), never declines, and assembles Runs for the page only.
   */
  searchRuns?(
    experimentIds: readonly string[],
    query: RunQuery,
    signal?: AbortSignal,
  ): Promise<{ runs: Run[]; nextPageToken?: string } | undefined>;
  /**
   * Optional: how many runs of these experiments are in view and match the filter, in total and per
   * experiment, without reading them (SQL COUNT). It must equal counting the in-memory search's answer.
   * Undefined declines (a filter SQL cannot answer exactly); the service then counts a listing.
   */
  countRuns?(
    experimentIds: readonly string[],
    query: Pick<RunQuery, 'filter' | 'viewType'>,
    signal?: AbortSignal,
  ): Promise<RunCount | undefined>;
  /**
   * Optional: the first page of `query` (it has no page token) over the runs as the store last indexed
   * them (FileStore: memory, else its cache from an earlier launch), at once and without checking the
   * disk; undefined when it has no such index for one of them. For a first screen shown while `listRuns`
   * validates (searchRuns' `freshness: 'cached-ok'`). The same search over the answer must give the
   * answer again (the service searches it once more: a store may answer more than the page).
   */
  listRunsCached?(
    experimentIds: readonly string[],
    query: RunQuery,
    /**
     * When nothing was indexed yet (no cache): chooses the first page from runs that carry their
     * attributes only; the store then reads those runs whole and answers them. Without it, or when
     * the store cannot list attributes alone, undefined.
     */
    pickFirstPage?: (attributesOnly: Run[]) => Run[],
    signal?: AbortSignal,
  ): Promise<Run[] | undefined>;
  /**
   * Optional: prepares, in the background, what a first screen will ask for (FileStore: opens its index
   * cache and reads ahead the cached runs of its most recently updated experiments, within a bound), so
   * that `listRunsCached` answers from memory. Called once a host is listening, while the page loads.
   * Changes no answer; never rejects.
   */
  warmUp?(): Promise<void>;
  /**
   * Optional: brings what the store serves from memory (FileStore: its run index) up to date with the
   * disk and says what changed since the previous refresh (or the first listing). `changedPaths`
   * (absolute, from a file watcher) limit the work to the runs and experiment folders they lie in;
   * without them everything is re-checked (FileStore: by stat; unchanged runs are not read again).
   * Stores that read afresh on every call have none.
   */
  refresh?(changedPaths?: string[]): Promise<StoreChanges>;
  /** Any run by id, whatever its experiment or lifecycle stage. */
  getRun(runId: string, signal?: AbortSignal): Promise<Run>;
  /**
   * Full history of one metric of one run, ordered by (step, timestamp), file/insertion order kept for
   * ties. Exact duplicate points are kept where the store keeps them (FileStore). Unknown key: [].
   */
  getMetricHistory(runId: string, key: string, signal?: AbortSignal): Promise<Metric[]>;
  /**
   * Optional: the chart series of one metric, computed without building the whole history (a long one
   * is a million points). It must equal `seriesOfHistory(key, await getMetricHistory(runId, key), opts)`
   * (shared/common/metricSeries.ts) — same points, order, totals, errors. Without it the service
   * builds the series from the history.
   */
  getMetricSeries?(
    runId: string,
    key: string,
    opts: MetricSeriesOptions,
    signal?: AbortSignal,
  ): Promise<MetricSeries>;

  /** Direct children of `path` ('' = root) in the run's artifacts, dirs and files, sorted by path. */
  listArtifacts(runId: string, path: string, signal?: AbortSignal): Promise<FileInfo[]>;
  /** Reads at most `maxBytes` of one artifact file. Rejects paths escaping the artifact root. */
  readArtifact(
    runId: string,
    path: string,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<ArtifactBytes>;

  /** Registered models with tags, aliases and latest versions (deleted versions hidden). */
  listRegisteredModels(signal?: AbortSignal): Promise<RegisteredModel[]>;
  /** Model versions of every model (deleted ones hidden). */
  listModelVersions(signal?: AbortSignal): Promise<ModelVersion[]>;

  /** 3.x LoggedModels of these experiments (all experiments when omitted); [] for older stores. */
  listLoggedModels(experimentIds?: readonly string[], signal?: AbortSignal): Promise<LoggedModel[]>;
  /**
   * One LoggedModel by id, for stores that can fetch it directly (a server); others are searched.
   * Throws NOT_FOUND when there is none.
   */
  getLoggedModel?(modelId: string, signal?: AbortSignal): Promise<LoggedModel>;
  /** One trace's info by id, for stores that can fetch it directly (a server); others are searched. */
  getTraceInfo?(traceId: string, signal?: AbortSignal): Promise<TraceInfo>;
  /** Traces of these experiments (all when omitted); [] when the store has none. */
  listTraces(experimentIds?: readonly string[], signal?: AbortSignal): Promise<TraceInfo[]>;
  /** Span data of one trace (parsed `traces.json`), null when the trace has none. */
  getTraceData(traceId: string, signal?: AbortSignal): Promise<unknown>;
}
