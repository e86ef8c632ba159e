/**
 * FileStore: reads an MLflow `mlruns` folder of any MLflow version (0.1 through 3.x), read-only.
 *
 * Listing runs goes through a RunIndex (index/RunIndex.ts): run folders are read with synchronous calls
 * in worker threads, summaries are kept in memory and, with a `cacheDir`, in a persistent cache checked
 * by fingerprint, so an unchanged run is never read twice; `refresh()` brings the index up to date.
 * Everything else (experiments, one run, metric histories, artifacts, models, traces) is read fresh on
 * every call, with bounded parallelism (RUNS_IN_FLIGHT items at once, at most a few dozen files open
 * through the store's IoLimiter); single-run calls find the run folder by probing each experiment folder
 * for `<run_id>/` rather than reading every run.
 */
import { join, resolve } from 'node:path';
import type { MetricSeries, RunCount } from '../../../common/contract';
import type { RunQuery } from '../../../common/search/index';
import { StoreError } from '../../../common/errors';
import { sortHistory } from '../../../common/metrics';
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
} from '../../../common/types';
import { listLocalArtifacts, readLocalArtifact } from '../localArtifacts';
import type { ArtifactBytes, MetricSeriesOptions, TrackingStore } from '../TrackingStore';
import { findInExperiments, loadExperiments, type LoadedExperiment } from './experiments';
import { IoLimiter, mapLimit, ProblemLog, readText, unreadableError } from './io';
import { listLoggedModelDirs, MODELS_DIR, readLoggedModel } from './loggedModels';
import { readMetricHistory, readMetricSeries } from './metricsDir';
import { checkStoreRoot } from './openCheck';
import { loadRegistry } from './registry';
import { parseMeta, str } from './meta';
import { artifactRootOf, listRunDirs, readRun, type RunContext } from './runs';
import { readMeta } from './readRunSync';
import { RunDirCache } from './runDirCache';
import { SyncReader } from './syncIo';
import { metaFirstPage } from './metaFirstPage';
import { IndexCache } from './index/IndexCache';
import { ParsePool, type PoolOptions } from './index/parsePool';
import { RecentHistories } from './recentHistories';
import { RunIndex, type IndexStats, type RefreshResult } from './index/RunIndex';
import { listTraceDirs, readTraceData, readTraceInfo, TRACES_DIR } from './traces';

/**
 * Cached runs read ahead by warmUp(): about what the first screen of one large experiment needs, and a
 * bound on the memory a read-ahead of experiments never opened may hold (a few kB a run).
 */
const WARM_UP_RUNS = 10_000;

/** Items (logged models, traces) read at once; each reads its own files through the shared IoLimiter. */
const RUNS_IN_FLIGHT = 32;

export interface FileStoreOptions {
  /**
   * Folder of the persistent index cache (the app's own data folder, never inside a store; see
   * index/cacheDir.ts for the default the service passes). Omitted or null: the index lives in memory
   * only and nothing is written anywhere.
   */
  cacheDir?: string | null;
  /** Progress of indexing runs (reading or checking run folders): `loaded` of `total`. */
  onProgress?: (loaded: number, total: number) => void;
  /** Worker threads (index/parsePool.ts): script, thresholds. Defaults suit the app. */
  pool?: Omit<PoolOptions, 'onProgress' | 'histories'>;
  /**
   * Keep metric histories the index parses for the chart series that follow (recentHistories.ts): for
   * a long-lived host that charts (the app, `serve`), not for a one-shot CLI command.
   */
  keepHistories?: boolean;
}

export class FileStore implements TrackingStore {
  readonly kind: StoreKind = 'file';
  readonly location: string;
  private readonly root: string;
  private readonly io = new IoLimiter();
  private readonly log = new ProblemLog();
  private readonly runDirs = new RunDirCache(this.io);
  private cache: IndexCache | null = null;
  private pool: ParsePool | undefined;
  private readonly histories: RecentHistories | undefined;
  private runIndex: RunIndex | undefined;

