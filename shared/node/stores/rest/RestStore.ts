/**
 * RestStore: a TrackingStore over an MLflow tracking server's REST API (2.x and 3.x), read-only.
 *
 * Requests are shaped as MLflow's own Python client shapes them, so every server answers as it
 * answers MLflow: `max_results` always sent (experiments/runs 1000, metric history 25,000, registry
 * 1000), pages followed until no `next_page_token`, a repeated token stopped (mlflow#23916).
 *
 * Where servers differ from the local stores' answers, the differences are made good here:
 * - SQLite-backed servers send ±inf metric values clamped to ±1.797e308: unclamped to ±Infinity;
 * - FileStore-backed servers report runs of a deleted (`.trash`) experiment as active: they are
 *   reported deleted, from the experiment's lifecycle stage;
 * - SQLite-backed servers omit version aliases outside model-versions/get: they are filled from the
 *   registered model's alias list;
 * - `metrics/get-history` of an unknown run is 200 `{}` on SQLite backends: an empty history is
 *   checked against `runs/get`, so an unknown run is NOT_FOUND everywhere.
 * Optional endpoints (3.x logged models and traces, sampled history) answer [] / null on servers that
 * do not have them. Every method takes an optional AbortSignal; `close()` cancels everything.
 */
import type { MetricSeries } from '../../../common/contract';
import { StoreError } from '../../../common/errors';
import { experimentFromJson, runFromJson } from '../../../common/mlflowJson';
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
import type { ArtifactBytes, MetricSeriesOptions, TrackingStore } from '../TrackingStore';
import { listArtifacts, readArtifact } from './artifacts';
import { HttpClient, type RestRequest } from './HttpClient';
import { EndpointMissingError, MalformedJsonError } from './httpErrors';
import { getLoggedModel, searchLoggedModels } from './loggedModels';
import { metricHistory, sampledMetricHistories, type SampledHistoryOptions } from './metricHistory';
import { restMetricSeries } from './metricSeries';
import type { RestStoreOptions } from './options';
import { collectPages, nextToken } from './paging';
import { listModelVersions, listRegisteredModels } from './registry';
import { searchRunsOnServer } from './runSearch';
import { getTraceInfo, listTraces } from './traces';
import { AJAX, API, chunks, IDS_PER_SEARCH, list, SEARCH_PAGE, unclamped, type Json } from './wire';
import { setOwn } from '../../../common/records';

export type { SampledHistoryOptions } from './metricHistory';

export class RestStore implements TrackingStore {
  readonly kind = 'rest' as const;
  readonly location: string;
  private readonly http: HttpClient;
  private version: string | null = null;
  private experiments: Map<string, Experiment> | undefined;
  /** Artifact URIs of runs seen, to read `mlflow-artifacts:` runs through the artifact proxy. */
  private readonly artifactUris = new Map<string, string>();

  constructor(url: string, options: RestStoreOptions = {}) {
    this.http = new HttpClient(url, options);
    this.location = this.http.server;
  }

  /** The server's version (GET /version), null when it has none (MLflow < 1.13) or before open(). */
  get serverVersion(): string | null {
    return this.version;
  }

  /**
   * Learns the server's version (GET /version) and lists the experiments: that read proves the URL is
   * an MLflow server and the credentials work, so a wrong URL or password shows when the store opens,
   * and the experiments' lifecycle stages are known before any run is read.
   */
  async open(signal?: AbortSignal): Promise<void> {
    try {
      const text = (
        await this.http.text({
          method: 'GET',
          path: '/version',
          endpoint: 'optional',
          accept: 'text/plain',
          signal,
        })
      ).trim();
      if (/^\d+\.\d+/.test(text) && text.length < 64) this.version = text;
    } catch (err) {
      // MLflow < 1.13 has no /version; the listing below tells an old MLflow from something else.
      if (!(err instanceof EndpointMissingError)) throw err;
    }
    try {
      await this.listExperiments(signal);
    } catch (err) {
      if (err instanceof MalformedJsonError) {
        throw new StoreError(
          'REMOTE_ERROR',
          `${this.location} is not an MLflow server (it answers, but not with MLflow's JSON) — check the URL`,
        );
      }
      throw err;
    }
  }

