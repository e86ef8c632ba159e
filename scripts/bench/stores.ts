/**
 * The benchmark's stores per size, generated once under `.bench/stores/` and reused: each store folder
 * holds a `marker.json` (generator version + spec) written last, so a store is regenerated when its
 * spec or the generator changed, or when an earlier generation was interrupted.
 *
 * Layout: `.bench/stores/<name>/mlruns` (FileStore) or `.bench/stores/<name>/mlflow.db` (SQLite); the
 * marker sits beside the store, never inside it, so the store holds only what MLflow would write.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileStore, type FileStoreSpec } from './fileStoreGen';
import { writeSqliteHistoryStore } from './sqliteHistoryGen';
import { writeSqliteStore, type SqliteStoreSpec } from './sqliteGen';
import { type Shape, syntheticRun } from './synthetic';

export { expectedMatches } from './filterCase';

/** Bump when the generators' output changes: every store is then regenerated. */
export const GENERATOR_VERSION = 1;

export type SizeName = 'full' | 'ci';

const SHAPE: Shape = { runs: 0, experiments: 4, params: 10, metrics: 10, steps: 100, tags: 10 };

/** 200 columns to scroll through: 100 params and 100 metrics of one point each. */
const WIDE = (runs: number): Shape => ({
  runs,
  experiments: 1,
  params: 100,
  metrics: 100,
  steps: 1,
  tags: 5,
});

export interface StoreSpecs {
  S: FileStoreSpec;
  L: FileStoreSpec;
  /** One run with the long `big` metric (a store of its own, so S and L stay the shape). */
  H: FileStoreSpec;
  /** Issue 11 (limits): one run whose `big` metric file has 10,000,000 lines (1,000,000 in CI). */
  X: FileStoreSpec;
  /** The app and CLI cases of issue 12: one experiment of S's size, as MLflow's own bench had it. */
  A: FileStoreSpec;
  /**
   * Issue 11 (limits): 100,000 runs (5,000 in CI) whose metric names, 10 a run, come from a pool of
   * 5,000 keys: every key is used, so the store has 5,000 distinct metric keys.
   */
  K: FileStoreSpec;
  /** Issue 12's large app case: one experiment of 20,000 runs (1,000 in CI), opened with an empty cache. */
  T: FileStoreSpec;
  /** Issue 12's scrolling case: 20,000 runs × 100 params × 100 metrics (1,000 runs in CI), one experiment. */
  W: SqliteStoreSpec;
  SQL: SqliteStoreSpec;
  /** Issue 8's chart case: 50 runs × 3 metrics × 10,000 steps, one experiment (the same in CI). */
  C: FileStoreSpec;
}

/** K's shape: few files a run (meta, 2 params, the 5 system tags, 10 one-line metrics). */
const KEYS_SHAPE: Shape = { runs: 0, experiments: 4, params: 2, metrics: 10, steps: 1, tags: 5 };
const KEY_POOL = 5_000;

/** The chart case's store: the on-screen scale at both sizes (43 MB). */
const CHART_SPEC: FileStoreSpec = {
  seed: 8,
  shape: { runs: 50, experiments: 1, params: 3, metrics: 3, steps: 10_000, tags: 5 },
  bigMetricPoints: 0,
};