  /** @param rootPath absolute path of an `mlruns` folder */
  constructor(
    rootPath: string,
    private readonly options: FileStoreOptions = {},
  ) {
    this.location = rootPath;
    this.root = resolve(rootPath);
    this.histories = options.keepHistories ? new RecentHistories() : undefined;
  }

  async open(): Promise<void> {
    await checkStoreRoot(this.root);
  }

  async close(): Promise<void> {
    this.pool?.close();
    await this.cache?.close();
  }

  schemaVersion(): string | undefined {
    return undefined;
  }

  problems(): StoreProblem[] {
    return this.log.list();
  }

  /** For readers outside this folder that find problems as they go (artifact listings). */
  private readonly reportProblem = (problem: StoreProblem): void =>
    this.log.add(problem.path, problem.message);

  async listExperiments(): Promise<Experiment[]> {
    return (await this.experiments()).map((e) => e.experiment);
  }

  async getExperiment(experimentId: string): Promise<Experiment> {
    const found = (await this.experiments()).find(
      (e) => e.experiment.experimentId === experimentId,
    );
    if (!found)
      throw new StoreError('NOT_FOUND', `Experiment '${experimentId}' not found in ${this.root}`);
    return found.experiment;
  }

  /**
   * Served from the run index: the first call for an experiment indexes it (cache + fingerprints, reads
   * what changed); later calls answer from memory until `refresh()`.
   */
  async listRuns(experimentIds: readonly string[]): Promise<Run[]> {
    const all = await this.experiments();
    return this.index().runs(this.wanted(all, experimentIds), all);
  }

  /**
   * The service's in-memory search, over the run index's summaries rather than a listing of Runs: only
   * the page's runs are assembled (RunIndex.search). Never declines.
   */
  async searchRuns(
    experimentIds: readonly string[],
    query: RunQuery,
  ): Promise<{ runs: Run[]; nextPageToken?: string }> {
    const all = await this.experiments();
    return this.index().search(this.wanted(all, experimentIds), all, query);
  }

  /** Counted over the run index's summaries (RunIndex.count). Never declines. */
  async countRuns(
    experimentIds: readonly string[],
    query: Pick<RunQuery, 'filter' | 'viewType'>,
  ): Promise<RunCount> {
    const all = await this.experiments();
    return this.index().count(this.wanted(all, experimentIds), all, query.filter, query.viewType);
  }

  private wanted(
    all: readonly LoadedExperiment[],
    experimentIds: readonly string[],
  ): LoadedExperiment[] {
    const ids = new Set(experimentIds);
    return all.filter((e) => ids.has(e.experiment.experimentId));
  }

  /**
   * The first page of `query` over the runs as last indexed (memory, else the cache on disk), without
   * checking the disk: RunIndex.cachedPage, which assembles that page's Runs only. With no index yet,
   * `pickFirstPage` chooses from the runs' meta.yaml alone (metaFirstPage.ts).
   */
  async listRunsCached(
    experimentIds: readonly string[],
    query: RunQuery,
    pickFirstPage?: (attributesOnly: Run[]) => Run[],
    signal?: AbortSignal,
  ): Promise<Run[] | undefined> {
    const experiments = this.wanted(await this.experiments(), experimentIds);
    const cached = await this.index().cachedPage(experiments, query);
    if (cached || !pickFirstPage) return cached;
    // The index's workers wait meanwhile: this first screen is what the user is looking at.
    const release = this.pool?.hold();
    try {
      return await metaFirstPage(this.io, experiments, pickFirstPage, signal);
    } finally {
      release?.();
    }
  }

  /**
   * Opens the index (its cache's SQLite engine is a native module, slow to load) and reads ahead the
   * cached runs of the active experiments, most recently updated first, up to WARM_UP_RUNS.
   */
  async warmUp(): Promise<void> {
    try {
      const likely = (await this.experiments())
        .filter((e) => e.experiment.lifecycleStage === 'active')
        .sort((a, b) => (b.experiment.lastUpdateTime ?? 0) - (a.experiment.lastUpdateTime ?? 0));
      await this.index().warmUp(likely, WARM_UP_RUNS);
    } catch {
      // Only a head start: whatever failed here fails again, and is reported, where it is asked for.
    }
  }

