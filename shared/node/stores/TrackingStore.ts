/**
 * TrackingStore: the role every MLflow data source plays (FileStore, SqliteStore, later RestStore).
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
 */
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

export interface TrackingStore {
  readonly kind: StoreKind;
  /** What was opened, as given (absolute path or URL). */
  readonly location: string;

  /** Checks the store can be read (throws STORE_UNREADABLE naming the path otherwise). */
  open(): Promise<void>;
  close(): Promise<void>;
  /** e.g. SQLite's alembic revision; undefined where not meaningful. */
  schemaVersion(): string | undefined;
  /** Parts of the store that could not be read so far (grows as more is read). */
  problems(): StoreProblem[];

  /** Every experiment, active and deleted (FileStore: `.trash/` ones are deleted). */
  listExperiments(): Promise<Experiment[]>;
  getExperiment(experimentId: string): Promise<Experiment>;

  /**
   * Every run of these experiments, active and deleted, with params, tags, latest metrics and dataset
   * inputs. Runs of a deleted experiment are reported deleted. Unknown experiment ids give no runs.
   */
  listRuns(experimentIds: readonly string[]): Promise<Run[]>;
  /** Any run by id, whatever its experiment or lifecycle stage. */
  getRun(runId: string): Promise<Run>;
  /**
   * Full history of one metric of one run, ordered by (step, timestamp), file/insertion order kept for
   * ties. Exact duplicate points are kept where the store keeps them (FileStore). Unknown key: [].
   */
  getMetricHistory(runId: string, key: string): Promise<Metric[]>;

  /** Direct children of `path` ('' = root) in the run's artifacts, dirs and files, sorted by path. */
  listArtifacts(runId: string, path: string): Promise<FileInfo[]>;
  /** Reads at most `maxBytes` of one artifact file. Rejects paths escaping the artifact root. */
  readArtifact(runId: string, path: string, maxBytes: number): Promise<ArtifactBytes>;

  /** Registered models with tags, aliases and latest versions (deleted versions hidden). */
  listRegisteredModels(): Promise<RegisteredModel[]>;
  /** Model versions of every model (deleted ones hidden). */
  listModelVersions(): Promise<ModelVersion[]>;

  /** 3.x LoggedModels of these experiments (all experiments when omitted); [] for older stores. */
  listLoggedModels(experimentIds?: readonly string[]): Promise<LoggedModel[]>;
  /** Traces of these experiments (all when omitted); [] when the store has none. */
  listTraces(experimentIds?: readonly string[]): Promise<TraceInfo[]>;
  /** Span data of one trace (parsed `traces.json`), null when the trace has none. */
  getTraceData(traceId: string): Promise<unknown>;
}
