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
import { sortHistory, unclampInfinity } from '../../../common/metrics';
import {
  experimentFromJson,
  loggedModelFromJson,
  metricFromJson,
  modelVersionFromJson,
  registeredModelFromJson,
  runFromJson,
} from '../../../common/mlflowJson';
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
import { restMetricSeries } from './metricSeries';
import { HttpClient, type RestRequest } from './HttpClient';
import { EndpointMissingError, MalformedJsonError } from './httpErrors';
import type { RestStoreOptions } from './options';
import { collectPages, nextToken } from './paging';
import { searchRunsOnServer } from './runSearch';
import { getTraceInfo, listTraces } from './traces';

const API = '/api/2.0/mlflow';
const AJAX = '/ajax-api/2.0/mlflow';
/** MLflow's client: GET_METRIC_HISTORY_MAX_RESULTS. */
export const HISTORY_PAGE = 25_000;
const SEARCH_PAGE = 1000;
const LOGGED_MODELS_PAGE = 50;
/** Experiment ids per runs/search request, so that a request body stays small. */
const IDS_PER_SEARCH = 100;
/** get-history-bulk-interval limits (MLflow's server rejects more). */
const SAMPLED_MAX_RUNS = 100;
const SAMPLED_MAX_POINTS = 2500;

export interface SampledHistoryOptions {
  startStep?: number;
  endStep?: number;
  /** Points per run, at most 2500 (larger values are lowered to 2500). */
  maxResults?: number;
}

type Json = Record<string, unknown>;

function list(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function unclamped<T extends Metric>(m: T): T {
  return { ...m, value: unclampInfinity(m.value) };
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

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
    for (const [key, m] of Object.entries(run.data.metrics)) metrics[key] = unclamped(m);
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
    const points = await collectPages(`metric '${key}' of run ${runId}`, async (pageToken) => {
      const json = await this.json({
        method: 'GET',
        path: `${API}/metrics/get-history`,
        query: { run_id: runId, metric_key: key, max_results: HISTORY_PAGE, page_token: pageToken },
        signal,
      });
      return {
        items: list(json.metrics).map((m) => unclamped(metricFromJson(m))),
        nextPageToken: nextToken(json),
      };
    });
    // SQLite-backed servers answer an unknown run with 200 {}: only runs/get tells it from an unknown key.
    if (points.length === 0) await this.getRun(runId, signal);
    return sortHistory(points);
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
  async getMetricHistorySampled(
    runIds: readonly string[],
    key: string,
    options: SampledHistoryOptions = {},
    signal?: AbortSignal,
  ): Promise<Record<string, Metric[]> | null> {
    const out: Record<string, Metric[]> = {};
    for (const id of runIds) out[id] = [];
    const maxResults =
      options.maxResults === undefined
        ? undefined
        : Math.min(SAMPLED_MAX_POINTS, Math.max(1, options.maxResults));
    try {
      await Promise.all(
        chunks([...new Set(runIds)], SAMPLED_MAX_RUNS).map(async (ids) => {
          const json = await this.json({
            method: 'GET',
            path: `${AJAX}/metrics/get-history-bulk-interval`,
            query: {
              run_ids: ids,
              metric_key: key,
              start_step: options.startStep,
              end_step: options.endStep,
              max_results: maxResults,
            },
            endpoint: 'optional',
            signal,
          });
          for (const m of list(json.metrics)) {
            const runId = String((m as Json).run_id ?? '');
            (out[runId] ??= []).push(unclamped(metricFromJson(m)));
          }
        }),
      );
    } catch (err) {
      if (err instanceof EndpointMissingError) return null;
      throw err;
    }
    for (const points of Object.values(out)) sortHistory(points);
    return out;
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

  async listRegisteredModels(signal?: AbortSignal): Promise<RegisteredModel[]> {
    const models = await collectPages('registered models', async (pageToken) => {
      const json = await this.json({
        method: 'GET',
        path: `${API}/registered-models/search`,
        query: { max_results: SEARCH_PAGE, page_token: pageToken },
        signal,
      });
      return {
        items: list(json.registered_models).map(registeredModelFromJson),
        nextPageToken: nextToken(json),
      };
    });
    for (const m of models) m.latestVersions = m.latestVersions.map((v) => withModelAliases(v, m));
    return models;
  }

  async listModelVersions(signal?: AbortSignal): Promise<ModelVersion[]> {
    const [versions, models] = await Promise.all([
      collectPages('model versions', async (pageToken) => {
        const json = await this.json({
          method: 'GET',
          path: `${API}/model-versions/search`,
          query: { max_results: SEARCH_PAGE, page_token: pageToken },
          signal,
        });
        return {
          items: list(json.model_versions).map(modelVersionFromJson),
          nextPageToken: nextToken(json),
        };
      }),
      this.listRegisteredModels(signal),
    ]);
    const byName = new Map(models.map((m) => [m.name, m]));
    return versions
      .filter((v) => v.currentStage !== 'Deleted_Internal')
      .map((v) => {
        const model = byName.get(v.name);
        return model ? withModelAliases(v, model) : v;
      });
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
    const major = this.major();
    if (major !== null && major < 3) return [];
    const ids = await this.experimentIdsOr(experimentIds, signal);
    if (ids.length === 0) return [];
    try {
      const groups = await Promise.all(
        chunks(ids, IDS_PER_SEARCH).map((group) =>
          collectPages('logged models', async (pageToken) => {
            const json = await this.json({
              method: 'POST',
              path: `${API}/logged-models/search`,
              body: {
                experiment_ids: group,
                max_results: LOGGED_MODELS_PAGE,
                page_token: pageToken,
              },
              endpoint: 'optional',
              signal,
            });
            const items = list(json.models).map((m) => {
              const model = loggedModelFromJson(m);
              return { ...model, metrics: model.metrics.map(unclamped) };
            });
            return { items, nextPageToken: nextToken(json) };
          }),
        ),
      );
      return groups.flat();
    } catch (err) {
      if (err instanceof EndpointMissingError) return [];
      throw err;
    }
  }

  async listTraces(experimentIds?: readonly string[], signal?: AbortSignal): Promise<TraceInfo[]> {
    const ids = await this.experimentIdsOr(experimentIds, signal);
    return ids.length === 0 ? [] : listTraces(this.http, ids, this.major(), signal);
  }

  /** One LoggedModel by id (the request MLflow's own model page sends), not a search of every experiment. */
  async getLoggedModel(modelId: string, signal?: AbortSignal): Promise<LoggedModel> {
    try {
      const json = await this.json({
        method: 'GET',
        path: `${API}/logged-models/${encodeURIComponent(modelId)}`,
        endpoint: 'optional',
        signal,
      });
      const model = loggedModelFromJson(json.model);
      return { ...model, metrics: model.metrics.map(unclamped) };
    } catch (err) {
      if (err instanceof EndpointMissingError)
        throw new StoreError('NOT_FOUND', 'This server has no logged models (they need MLflow 3).');
      throw err;
    }
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

/** A version's aliases, completed from its model's alias list (SQLite-backed servers leave them out). */
function withModelAliases(v: ModelVersion, model: RegisteredModel): ModelVersion {
  const aliases = new Set(v.aliases);
  for (const a of model.aliases) if (a.version === v.version) aliases.add(a.alias);
  return { ...v, aliases: [...aliases].sort() };
}