  /**
   * Re-checks the indexed runs: all of them by stat, or only where `changedPaths` (from a file watcher)
   * point. Runs whose fingerprint still matches are not read. Says what changed.
   */
  async refresh(changedPaths?: string[]): Promise<RefreshResult> {
    return this.index().refresh(await this.experiments(), changedPaths);
  }

  /** How much indexing has read and reused (tests, diagnostics). */
  indexStats(): IndexStats {
    return { ...this.index().stats };
  }

  async getRun(runId: string): Promise<Run> {
    const { exp, runDir } = await this.runDir(runId);
    try {
      return await readRun(this.runContext(), exp, runDir);
    } catch (err) {
      throw unreadableError(runDir, err);
    }
  }

  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    const runDir = await this.metricRunDir(runId);
    const points = await this.guard(runDir, () =>
      readMetricHistory(this.io, join(runDir, 'metrics'), key, this.log),
    );
    return sortHistory(points);
  }

  /**
   * The file bucketed (metricStream.ts): read whole when short, streamed when long (memory bounded
   * whatever its length), or from the history the index just parsed (recentHistories.ts).
   */
  async getMetricSeries(
    runId: string,
    key: string,
    opts: MetricSeriesOptions,
    signal?: AbortSignal,
  ): Promise<MetricSeries> {
    const runDir = await this.metricRunDir(runId);
    return this.guard(runDir, () =>
      readMetricSeries(this.io, join(runDir, 'metrics'), key, this.log, opts, {
        signal,
        histories: this.histories,
      }),
    );
  }

  async listArtifacts(runId: string, path: string): Promise<FileInfo[]> {
    return listLocalArtifacts(await this.runArtifactRoot(runId), path, this.reportProblem);
  }

  async readArtifact(runId: string, path: string, maxBytes: number): Promise<ArtifactBytes> {
    return readLocalArtifact(await this.runArtifactRoot(runId), path, maxBytes);
  }

  async listRegisteredModels(): Promise<RegisteredModel[]> {
    return (await this.guard(this.root, () => loadRegistry(this.io, this.root, this.log))).map(
      (m) => m.model,
    );
  }

  async listModelVersions(): Promise<ModelVersion[]> {
    return (await this.guard(this.root, () => loadRegistry(this.io, this.root, this.log))).flatMap(
      (m) => m.versions,
    );
  }

  async listLoggedModels(experimentIds?: readonly string[]): Promise<LoggedModel[]> {
    const experiments = await this.experimentsAmong(experimentIds);
    const found = await Promise.all(
      experiments.map(async (exp) => {
        const dirs = await this.guard(exp.dir, () => listLoggedModelDirs(this.io, exp.dir));
        return mapLimit(dirs, RUNS_IN_FLIGHT, (dir) =>
          readLoggedModel(this.io, exp, dir, this.log),
        );
      }),
    );
    return found.flat().filter((m): m is LoggedModel => m !== undefined);
  }

  async listTraces(experimentIds?: readonly string[]): Promise<TraceInfo[]> {
    const experiments = await this.experimentsAmong(experimentIds);
    const found = await Promise.all(
      experiments.map(async (exp) => {
        const dirs = await this.guard(exp.dir, () => listTraceDirs(this.io, exp.dir));
        return mapLimit(dirs, RUNS_IN_FLIGHT, (dir) => readTraceInfo(this.io, exp, dir, this.log));
      }),
    );
    return found.flat().filter((t): t is TraceInfo => t !== undefined);
  }

  async getTraceData(traceId: string): Promise<unknown> {
    const found = await findInExperiments(this.io, await this.experiments(), [TRACES_DIR], traceId);
    if (!found) throw new StoreError('NOT_FOUND', `Trace '${traceId}' not found in ${this.root}`);
    return readTraceData(this.io, this.root, found.dir);
  }

  /** Artifacts of a 3.x LoggedModel (FileStore extra: its `artifacts/` lives beside its meta.yaml). */
  async listLoggedModelArtifacts(modelId: string, path: string): Promise<FileInfo[]> {
    return listLocalArtifacts(
      await this.loggedModelArtifactRoot(modelId),
      path,
      this.reportProblem,
    );
  }

  /** Reads at most `maxBytes` of one LoggedModel artifact file. */
  async readLoggedModelArtifact(
    modelId: string,
    path: string,
    maxBytes: number,
  ): Promise<ArtifactBytes> {
    return readLocalArtifact(await this.loggedModelArtifactRoot(modelId), path, maxBytes);
  }

  private index(): RunIndex {
    if (!this.runIndex) {
      const { cacheDir, onProgress, pool } = this.options;
      if (cacheDir)
        this.cache = IndexCache.open(cacheDir, this.root, (path, message) =>
          this.log.add(path, message),
        );
      const listing = (dir: string): Promise<string[]> =>
        this.guard(dir, () => listRunDirs(this.io, dir));
      this.pool = new ParsePool({
        ...pool,
        ...(onProgress ? { onProgress } : {}),
        ...(this.histories ? { histories: this.histories } : {}),
      });
      this.runIndex = new RunIndex(this.root, this.cache, this.log, listing, this.pool);
    }
    return this.runIndex;
  }

  private async experiments(): Promise<LoadedExperiment[]> {
    return this.guard(this.root, () => loadExperiments(this.io, this.root, this.log));
  }

  private async experimentsAmong(experimentIds?: readonly string[]): Promise<LoadedExperiment[]> {
    const all = await this.experiments();
    if (!experimentIds) return all;
    const wanted = new Set(experimentIds);
    return all.filter((e) => wanted.has(e.experiment.experimentId));
  }

  private runContext(): RunContext {
    return { io: this.io, problems: this.log, datasets: new Map() };
  }

  private async runDir(runId: string): Promise<{ exp: LoadedExperiment; runDir: string }> {
    const found = await findInExperiments(this.io, await this.experiments(), [], runId);
    if (!found) throw new StoreError('NOT_FOUND', `Run '${runId}' not found in ${this.root}`);
    return { exp: found.exp, runDir: found.dir };
  }

  /**
   * The run's folder for its metrics, remembered between calls (runDirCache.ts); the first time from
   * the index when it has read the run and the folder is still a real one there.
   */
  private metricRunDir(runId: string): Promise<string> {
    return this.runDirs.dirOf(
      runId,
      async () => (await this.runDir(runId)).runDir,
      this.runIndex?.knownRunDir(runId),
    );
  }

  private async runArtifactRoot(runId: string): Promise<string | null> {
    const { runDir } = await this.runDir(runId);
    let meta;
    try {
      meta = readMeta(new SyncReader(() => {}), runDir);
    } catch (err) {
      throw unreadableError(runDir, err);
    }
    return artifactRootOf(this.root, join(runDir, 'artifacts'), str(meta, 'artifact_uri') ?? '');
  }

  private async loggedModelArtifactRoot(modelId: string): Promise<string | null> {
    const found = await findInExperiments(this.io, await this.experiments(), [MODELS_DIR], modelId);
    if (!found)
      throw new StoreError('NOT_FOUND', `LoggedModel '${modelId}' not found in ${this.root}`);
    const metaPath = join(found.dir, 'meta.yaml');
    let stored = '';
    try {
      stored = str(parseMeta(await readText(this.io, metaPath)), 'artifact_location') ?? '';
    } catch (err) {
      throw unreadableError(metaPath, err);
    }
    return artifactRootOf(this.root, join(found.dir, 'artifacts'), stored);
  }

  /** Runs `task`; an unexpected I/O error (permission denied, I/O error) becomes STORE_UNREADABLE. */
  private async guard<T>(path: string, task: () => Promise<T>): Promise<T> {
    try {
      return await task();
    } catch (err) {
      throw unreadableError(path, err);
    }
  }
}
