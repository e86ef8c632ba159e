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
import { setOwn } from '../../../common/records';

export interface RunSummaryOk {
  ok: true;
  info: Omit<RunInfo, 'experimentId' | 'lifecycleStage'>;
  /** The run's own meta.yaml says `lifecycle_stage: deleted`. */
  deletedInMeta: boolean;
  params: Record<string, string>;
  tags: Record<string, string>;
  /**
   * The latest point of every metric, packed: key `metricKeys[i]` has its value, timestamp and step at
   * `metricPoints[3i]`, `[3i + 1]` and `[3i + 2]`. A Metric object a key cost ~90 bytes and its
   * dictionary ~40 more: 130 MB for issue 11's 100,000 runs of 10 metrics, kept for searches that read
   * one value a run (`latestValue`). Runs get their `data.metrics` when assembled (`latestMetrics`).
   */
  metricKeys: string[];
  metricPoints: number[];
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

/** The packed latest points of `latest` (the last one of a key wins), keys taken from `keys`. */
export function packLatest(
  latest: readonly Metric[],
  keys: StringPool = new StringPool(),
): Pick<RunSummaryOk, 'metricKeys' | 'metricPoints'> {
  const packer = new LatestPacker(latest.length, keys);
  for (const m of latest) packer.add(m.key, m.value, m.timestamp, m.step);
  return packer.packed();
}

/** Packs up to `count` points, the last of a key winning (packLatest, decodeSummary). */
class LatestPacker {
  private readonly metricKeys: string[] = [];
  // Unboxed doubles, sized for every point (trimmed when a key repeats).
  private readonly metricPoints: number[];
  // Keys are nearly always distinct: a Map finds a repeat only where a scan would cost more.
  private readonly slot: Map<string, number> | undefined;

  constructor(
    private readonly count: number,
    private readonly keys: StringPool,
  ) {
    this.metricPoints = new Array<number>(3 * count);
    this.slot = count > SCAN_KEYS ? new Map() : undefined;
  }

  add(key: string, value: number, timestamp: number, step: number): void {
    const { metricKeys, metricPoints, slot } = this;
    let i = slot ? slot.get(key) : metricKeys.indexOf(key);
    if (i === undefined || i < 0) {
      i = metricKeys.length;
      slot?.set(key, i);
      metricKeys.push(this.keys.get(key));
    }
    metricPoints[3 * i] = value;
    metricPoints[3 * i + 1] = timestamp;
    metricPoints[3 * i + 2] = step;
  }

  packed(): Pick<RunSummaryOk, 'metricKeys' | 'metricPoints'> {
    const { metricKeys, metricPoints } = this;
    if (metricKeys.length < this.count) metricPoints.length = 3 * metricKeys.length;
    return { metricKeys, metricPoints };
  }
}

/** Up to this many metrics a run, a repeated key is found by scanning the keys so far. */
const SCAN_KEYS = 16;

/**
 * The strings the kept summaries of one index share. Every string read from a file, the index cache or
 * a worker's message is a copy of its own, so without sharing 100,000 runs kept 100,000 copies of
 * "FINISHED", of each user name and of every metric key (issue 11). Metric keys are kept once each;
 * a tag, a param or an attribute is shared with the same field's value in the run kept before it,
 * which catches values many runs repeat at the cost of one string a field name.
 */
export class StringPool {
  private readonly keys = new Map<string, string>();
  private readonly lastParams = new Map<string, string>();
  private readonly lastTags = new Map<string, string>();
  private lastStatus = '';
  private lastUser = '';

  get(key: string): string {
    const known = this.keys.get(key);
    if (known !== undefined) return known;
    this.keys.set(key, key);
    return key;
  }

