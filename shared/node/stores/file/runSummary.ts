/**
 * RunSummary: what listing runs needs from one run folder, independent of its experiment's state, in a
 * shape that crosses a worker boundary (structured clone) and goes into the index cache (JSON).
 * Experiment-dependent fields (experiment id, "deleted because the experiment is") are applied when a
 * Run is assembled, so moving an experiment to `.trash/` never needs a run to be re-read for that.
 */
import type {
  DatasetInput,
  Metric,
  ModelOutput,
  Run,
  RunInfo,
  StoreProblem,
} from '../../../common/types';
import type { LoadedExperiment } from './experiments';

export interface RunSummaryOk {
  ok: true;
  info: Omit<RunInfo, 'experimentId' | 'lifecycleStage'>;
  /** The run's own meta.yaml says `lifecycle_stage: deleted`. */
  deletedInMeta: boolean;
  params: Record<string, string>;
  tags: Record<string, string>;
  /**
   * The latest point of every metric, by key: the assembled Run's `data.metrics` itself, shared by
   * every Run assembled from this summary and never mutated (a copy per run was ~1.5 kB a run kept
   * twice: issue 11's 100,000-run store).
   */
  metrics: Record<string, Metric>;
  datasetInputs: DatasetInput[];
  modelOutputs: ModelOutput[];
  /** Broken parts (unreadable files, garbage metric lines); the rest of the run is good. */
  problems: StoreProblem[];
}

/** A folder that could not be read as a run (no or broken meta.yaml): left out, problems say why. */
export interface RunSummaryFailed {
  ok: false;
  problems: StoreProblem[];
}

export type RunSummary = RunSummaryOk | RunSummaryFailed;

/**
 * A summary's `metrics` from the latest point of each metric file (the last one of a key wins). The
 * points become the summary's own (both callers make them fresh), so they are not copied.
 */
export function metricsOf(latest: readonly Metric[]): Record<string, Metric> {
  const metrics: Record<string, Metric> = {};
  for (const m of latest) metrics[m.key] = m;
  return metrics;
}

/**
 * Makes each metric's `key` the very string its dictionary is keyed by. V8 keeps one copy of a property
 * name for every object that uses it, while each `key` value read from a file, the index cache or a
 * worker's message is a copy of its own: ~40 MB for 100,000 runs of 10 metrics (issue 11). For
 * summaries made or received on the thread that keeps them, before any Run shares their metrics.
 */
export function shareMetricKeys(summary: RunSummary): RunSummary {
  if (summary.ok) for (const key of Object.keys(summary.metrics)) summary.metrics[key]!.key = key;
  return summary;
}

export function assembleRun(summary: RunSummaryOk, exp: LoadedExperiment): Run {
  const deleted = exp.experiment.lifecycleStage === 'deleted' || summary.deletedInMeta;
  return {
    info: {
      ...summary.info,
      experimentId: exp.experiment.experimentId,
      lifecycleStage: deleted ? 'deleted' : 'active',
    },
    data: { metrics: summary.metrics, params: summary.params, tags: summary.tags },
    inputs: { datasetInputs: summary.datasetInputs },
    outputs: { modelOutputs: summary.modelOutputs },
  };
}

/** Metric values may be NaN/±Infinity, which JSON cannot hold: they travel as strings. */
type Encoded = number | string;

function encodeNumber(n: number): Encoded {
  return Number.isFinite(n) ? n : String(n);
}

function decodeNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === 'NaN' || v === 'Infinity' || v === '-Infinity') return Number(v);
  throw new Error('not a number');
}

/** JSON text of a summary (deterministic for equal summaries read the same way). */
export function encodeSummary(summary: RunSummary): string {
  if (!summary.ok) return JSON.stringify(summary);
  const metrics = Object.values(summary.metrics).map((m) => [
    m.key,
    encodeNumber(m.value),
    m.timestamp,
    m.step,
  ]);
  return JSON.stringify({ ...summary, metrics });
}

/** Parses `encodeSummary` text; throws on anything else (a damaged cache row is then re-read). */
export function decodeSummary(text: string): RunSummary {
  const raw = JSON.parse(text) as Record<string, unknown>;
  if (raw === null || typeof raw !== 'object' || !Array.isArray(raw['problems']))
    throw new Error('not a run summary');
  if (raw['ok'] === false) return raw as unknown as RunSummaryFailed;
  if (raw['ok'] !== true || !Array.isArray(raw['metrics']) || typeof raw['info'] !== 'object')
    throw new Error('not a run summary');
  // [key, value, timestamp, step]; rows of earlier versions add the min and max, no longer kept.
  const latest = (raw['metrics'] as unknown[][]).map(([key, value, timestamp, step]): Metric => {
    if (typeof key !== 'string' || typeof timestamp !== 'number' || typeof step !== 'number')
      throw new Error('bad metric');
    return { key, value: decodeNumber(value), timestamp, step };
  });
  return shareMetricKeys({ ...(raw as unknown as RunSummaryOk), metrics: metricsOf(latest) });
}