export const SIZES: Record<SizeName, StoreSpecs> = {
  full: {
    S: { seed: 1, shape: { ...SHAPE, runs: 2_000 }, bigMetricPoints: 0 },
    L: { seed: 2, shape: { ...SHAPE, runs: 10_000 }, bigMetricPoints: 0 },
    H: { seed: 3, shape: { ...SHAPE, runs: 1, experiments: 1 }, bigMetricPoints: 1_000_000 },
    X: { seed: 6, shape: { ...SHAPE, runs: 1, experiments: 1 }, bigMetricPoints: 10_000_000 },
    A: { seed: 5, shape: { ...SHAPE, runs: 2_000, experiments: 1 }, bigMetricPoints: 0 },
    K: {
      seed: 7,
      shape: { ...KEYS_SHAPE, runs: 100_000 },
      bigMetricPoints: 0,
      metricKeyPool: KEY_POOL,
    },
    T: { seed: 7, shape: { ...SHAPE, runs: 20_000, experiments: 1 }, bigMetricPoints: 0 },
    W: { seed: 9, shape: WIDE(20_000), fullHistoryEvery: 1 },
    C: CHART_SPEC,
    SQL: {
      seed: 4,
      shape: { ...SHAPE, runs: 100_000, experiments: 5, steps: 10 },
      fullHistoryEvery: 10,
    },
  },
  ci: {
    S: { seed: 1, shape: { ...SHAPE, runs: 200 }, bigMetricPoints: 0 },
    L: { seed: 2, shape: { ...SHAPE, runs: 1_000 }, bigMetricPoints: 0 },
    H: { seed: 3, shape: { ...SHAPE, runs: 1, experiments: 1 }, bigMetricPoints: 100_000 },
    X: { seed: 6, shape: { ...SHAPE, runs: 1, experiments: 1 }, bigMetricPoints: 1_000_000 },
    A: { seed: 5, shape: { ...SHAPE, runs: 200, experiments: 1 }, bigMetricPoints: 0 },
    K: {
      seed: 7,
      shape: { ...KEYS_SHAPE, runs: 5_000 },
      bigMetricPoints: 0,
      metricKeyPool: KEY_POOL,
    },
    T: { seed: 7, shape: { ...SHAPE, runs: 1_000, experiments: 1 }, bigMetricPoints: 0 },
    W: { seed: 9, shape: WIDE(1_000), fullHistoryEvery: 1 },
    C: CHART_SPEC,
    SQL: {
      seed: 4,
      shape: { ...SHAPE, runs: 5_000, experiments: 5, steps: 10 },
      fullHistoryEvery: 10,
    },
  },
};

export interface BenchStore {
  /** The path to open: an `mlruns` folder or an `mlflow.db` file. */
  path: string;
  runs: number;
  /** Seconds spent generating it now; 0 when reused. */
  generatedSeconds: number;
}

export interface BenchStores {
  S: BenchStore;
  L: BenchStore;
  H: BenchStore & { runId: string; key: string; points: number };
  X: BenchStore & { runId: string; key: string; points: number };
  A: BenchStore;
  K: BenchStore & { keys: number };
  T: BenchStore;
  W: BenchStore;
  C: BenchStore;
  /** H's long history in a SQLite store. */
  HSQL: BenchStore & { runId: string; key: string; points: number };
  SQL: BenchStore;
}

function nameOf(kind: string, spec: FileStoreSpec | SqliteStoreSpec): string {
  const s = spec.shape;
  const big =
    'bigMetricPoints' in spec && spec.bigMetricPoints > 0 ? `-big${spec.bigMetricPoints}` : '';
  const pool = 'metricKeyPool' in spec && spec.metricKeyPool ? `-pool${spec.metricKeyPool}` : '';
  return `${kind}-${s.runs}r-${s.params}p-${s.metrics}m-${s.steps}s-${s.tags}t${big}${pool}`;
}

/**
 * Generates the store in `dir` unless its marker matches; returns seconds spent (0 when reused). The
 * store is written in place (its paths are absolute) and the marker last, so a half-written store has
 * no marker and is regenerated.
 */
function ensure(dir: string, spec: object, generate: (dir: string) => void): number {
  const marker = JSON.stringify({ generatorVersion: GENERATOR_VERSION, spec });
  const markerPath = join(dir, 'marker.json');
  if (existsSync(markerPath) && readFileSync(markerPath, 'utf8') === marker) return 0;
  const started = performance.now();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  generate(dir);
  writeFileSync(markerPath, marker);
  return (performance.now() - started) / 1000;
}

/**
 * Whether store `key` is measured by a case `--only` selects (case ids start with their store's key:
 * `L.peakRss`, `HSQL.series`); without `--only`, every store is. A store no case reads is not
 * generated: K alone is 100,000 run folders.
 */
export function storeWanted(key: string, only: readonly string[] | undefined): boolean {
  return !only || only.some((o) => `${key}.`.startsWith(o) || o.startsWith(`${key}.`));
}

