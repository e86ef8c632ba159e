/**
 * The synthetic tracking data both generators write: a pure, deterministic function of (seed, run
 * index), so a store is byte-for-byte the same on every machine and each run's content does not depend
 * on how many other runs the store has. The shape mimics what MLflow's fluent API logs: uuid4-hex run
 * ids, the mlflow.* system tags, `v<n>` params, and metrics that drift towards a final value.
 */
import { prng } from '../../shared/common/prng';

/** The shape of one synthetic store. */
export interface Shape {
  runs: number;
  /** Experiments holding the runs (run i goes to experiment i % experiments); Default is one of them. */
  experiments: number;
  params: number;
  metrics: number;
  /** History points per metric (the last one is the latest metric). */
  steps: number;
  /** Tags per run, the mlflow.* system tags first (at least 5). */
  tags: number;
}

export type RunStatus = 'RUNNING' | 'FINISHED' | 'FAILED' | 'KILLED';

export interface SyntheticRun {
  index: number;
  runId: string;
  /** 0-based index into the store's experiments. */
  experimentIndex: number;
  name: string;
  user: string;
  status: RunStatus;
  startTime: number;
  endTime: number | null;
  params: [string, string][];
  tags: [string, string][];
}

/** Start time of run 0 (2024-06-01T00:00:00Z, like the fixtures' runs); runs start a minute apart. */
export const BASE_TIME = 1717200000000;

/** A seed for (seed, index, salt): one independent stream per run and purpose. */
export function mix(seed: number, index: number, salt = 0): number {
  let h =
    Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^
    Math.imul(index + 1, 0xc2b2ae35) ^
    Math.imul(salt + 7, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

function hex(rand: () => number, digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += Math.floor(rand() * 16).toString(16);
  return out;
}

/** `uuid.uuid4().hex`, as MLflow makes run ids: version nibble 4, variant 8..b. */
export function uuid4Hex(rand: () => number): string {
  const variant = (8 + Math.floor(rand() * 4)).toString(16);
  return `${hex(rand, 12)}4${hex(rand, 3)}${variant}${hex(rand, 15)}`;
}

/** FileStore experiment ids of MLflow 2.x: random 18-digit integers. Index 0 is Default ('0'). */
export function fileExperimentId(seed: number, index: number): string {
  if (index === 0) return '0';
  const rand = prng(mix(seed, index, 101));
  return `${1 + Math.floor(rand() * 9)}${Array.from({ length: 17 }, () => Math.floor(rand() * 10)).join('')}`;
}

export function experimentName(index: number): string {
  return index === 0 ? 'Default' : `bench-${String.fromCharCode(96 + index)}`;
}

const ADJECTIVES = [
  'bold',
  'calm',
  'eager',
  'fancy',
  'gentle',
  'happy',
  'keen',
  'lucky',
  'merry',
  'nimble',
];
const NOUNS = ['ant', 'bear', 'crow', 'doe', 'eel', 'fox', 'gnu', 'hare', 'ibis', 'jay'];
const MODELS = ['xgboost', 'lightgbm', 'logreg', 'mlp', 'prophet'];
const STAGES = ['dev', 'staging', 'prod'];

function statusOf(index: number, runs: number): RunStatus {
  if (index === runs - 1) return 'RUNNING';
  if (index % 50 === 7) return 'FAILED';
  if (index % 100 === 13) return 'KILLED';
  return 'FINISHED';
}

/** Run `index` of a store of `shape` (params p0.., tags: 5 mlflow.* ones then t5..). */
export function syntheticRun(seed: number, shape: Shape, index: number): SyntheticRun {
  const rand = prng(mix(seed, index, 1));
  const runId = uuid4Hex(rand);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const name = `${pick(ADJECTIVES)}-${pick(NOUNS)}-${index}`;
  const user = pick(['alice', 'bob', 'carol']);
  const status = statusOf(index, shape.runs);
  const startTime = BASE_TIME + index * 60_000;
  const params: [string, string][] = [];
  for (let p = 0; p < shape.params; p++) params.push([`p${p}`, `v${Math.floor(rand() * 10)}`]);
  const system: [string, string][] = [
    ['mlflow.runName', name],
    ['mlflow.user', user],
    ['mlflow.source.name', 'train.py'],
    ['mlflow.source.type', 'LOCAL'],
    ['mlflow.source.git.commit', hex(rand, 40)],
  ];
  const tags = system.slice(0, shape.tags);
  for (let t = tags.length; t < shape.tags; t++) {
    tags.push([
      `t${t}`,
      t === 5 ? pick(MODELS) : t === 6 ? pick(STAGES) : `x${Math.floor(rand() * 100)}`,
    ]);
  }
  return {
    index,
    runId,
    experimentIndex: index % shape.experiments,
    name,
    user,
    status,
    startTime,
    endTime: status === 'RUNNING' ? null : startTime + 300_000,
    params,
    tags,
  };
}

/** A metric value as Python's `str(float)` prints it (MLflow writes values that way): `0.0`, not `0`. */
export function pyFloat(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/**
 * Calls `point(timestamp, value, step)` for each point of metric `m` of a run: values drift from a
 * random start towards a random final value in [0, 1) (rounded to 6 decimals), one second per step.
 * Returns the final value, which is the latest metric.
 */
export function forEachPoint(
  seed: number,
  run: SyntheticRun,
  m: number,
  steps: number,
  point: (timestamp: number, value: number, step: number) => void,
): number {
  const rand = prng(mix(seed, run.index, 1000 + m));
  const final = Math.round(rand() * 1e6) / 1e6;
  const start = rand() * 2;
  const last = Math.max(1, steps - 1);
  let value = final;
  for (let s = 0; s < steps; s++) {
    const jitter = s === steps - 1 ? 0 : (rand() - 0.5) * 0.02;
    value =
      s === steps - 1
        ? final
        : Math.round((final + (start - final) * (1 - s / last) + jitter) * 1e6) / 1e6;
    point(run.startTime + 1000 + s * 1000 + m, value, s);
  }
  return value;
}
