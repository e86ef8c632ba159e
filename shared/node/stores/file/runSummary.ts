/**
 * RunSummary: what listing runs needs from one run folder, independent of its experiment's state, in a
 * shape that crosses a worker boundary (structured clone) and goes into the index cache (JSON).
 * Experiment-dependent fields (experiment id, "deleted because the experiment is") are applied when a
 * Run is assembled, so moving an experiment to `.trash/` never needs a run to be re-read for that.
 */
import type { DatasetInput, ModelOutput, Run, RunInfo, StoreProblem } from '../../../common/types';
import type { LoadedExperiment } from './experiments';
import type { MetricSummary } from './metricScan';

export interface RunSummaryOk {
  ok: true;
  info: Omit<RunInfo, 'experimentId' | 'lifecycleStage'>;
  /** The run's own meta.yaml says `lifecycle_stage: deleted`. */
  deletedInMeta: boolean;
  params: Record<string, string>;
  tags: Record<string, string>;
  metrics: MetricSummary[];
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

export function assembleRun(summary: RunSummaryOk, exp: LoadedExperiment): Run {
  const deleted = exp.experiment.lifecycleStage === 'deleted' || summary.deletedInMeta;
  const metrics: Run['data']['metrics'] = {};
  for (const m of summary.metrics)
    metrics[m.key] = { key: m.key, value: m.value, timestamp: m.timestamp, step: m.step };
  return {
    info: {
      ...summary.info,
      experimentId: exp.experiment.experimentId,
      lifecycleStage: deleted ? 'deleted' : 'active',
    },
    data: { metrics, params: summary.params, tags: summary.tags },
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
  const metrics = summary.metrics.map((m) => [
    m.key,
    encodeNumber(m.value),
    m.timestamp,
    m.step,
    encodeNumber(m.min),
    encodeNumber(m.max),
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
  const metrics = (raw['metrics'] as unknown[][]).map(
    ([key, value, timestamp, step, min, max]): MetricSummary => {
      if (typeof key !== 'string' || typeof timestamp !== 'number' || typeof step !== 'number')
        throw new Error('bad metric');
      return {
        key,
        value: decodeNumber(value),
        timestamp,
        step,
        min: decodeNumber(min),
        max: decodeNumber(max),
      };
    },
  );
  return { ...(raw as unknown as RunSummaryOk), metrics };
}