/**
 * Makes sure every store of `size` that `only` (run.mjs's `--only`) needs exists under
 * `benchDir`/stores. `schemaSql` is MLflow 2.12's DDL (the fixture's schema.sql). Paths in the stores
 * are absolute (as MLflow writes them), so the stores are generated where they are read.
 */
export function ensureStores(
  benchDir: string,
  size: SizeName,
  schemaSql: string,
  log: (line: string) => void,
  only?: readonly string[],
): BenchStores {
  const specs = SIZES[size];
  const root = join(benchDir, 'stores');
  const fileStore = (key: 'S' | 'L' | 'H' | 'X' | 'A' | 'K' | 'T' | 'C'): BenchStore => {
    const spec = specs[key];
    // A, T and C have one experiment: their own folder name (A and T share S's shape and would regenerate each other).
    const oneExperiment = key === 'A' || key === 'T' || key === 'C';
    const dir = join(root, nameOf(oneExperiment ? 'file-1exp' : 'file', spec));
    const path = join(dir, 'mlruns');
    if (!storeWanted(key, only)) return { path, runs: spec.shape.runs, generatedSeconds: 0 };
    log(`store ${key}: ${spec.shape.runs} runs (FileStore) …`);
    const seconds = ensure(dir, spec, (d) => void writeFileStore(join(d, 'mlruns'), spec));
    log(seconds > 0 ? `  generated in ${seconds.toFixed(1)} s` : '  reused');
    return { path, runs: spec.shape.runs, generatedSeconds: seconds };
  };
  const S = fileStore('S');
  const L = fileStore('L');
  const H = fileStore('H');
  const X = fileStore('X');
  const A = fileStore('A');
  const K = fileStore('K');
  const T = fileStore('T');
  const C = fileStore('C');
  const sqliteStore = (key: 'SQL' | 'W'): BenchStore => {
    const spec = specs[key];
    const dir = join(root, nameOf(key === 'W' ? 'sqlite-wide' : 'sqlite', spec));
    const path = join(dir, 'mlflow.db');
    if (!storeWanted(key, only)) return { path, runs: spec.shape.runs, generatedSeconds: 0 };
    log(`store ${key}: ${spec.shape.runs} runs (SQLite, MLflow 2.12 schema) …`);
    const seconds = ensure(dir, { ...spec, schemaSql }, (d) =>
      writeSqliteStore(join(d, 'mlflow.db'), schemaSql, spec),
    );
    log(seconds > 0 ? `  generated in ${seconds.toFixed(1)} s` : '  reused');
    return { path, runs: spec.shape.runs, generatedSeconds: seconds };
  };
  const SQL = sqliteStore('SQL');
  const W = sqliteStore('W');
  const hs = { seed: specs.H.seed, shape: specs.H.shape, points: specs.H.bigMetricPoints };
  const hsDir = join(root, `sqlite-history-${hs.points}`);
  let hsSeconds = 0;
  if (storeWanted('HSQL', only)) {
    log(`store HSQL: ${hs.points} points in one SQLite run …`);
    hsSeconds = ensure(
      hsDir,
      { ...hs, schemaSql },
      (d) => void writeSqliteHistoryStore(join(d, 'mlflow.db'), schemaSql, hs),
    );
    log(hsSeconds > 0 ? `  generated in ${hsSeconds.toFixed(1)} s` : '  reused');
  }
  return {
    S,
    L,
    A,
    K: { ...K, keys: specs.K.metricKeyPool ?? specs.K.shape.metrics },
    T,
    C,
    W,
    H: {
      ...H,
      runId: syntheticRun(specs.H.seed, specs.H.shape, 0).runId,
      key: 'big',
      points: specs.H.bigMetricPoints,
    },
    X: {
      ...X,
      runId: syntheticRun(specs.X.seed, specs.X.shape, 0).runId,
      key: 'big',
      points: specs.X.bigMetricPoints,
    },
    HSQL: {
      path: join(hsDir, 'mlflow.db'),
      runs: 1,
      generatedSeconds: hsSeconds,
      runId: syntheticRun(hs.seed, hs.shape, 0).runId,
      key: 'big',
      points: hs.points,
    },
    SQL,
  };
}