  async close(): Promise<void> {
    this.http.close();
  }

  schemaVersion(): string | undefined {
    return this.version ?? undefined;
  }

  problems(): StoreProblem[] {
    return [];
  }

  private major(): number | null {
    const m = this.version ? /^(\d+)\./.exec(this.version) : null;
    return m?.[1] ? Number(m[1]) : null;
  }

  private json(req: RestRequest): Promise<Json> {
    return this.http.json(req);
  }

  // ---- experiments and runs ------------------------------------------------------------------------

  async listExperiments(signal?: AbortSignal): Promise<Experiment[]> {
    const experiments = await collectPages('experiments', async (pageToken) => {
      const json = await this.json({
        method: 'GET',
        path: `${API}/experiments/search`,
        query: { max_results: SEARCH_PAGE, view_type: 'ALL', page_token: pageToken },
        signal,
      });
      return {
        items: list(json.experiments).map(experimentFromJson),
        nextPageToken: nextToken(json),
      };
    });
    this.experiments = new Map(experiments.map((e) => [e.experimentId, e]));
    return experiments;
  }

  async getExperiment(experimentId: string, signal?: AbortSignal): Promise<Experiment> {
    const json = await this.json({
      method: 'GET',
      path: `${API}/experiments/get`,
      query: { experiment_id: experimentId },
      signal,
    });
    return experimentFromJson(json.experiment);
  }

  /** Lifecycle stages of experiments, listed once per store (listExperiments refreshes it). */
  private async knownExperiments(signal?: AbortSignal): Promise<Map<string, Experiment>> {
    if (!this.experiments) await this.listExperiments(signal);
    return this.experiments ?? new Map();
  }

  private async runOf(json: unknown, signal?: AbortSignal): Promise<Run> {
    const run = runFromJson(json);
    const metrics: Record<string, Metric> = {};
    for (const [key, m] of Object.entries(run.data.metrics)) setOwn(metrics, key, unclamped(m));
    run.data.metrics = metrics;
    const experiment = (await this.knownExperiments(signal)).get(run.info.experimentId);
    if (experiment?.lifecycleStage === 'deleted') run.info.lifecycleStage = 'deleted';
    if (run.info.artifactUri) this.artifactUris.set(run.info.runId, run.info.artifactUri);
    return run;
  }

  /** `onPage`: runs loaded so far, after every page of every group (groups are listed at once). */
  async listRuns(
    experimentIds: readonly string[],
    signal?: AbortSignal,
    onPage?: (loadedSoFar: number) => void,
  ): Promise<Run[]> {
    if (experimentIds.length === 0) return [];
    await this.knownExperiments(signal);
    let loaded = 0;
    const groups = await Promise.all(
      chunks([...new Set(experimentIds)], IDS_PER_SEARCH).map((ids) =>
        collectPages(`the runs of experiments ${ids.join(', ')}`, async (pageToken) => {
          const json = await this.json({
            method: 'POST',
            path: `${API}/runs/search`,
            body: {
              experiment_ids: ids,
              run_view_type: 'ALL',
              max_results: SEARCH_PAGE,
              page_token: pageToken,
            },
            signal,
          });
          const items = await Promise.all(list(json.runs).map((r) => this.runOf(r, signal)));
          loaded += items.length;
          onPage?.(loaded);
          return { items, nextPageToken: nextToken(json) };
        }),
      ),
    );
    return groups.flat();
  }

  /**
   * One page of a run search answered by the server's runs/search (runSearch.ts); undefined when the
   * query must be searched in memory. Page tokens are the server's: valid only for the same query.
   */
  searchRuns(
    experimentIds: readonly string[],
    query: RunQuery,
    signal?: AbortSignal,
  ): Promise<{ runs: Run[]; nextPageToken?: string } | undefined> {
    const deps = {
      json: (req: RestRequest) => this.json(req),
      runOf: (json: unknown, s?: AbortSignal) => this.runOf(json, s),
      experiments: (s?: AbortSignal) => this.knownExperiments(s),
      maxIdsPerRequest: IDS_PER_SEARCH,
    };
    return searchRunsOnServer(deps, `${API}/runs/search`, experimentIds, query, signal);
  }

