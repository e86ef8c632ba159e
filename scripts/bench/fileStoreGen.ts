/**
 * Writes a synthetic `mlruns` folder exactly as MLflow 2.12's FileStore lays it out (checked against
 * test/fixtures/mlflow-2.12.2.dev0/mlruns): `.trash/`, `<experiment_id>/meta.yaml` (keys sorted, id
 * quoted), `<experiment_id>/<run_id>/{meta.yaml, params/, metrics/, tags/}` where each param/tag is a
 * file holding the bare value (no newline) and each metric file has one `<timestamp> <value> <step>`
 * line per point. Run folders have no `artifacts/` until something is logged, as in MLflow.
 *
 * Synchronous fs on purpose: generation is I/O bound and sync calls avoid a promise per file.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  experimentName,
  fileExperimentId,
  forEachPoint,
  pyFloat,
  type Shape,
  type SyntheticRun,
  syntheticRun,
  type RunStatus,
} from './synthetic';

/** MLflow's RunStatus enum as the FileStore stores it. */
const STATUS_CODE: Record<RunStatus, number> = { RUNNING: 1, FINISHED: 3, FAILED: 4, KILLED: 5 };

/** Experiment creation time: fixed, so stores are reproducible (MLflow would write the clock). */
const CREATED = 1717100000000;

function experimentMeta(root: string, id: string, name: string): string {
  return [
    `artifact_location: ${pathToFileURL(join(root, id)).href}`,
    `creation_time: ${CREATED}`,
    `experiment_id: '${id}'`,
    `last_update_time: ${CREATED}`,
    'lifecycle_stage: active',
    `name: ${name}`,
    '',
  ].join('\n');
}

function runMeta(root: string, experimentId: string, run: SyntheticRun): string {
  return [
    `artifact_uri: ${pathToFileURL(join(root, experimentId, run.runId, 'artifacts')).href}`,
    `end_time: ${run.endTime ?? 'null'}`,
    "entry_point_name: ''",
    `experiment_id: '${experimentId}'`,
    'lifecycle_stage: active',
    `run_id: ${run.runId}`,
    `run_name: ${run.name}`,
    `run_uuid: ${run.runId}`,
    "source_name: ''",
    'source_type: 4',
    "source_version: ''",
    `start_time: ${run.startTime}`,
    `status: ${STATUS_CODE[run.status]}`,
    'tags: []',
    `user_id: ${run.user}`,
    '',
  ].join('\n');
}

/** One metric file's text. */
export function metricFileText(seed: number, run: SyntheticRun, m: number, steps: number): string {
  const lines: string[] = [];
  forEachPoint(seed, run, m, steps, (ts, value, step) =>
    lines.push(`${ts} ${pyFloat(value)} ${step}\n`),
  );
  return lines.join('');
}

function writeKeyValues(dir: string, entries: readonly [string, string][]): void {
  mkdirSync(dir);
  for (const [key, value] of entries) writeFileSync(join(dir, key), value);
}

/**
 * The name of metric `m` of run `index`: `m<m>`, or with a key pool, the pool's keys in turn
 * (`k0000`…), so that every key of the pool is used once the store has `pool / metrics` runs.
 */
export function metricKey(index: number, m: number, metrics: number, pool?: number): string {
  if (!pool) return `m${m}`;
  return `k${String((index * metrics + m) % pool).padStart(String(pool - 1).length, '0')}`;
}

function writeRun(
  root: string,
  experimentId: string,
  seed: number,
  shape: Shape,
  run: SyntheticRun,
  keyPool?: number,
): void {
  const dir = join(root, experimentId, run.runId);
  mkdirSync(dir);
  writeFileSync(join(dir, 'meta.yaml'), runMeta(root, experimentId, run));
  writeKeyValues(join(dir, 'params'), run.params);
  writeKeyValues(join(dir, 'tags'), run.tags);
  mkdirSync(join(dir, 'metrics'));
  for (let m = 0; m < shape.metrics; m++) {
    const key = metricKey(run.index, m, shape.metrics, keyPool);
    writeFileSync(join(dir, 'metrics', key), metricFileText(seed, run, m, shape.steps));
  }
}

export interface FileStoreSpec {
  seed: number;
  shape: Shape;
  /** Extra metric `big` with this many points on run 0 (the long-history case); 0 for none. */
  bigMetricPoints: number;
  /**
   * Issue 11 (limits): metric names come from a pool of this many keys (`metricKey`) instead of
   * `m0…`: many distinct keys across the store, few per run.
   */
  metricKeyPool?: number;
}

/** Writes the store into `root` (which must not exist yet). Returns the run ids, in run order. */
export function writeFileStore(rootPath: string, spec: FileStoreSpec): string[] {
  const root = resolve(rootPath);
  const { seed, shape } = spec;
  mkdirSync(join(root, '.trash'), { recursive: true });
  const experimentIds: string[] = [];
  for (let e = 0; e < shape.experiments; e++) {
    const id = fileExperimentId(seed, e);
    experimentIds.push(id);
    mkdirSync(join(root, id));
    writeFileSync(join(root, id, 'meta.yaml'), experimentMeta(root, id, experimentName(e)));
  }
  const runIds: string[] = [];
  for (let i = 0; i < shape.runs; i++) {
    const run = syntheticRun(seed, shape, i);
    const experimentId = experimentIds[run.experimentIndex] ?? '0';
    writeRun(root, experimentId, seed, shape, run, spec.metricKeyPool);
    if (i === 0 && spec.bigMetricPoints > 0)
      writeBigMetric(join(root, experimentId, run.runId), seed, run, spec.bigMetricPoints);
    runIds.push(run.runId);
  }
  return runIds;
}

/** The long history, written in chunks so that a 1M-point file never sits in memory as one array. */
function writeBigMetric(runDir: string, seed: number, run: SyntheticRun, points: number): void {
  const path = join(runDir, 'metrics', 'big');
  let chunk: string[] = [];
  writeFileSync(path, '');
  forEachPoint(seed, run, 999, points, (ts, value, step) => {
    chunk.push(`${ts} ${pyFloat(value)} ${step}\n`);
    if (chunk.length === 65536) {
      writeFileSync(path, chunk.join(''), { flag: 'a' });
      chunk = [];
    }
  });
  writeFileSync(path, chunk.join(''), { flag: 'a' });
}
