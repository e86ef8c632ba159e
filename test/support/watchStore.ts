/**
 * Test support for the watcher tests: a temporary copy of the MLflow 3.1 FileStore fixture (the
 * fixtures themselves are never written) and MLflow-style writes into it.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const FIXTURE_MLRUNS = resolve(import.meta.dirname, '../fixtures/mlflow-3.1.2.dev0/mlruns');
/** team-a/forecasting */
export const FORECASTING = '784481848334759391';
/** prophet-09, RUNNING */
export const PROPHET_09 = 'dac96119c3b44845bd86c117fd804e5e';

export interface TempStore {
  root: string;
  dispose(): void;
}

/** Copies the fixture store, or only some of its experiments (a smaller copy is faster on slow disks). */
export function copyFixture(experimentIds?: readonly string[]): TempStore {
  const dir = mkdtempSync(join(tmpdir(), 'runlens-watch-'));
  const root = join(dir, 'mlruns');
  if (experimentIds) {
    for (const id of experimentIds)
      cpSync(join(FIXTURE_MLRUNS, id), join(root, id), { recursive: true });
  } else {
    cpSync(FIXTURE_MLRUNS, root, { recursive: true });
  }
  return { root, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Appends one metric point the way MLflow's FileStore does: `<timestamp> <value> <step>\n`. */
export function appendMetric(
  root: string,
  experimentId: string,
  runId: string,
  key: string,
  value: number,
  step: number,
): void {
  appendFileSync(
    join(root, experimentId, runId, 'metrics', key),
    `${Date.now()} ${value} ${step}\n`,
  );
}

/** Copies a run folder as a new run (new id, new name in meta.yaml and the runName tag). */
export function copyRun(
  root: string,
  experimentId: string,
  fromRunId: string,
  newRunId: string,
  newName: string,
): void {
  const target = join(root, experimentId, newRunId);
  cpSync(join(root, experimentId, fromRunId), target, { recursive: true });
  const metaPath = join(target, 'meta.yaml');
  const meta = readFileSync(metaPath, 'utf8')
    .replaceAll(fromRunId, newRunId)
    .replace(/^run_name: .*$/m, `run_name: ${newName}`);
  writeFileSync(metaPath, meta);
  writeFileSync(join(target, 'tags', 'mlflow.runName'), newName);
}