  async getRun(runId: string, signal?: AbortSignal): Promise<Run> {
    const json = await this.json({
      method: 'GET',
      path: `${API}/runs/get`,
      query: { run_id: runId },
      signal,
    });
    return this.runOf(json.run, signal);
  }

  async getMetricHistory(runId: string, key: string, signal?: AbortSignal): Promise<Metric[]> {
    return metricHistory(this.http, runId, key, () => this.getRun(runId, signal), signal);
  }

  /** get-history-bulk-interval when it holds the whole range, else get-history (./metricSeries.ts). */
  getMetricSeries(
    runId: string,
    key: string,
    opts: MetricSeriesOptions,
    signal?: AbortSignal,
  ): Promise<MetricSeries> {
    return restMetricSeries(this, runId, key, opts, signal);
  }

  /**
   * Sampled histories of one metric for several runs (`get-history-bulk-interval`, what MLflow's UI
   * charts use), keyed by run id and sorted by step; null when the server does not have the endpoint.
   */
  getMetricHistorySampled(
    runIds: readonly string[],
    key: string,
    options: SampledHistoryOptions = {},
    signal?: AbortSignal,
  ): Promise<Record<string, Metric[]> | null> {
    return sampledMetricHistories(this.http, runIds, key, options, signal);
  }

  // ---- artifacts -----------------------------------------------------------------------------------

  listArtifacts(runId: string, path: string, signal?: AbortSignal): Promise<FileInfo[]> {
    return listArtifacts(this.http, runId, path, signal);
  }

  readArtifact(
    runId: string,
    path: string,
    maxBytes: number,
    signal?: AbortSignal,
  ): Promise<ArtifactBytes> {
    return readArtifact(this.http, runId, path, maxBytes, this.artifactUris.get(runId), signal);
  }

  // ---- model registry ------------------------------------------------------------------------------

  listRegisteredModels(signal?: AbortSignal): Promise<RegisteredModel[]> {
    return listRegisteredModels(this.http, signal);
  }

  listModelVersions(signal?: AbortSignal): Promise<ModelVersion[]> {
    return listModelVersions(this.http, signal);
  }

  // ---- MLflow 3: logged models, traces -------------------------------------------------------------

  private async experimentIdsOr(
    experimentIds: readonly string[] | undefined,
    signal?: AbortSignal,
  ): Promise<string[]> {
    return [...new Set(experimentIds ?? [...(await this.knownExperiments(signal)).keys()])];
  }

  async listLoggedModels(
    experimentIds?: readonly string[],
    signal?: AbortSignal,
  ): Promise<LoggedModel[]> {
    const ids = await this.experimentIdsOr(experimentIds, signal);
    return searchLoggedModels(this.http, ids, this.major(), signal);
  }

  async listTraces(experimentIds?: readonly string[], signal?: AbortSignal): Promise<TraceInfo[]> {
    const ids = await this.experimentIdsOr(experimentIds, signal);
    return ids.length === 0 ? [] : listTraces(this.http, ids, this.major(), signal);
  }

  /** One LoggedModel by id (the request MLflow's own model page sends), not a search of every experiment. */
  getLoggedModel(modelId: string, signal?: AbortSignal): Promise<LoggedModel> {
    return getLoggedModel(this.http, modelId, signal);
  }

  getTraceInfo(traceId: string, signal?: AbortSignal): Promise<TraceInfo> {
    return getTraceInfo(this.http, traceId, this.major(), signal);
  }

  async getTraceData(traceId: string, signal?: AbortSignal): Promise<unknown> {
    try {
      return await this.json({
        method: 'GET',
        path: `${AJAX}/get-trace-artifact`,
        query: { request_id: traceId },
        endpoint: 'optional',
        signal,
      });
    } catch (err) {
      if (err instanceof EndpointMissingError) return null;
      throw err;
    }
  }
}
