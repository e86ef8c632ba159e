/**
 * SqliteStore: MLflow's SQLAlchemy store (`mlflow.db`), every schema from MLflow 1.x to 3.8+, read-only.
 *
 * The database is opened read-only and never written (no -wal/-shm either, see openDatabase). Each method
 * is one read transaction with BUSY retries (SqliteConnection). Schema differences are asked of
 * SqliteSchema, so optional tables that an old database lacks give empty answers, not errors. Artifacts
 * are read from the local disk, with stored paths rebased under the database's folder.
 */
import { dirname } from 'node:path';
import type { MetricSeries, RunCount } from '../../../common/contract';
import { StoreError } from '../../../common/errors';
import type {
  Experiment,
  FileInfo,
  LoggedModel,
  Metric,
  ModelVersion,
  RegisteredModel,
  Run,
  StoreProblem,
  TraceInfo,
} from '../../../common/types';
import type { RunQuery } from '../../../common/search/runs';
import { listLocalArtifacts, readLocalArtifact } from '../localArtifacts';
import type { ArtifactBytes, MetricSeriesOptions, TrackingStore } from '../TrackingStore';
import { modelArtifactRoot, runArtifactRoot } from './artifactRoots';
import { readExperiment, readExperiments } from './experiments';
import { readLoggedModelLocation, readLoggedModels } from './loggedModels';
import { readMetricHistory } from './metrics';
import { readMetricSeries } from './metricSeries';
import { openDatabase } from './openDatabase';
import { readModelVersions, readRegisteredModels } from './registry';
import { readRuns } from './runs';
import { countRunIds, searchRunIds } from './searchRuns';
import { DEFAULT_BUSY_TIMEOUT_MS, SqliteConnection } from './SqliteConnection';
import { readSpansFromTable, readTrace, readTraceArtifact, readTraces } from './traces';

export interface SqliteStoreOptions {
  /** How long a read waits for a writer's lock before failing with BUSY (default ~3 s). */
  busyTimeoutMs?: number;
  /** Rows of a metric from which a page sorted by it is found from candidates (metricTopPage.ts). */
  topPageMinRows?: number;
}

export class SqliteStore implements TrackingStore {
  readonly kind = 'sqlite';
  readonly location: string;
  private readonly baseDir: string;
  private connection: SqliteConnection | undefined;
  private readonly found: StoreProblem[] = [];

  constructor(
    dbPath: string,
    private readonly options: SqliteStoreOptions = {},
  ) {
    this.location = dbPath;
    this.baseDir = dirname(dbPath);
  }

  async open(): Promise<void> {
    if (this.connection) return;
    const { db, note } = openDatabase(this.location);
    const conn = new SqliteConnection(
      db,
      this.location,
      this.options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    );
    try {
      await conn.read(() => conn.schema.load());
    } catch (err) {
      conn.close();
      throw err;
    }
    if (note) this.found.push({ path: this.location, message: note });
    this.connection = conn;
  }

  async close(): Promise<void> {
    this.connection?.close();
    this.connection = undefined;
  }

  schemaVersion(): string | undefined {
    return this.connection?.schema.version;
  }

  problems(): StoreProblem[] {
    return [...this.found];
  }

  async listExperiments(): Promise<Experiment[]> {
    const conn = this.conn();
    return conn.read(() => readExperiments(conn));
  }

  async getExperiment(experimentId: string): Promise<Experiment> {
    const conn = this.conn();
    const experiment = await conn.read(() => readExperiment(conn, experimentId));
    if (!experiment)
      throw new StoreError(
        'NOT_FOUND',
        `No experiment with id '${experimentId}' in ${this.location}`,
      );
    return experiment;
  }

  async listRuns(experimentIds: readonly string[]): Promise<Run[]> {
    const conn = this.conn();
    return conn.read(() => readRuns(conn, { experimentIds }, this.report));
  }

  /**
   * The search in SQL (searchRuns.ts): only the page's run ids are sorted out of the database, then those
   * runs are read. Declines (undefined) a query SQL cannot answer exactly: the service searches it in memory.
   */
  async searchRuns(
    experimentIds: readonly string[],
    query: RunQuery,
  ): Promise<{ runs: Run[]; nextPageToken?: string } | undefined> {
    const conn = this.conn();
    return conn.read(() => {
      const found = searchRunIds(conn, experimentIds, query, this.options.topPageMinRows);
      if (!found) return undefined;
      const byId = new Map(
        readRuns(conn, { runIds: found.ids }, this.report).map((r) => [r.info.runId, r]),
      );
      const runs = found.ids.flatMap((id) => byId.get(id) ?? []);
      return found.nextPageToken === undefined
        ? { runs }
        : { runs, nextPageToken: found.nextPageToken };
    });
  }

  /** COUNT … GROUP BY in SQL (searchRuns.ts); undefined when only the in-memory search can be exact. */
  async countRuns(
    experimentIds: readonly string[],
    query: Pick<RunQuery, 'filter' | 'viewType'>,
  ): Promise<RunCount | undefined> {
    const conn = this.conn();
    const counts = await conn.read(() =>
      countRunIds(conn, experimentIds, query.viewType, query.filter),
    );
    if (!counts) return undefined;
    let total = 0;
    for (const n of counts.values()) total += n;
    return { total, byExperiment: Object.fromEntries(counts) };
  }