  /** Shares a kept summary's attributes, params and tags with the run kept before it, in place. */
  share(summary: RunSummaryOk): void {
    const { info } = summary;
    if (info.status === this.lastStatus) info.status = this.lastStatus as typeof info.status;
    else this.lastStatus = info.status;
    if (info.userId === this.lastUser) info.userId = this.lastUser;
    else this.lastUser = info.userId;
    shareValues(summary.params, this.lastParams);
    shareValues(summary.tags, this.lastTags);
  }
}

/** Each value, or the equal string its key had in the record seen before (`last`), in place. */
function shareValues(values: Record<string, string>, last: Map<string, string>): void {
  for (const key of Object.keys(values)) {
    const value = values[key] as string;
    const before = last.get(key);
    if (before === value) setOwn(values, key, before);
    else last.set(key, value);
  }
}

/** One empty array for every kept summary without dataset inputs, model outputs or problems. */
const NONE: never[] = [];
Object.freeze(NONE);

/**
 * A summary made or received on the thread that keeps it, made compact for keeping: its strings shared
 * (StringPool), its points in an array of unboxed doubles (a worker's message arrives as an array of boxed
 * numbers, 16 bytes more a number), its empty arrays one frozen array. Kept summaries are never mutated.
 */
export function keptSummary(summary: RunSummary, keys: StringPool): RunSummary {
  if (!summary.ok) return summary;
  summary.metricKeys = summary.metricKeys.map((k) => keys.get(k));
  summary.metricPoints = unboxed(summary.metricPoints);
  return sharedStrings(summary, keys);
}

/** keptSummary's sharing of strings and empty arrays, for a summary whose metrics are packed already. */
function sharedStrings(summary: RunSummaryOk, keys: StringPool): RunSummaryOk {
  keys.share(summary);
  const { info, tags } = summary;
  // The run name and user are often tags too.
  if (tags['mlflow.runName'] === info.runName) tags['mlflow.runName'] = info.runName;
  if (tags['mlflow.user'] === info.userId) tags['mlflow.user'] = info.userId;
  if (summary.datasetInputs.length === 0) summary.datasetInputs = NONE;
  if (summary.modelOutputs.length === 0) summary.modelOutputs = NONE;
  if (summary.problems.length === 0) summary.problems = NONE;
  return summary;
}

/** A copy of `numbers` as an array of unboxed doubles of exactly their count. */
function unboxed(numbers: readonly number[]): number[] {
  const out = new Array<number>(numbers.length);
  for (let i = 0; i < numbers.length; i++) out[i] = numbers[i] as number;
  return out;
}

/** The latest value of metric `key`, or undefined when the run has none. */
export function latestValue(summary: RunSummaryOk, key: string): number | undefined {
  const i = summary.metricKeys.indexOf(key);
  return i < 0 ? undefined : summary.metricPoints[3 * i];
}

/** The latest point of every metric, by key: a Run's `data.metrics`, made anew at every call. */
export function latestMetrics(summary: RunSummaryOk): Record<string, Metric> {
  const metrics: Record<string, Metric> = {};
  const { metricKeys: keys, metricPoints: points } = summary;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    setOwn(metrics, key, {
      key,
      value: points[3 * i] as number,
      timestamp: points[3 * i + 1] as number,
      step: points[3 * i + 2] as number,
    });
  }
  return metrics;
}

/** Whether the run is deleted: its experiment is, or its own meta.yaml says so. */
export function runDeleted(summary: RunSummaryOk, exp: LoadedExperiment): boolean {
  return exp.experiment.lifecycleStage === 'deleted' || summary.deletedInMeta;
}

export function assembleRun(summary: RunSummaryOk, exp: LoadedExperiment): Run {
  const deleted = runDeleted(summary, exp);
  return {
    info: {
      ...summary.info,
      experimentId: exp.experiment.experimentId,
      lifecycleStage: deleted ? 'deleted' : 'active',
    },
    data: { metrics: latestMetrics(summary), params: summary.params, tags: summary.tags },
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

/**
 * JSON text of a summary (deterministic for equal summaries read the same way). Its metrics are
 * `[key, value, timestamp, step]` rows, in the fields' order of earlier versions, which wrote the same
 * text: their cache rows stay valid.
 */
export function encodeSummary(summary: RunSummary): string {
  if (!summary.ok) return JSON.stringify(summary);
  const { metricKeys: keys, metricPoints: points } = summary;
  const metrics = keys.map((key, i) => [
    key,
    encodeNumber(points[3 * i] as number),
    points[3 * i + 1],
    points[3 * i + 2],
  ]);
  return JSON.stringify({
    ok: true,
    info: summary.info,
    deletedInMeta: summary.deletedInMeta,
    params: summary.params,
    tags: summary.tags,
    metrics,
    datasetInputs: summary.datasetInputs,
    modelOutputs: summary.modelOutputs,
    problems: summary.problems,
  });
}

/** Parses `encodeSummary` text; throws on anything else (a damaged cache row is then re-read). */
export function decodeSummary(text: string, keys: StringPool = new StringPool()): RunSummary {
  const raw = JSON.parse(text) as Record<string, unknown>;
  if (raw === null || typeof raw !== 'object' || !Array.isArray(raw['problems']))
    throw new Error('not a run summary');
  if (raw['ok'] === false) return raw as unknown as RunSummaryFailed;
  if (raw['ok'] !== true || !Array.isArray(raw['metrics']) || typeof raw['info'] !== 'object')
    throw new Error('not a run summary');
  // [key, value, timestamp, step]; rows of earlier versions add the min and max, no longer kept.
  const rows = raw['metrics'] as unknown[][];
  const packer = new LatestPacker(rows.length, keys);
  for (const [key, value, timestamp, step] of rows) {
    if (typeof key !== 'string' || typeof timestamp !== 'number' || typeof step !== 'number')
      throw new Error('bad metric');
    packer.add(key, decodeNumber(value), timestamp, step);
  }
  const { metricKeys, metricPoints } = packer.packed();
  // Built field by field, in readRunSummary's order: one shape for every kept summary.
  const summary: RunSummaryOk = {
    ok: true,
    info: raw['info'] as RunSummaryOk['info'],
    deletedInMeta: raw['deletedInMeta'] === true,
    params: raw['params'] as Record<string, string>,
    tags: raw['tags'] as Record<string, string>,
    metricKeys,
    metricPoints,
    datasetInputs: raw['datasetInputs'] as DatasetInput[],
    modelOutputs: raw['modelOutputs'] as ModelOutput[],
    problems: raw['problems'] as StoreProblem[],
  };
  return sharedStrings(summary, keys);
}
