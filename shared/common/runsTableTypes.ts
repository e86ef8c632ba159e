/**
 * Answers of the contract methods behind the runs table and the Open… field (countRuns,
 * getMetricRanges, completePath), kept beside contract.ts so the contract file stays a map of methods.
 */
import type { StoreKind } from './types';

/**
 * How many runs a search matches, counted without reading them (countRuns). `total` is null when the
 * store cannot count without downloading every run (a remote MLflow server: its API gives no count).
 */
export interface RunCount {
  total: number | null;
  /** Matching runs per experiment id (experiments with none are absent); null with a null total. */
  byExperiment: Record<string, number> | null;
}

/** A metric's extremes over its whole history in one run (getMetricRanges), for min/max columns. */
export interface MetricRange {
  runId: string;
  key: string;
  /** Smallest and largest finite value; null when the history has no finite value. */
  min: number | null;
  max: number | null;
  /** Points in the history, NaN and ±inf included. */
  points: number;
}

/** A directory entry offered by completePath: names only, nothing of a file's content. */
export interface PathEntry {
  name: string;
  /** Absolute path, ready for openStore. */
  path: string;
  isDir: boolean;
  /** What opening it would give, when that is visible from names alone; null: just a folder. */
  store: StoreKind | null;
}

export interface PathCompletion {
  /** The absolute folder the entries are in. */
  dir: string;
  entries: PathEntry[];
  /** More entries matched than were returned. */
  truncated: boolean;
}