  async getRun(runId: string): Promise<Run> {
    const conn = this.conn();
    const [run] = await conn.read(() => readRuns(conn, { runId }, this.report));
    if (!run) throw new StoreError('NOT_FOUND', `No run with id '${runId}' in ${this.location}`);
    return run;
  }

  async getMetricHistory(runId: string, key: string): Promise<Metric[]> {
    const conn = this.conn();
    const history = await conn.read(() =>
      conn.get('SELECT 1 AS found FROM runs WHERE run_uuid = ?', [runId])
        ? readMetricHistory(conn, runId, key)
        : undefined,
    );
    if (!history)
      throw new StoreError('NOT_FOUND', `No run with id '${runId}' in ${this.location}`);
    return history;
  }

  /** Bucketed in SQL (metricSeries.ts): only per-bucket extremes leave the database. */
  async getMetricSeries(
    runId: string,
    key: string,
    opts: MetricSeriesOptions,
  ): Promise<MetricSeries> {
    const conn = this.conn();
    const series = await conn.read(() =>
      conn.get('SELECT 1 AS found FROM runs WHERE run_uuid = ?', [runId])
        ? readMetricSeries(conn, runId, key, opts)
        : undefined,
    );
    if (!series) throw new StoreError('NOT_FOUND', `No run with id '${runId}' in ${this.location}`);
    return series;
  }

  async listArtifacts(runId: string, path: string): Promise<FileInfo[]> {
    return listLocalArtifacts(await this.runRoot(runId), path, this.report);
  }

  async readArtifact(runId: string, path: string, maxBytes: number): Promise<ArtifactBytes> {
    return readLocalArtifact(await this.runRoot(runId), path, maxBytes);
  }

  async listRegisteredModels(): Promise<RegisteredModel[]> {
    const conn = this.conn();
    return conn.read(() => readRegisteredModels(conn));
  }

  async listModelVersions(): Promise<ModelVersion[]> {
    const conn = this.conn();
    return conn.read(() => readModelVersions(conn));
  }

  async listLoggedModels(experimentIds?: readonly string[]): Promise<LoggedModel[]> {
    const conn = this.conn();
    return conn.read(() => readLoggedModels(conn, experimentIds));
  }

  /** Beyond TrackingStore: a LoggedModel's artifacts (3.x keeps the model files there, not in the run). */
  async listLoggedModelArtifacts(modelId: string, path: string): Promise<FileInfo[]> {
    return listLocalArtifacts(await this.modelRoot(modelId), path, this.report);
  }

  /** Beyond TrackingStore: reads at most `maxBytes` of one LoggedModel artifact file. */
  async readLoggedModelArtifact(
    modelId: string,
    path: string,
    maxBytes: number,
  ): Promise<ArtifactBytes> {
    return readLocalArtifact(await this.modelRoot(modelId), path, maxBytes);
  }

  async listTraces(experimentIds?: readonly string[]): Promise<TraceInfo[]> {
    const conn = this.conn();
    return conn.read(() => readTraces(conn, experimentIds));
  }

  async getTraceData(traceId: string): Promise<unknown> {
    const conn = this.conn();
    const { trace, spans } = await conn.read(() => ({
      trace: readTrace(conn, traceId),
      spans: readSpansFromTable(conn, traceId),
    }));
    if (!trace)
      throw new StoreError('NOT_FOUND', `No trace with id '${traceId}' in ${this.location}`);
    return spans ?? readTraceArtifact(trace, this.baseDir);
  }

  private readonly report = (problem: StoreProblem): void => {
    if (!this.found.some((p) => p.path === problem.path && p.message === problem.message))
      this.found.push(problem);
  };

  private conn(): SqliteConnection {
    if (!this.connection)
      throw new StoreError('INTERNAL', `SqliteStore for ${this.location} used before open()`);
    return this.connection;
  }

  private async runRoot(runId: string): Promise<string | null> {
    const conn = this.conn();
    const row = await conn.read(() =>
      conn.get<{ artifact_uri: string | null; experiment_id: string | null }>(
        'SELECT artifact_uri, CAST(experiment_id AS TEXT) AS experiment_id FROM runs WHERE run_uuid = ?',
        [runId],
      ),
    );
    if (!row) throw new StoreError('NOT_FOUND', `No run with id '${runId}' in ${this.location}`);
    return runArtifactRoot(row.artifact_uri ?? '', row.experiment_id ?? '', runId, this.baseDir);
  }

  private async modelRoot(modelId: string): Promise<string | null> {
    const conn = this.conn();
    const row = await conn.read(() => readLoggedModelLocation(conn, modelId));
    if (!row)
      throw new StoreError('NOT_FOUND', `No logged model with id '${modelId}' in ${this.location}`);
    return modelArtifactRoot(row.artifactLocation, row.experimentId, modelId, this.baseDir);
  }
}
