/**
 * What a batch of changed paths in an `mlruns` folder means to the UI: which experiments and runs to
 * refetch. The layout (see shared/MLFLOW.md) is `<root>/<experimentId>/<runId>/…`, with experiment
 * level entries beside the runs (`meta.yaml`, `tags/`, and 3.x `models/`, `traces/`, `datasets/`),
 * the model registry in `<root>/models/` and deleted experiments in `<root>/.trash/`.
 */
import { sep } from 'node:path';

/** A storeChanged event's payload, without the store id. */
export interface StoreChange {
  /** Experiments whose runs (or logged models, traces) may have changed; null: any. */
  experimentIds: string[] | null;
  /** Runs known to have changed or vanished; null: unknown which. */
  runIds: string[] | null;
  /** The experiment list itself (names, tags, lifecycle, new or removed experiments) may have changed. */
  experimentsChanged: boolean;
}

/** "Something changed, refetch everything": SQLite stores, or a change at the root itself. */
export const EVERYTHING: StoreChange = {
  experimentIds: null,
  runIds: null,
  experimentsChanged: true,
};

/** Entries of an experiment folder that are not runs. */
const EXPERIMENT_META = new Set(['meta.yaml', 'tags']);
const EXPERIMENT_CONTENT = new Set(['models', 'traces', 'datasets']);
/** Top-level entries that are not experiments. */
const REGISTRY_DIR = 'models';
const TRASH_DIR = '.trash';

class Accumulator {
  private readonly experiments = new Set<string>();
  private readonly runs = new Set<string>();
  private anyExperiment = false;
  private anyRun = false;
  private experimentsChanged = false;

  experiment(id: string, runsUnknown: boolean): void {
    this.experiments.add(id);
    if (runsUnknown) this.anyRun = true;
  }

  run(experimentId: string, runId: string): void {
    this.experiments.add(experimentId);
    this.runs.add(runId);
  }

  everything(): void {
    this.anyExperiment = true;
    this.anyRun = true;
    this.experimentsChanged = true;
  }

  experimentList(): void {
    this.experimentsChanged = true;
  }

  result(): StoreChange {
    return {
      experimentIds: this.anyExperiment ? null : [...this.experiments].sort(),
      runIds: this.anyRun ? null : [...this.runs].sort(),
      experimentsChanged: this.experimentsChanged,
    };
  }
}

/** Classifies paths relative to the store root (either separator); '' is the root itself. */
export function classifyPaths(relativePaths: Iterable<string>): StoreChange {
  const acc = new Accumulator();
  for (const path of relativePaths) {
    const parts = path.split(sep === '/' ? '/' : /[\\/]/).filter((p) => p !== '' && p !== '.');
    const [top, second] = parts;
    if (top === undefined) {
      acc.everything();
    } else if (top === REGISTRY_DIR) {
      // The registry holds no runs or experiments: nothing the runs table shows changes.
      continue;
    } else if (top === TRASH_DIR) {
      // An experiment moved in or out of the trash (deleted or restored): its runs' stage changes too.
      acc.experimentList();
      if (second === undefined) acc.everything();
      else acc.experiment(second, true);
    } else if (second === undefined) {
      acc.experimentList();
      acc.experiment(top, true);
    } else if (EXPERIMENT_META.has(second)) {
      acc.experimentList();
      // Runs of a deleted experiment are reported deleted: they change with the experiment's meta.
      acc.experiment(top, true);
    } else if (EXPERIMENT_CONTENT.has(second)) {
      acc.experiment(top, false);
    } else {
      acc.run(top, second);
    }
  }
  return acc.result();
}

/** Joins two changes (null absorbs, lists are unioned). */
export function mergeChanges(a: StoreChange, b: StoreChange): StoreChange {
  const union = (x: string[] | null, y: string[] | null): string[] | null =>
    x === null || y === null ? null : [...new Set([...x, ...y])].sort();
  return {
    experimentIds: union(a.experimentIds, b.experimentIds),
    runIds: union(a.runIds, b.runIds),
    experimentsChanged: a.experimentsChanged || b.experimentsChanged,
  };
}

/** True when the change touches nothing (e.g. only the model registry). */
export function isEmptyChange(change: StoreChange): boolean {
  return (
    !change.experimentsChanged &&
    change.experimentIds !== null &&
    change.experimentIds.length === 0 &&
    change.runIds !== null &&
    change.runIds.length === 0
  );
}
