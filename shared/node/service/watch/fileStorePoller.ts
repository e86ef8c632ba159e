/**
 * Polling for an `mlruns` folder where file system events are not available (network drives, fs.watch
 * failing with ENOSPC on a huge tree) or not wanted (RUNLENS_POLL=1).
 *
 * Each scan compares what it sees with the previous scan and returns the paths (relative to the root)
 * that appeared, vanished or changed size/mtime. Directory listings are compared by name, not mtime, so
 * a file system with coarse timestamps still shows new runs. The cost is kept bounded by heat:
 * - every scan: the root and each experiment folder are listed (new/removed experiments and runs),
 *   and each experiment's meta.yaml is statted;
 * - every scan, for hot runs only (RUNNING or SCHEDULED, or changed in the last `hotForMs`): the run's
 *   meta.yaml and every file of metrics/, params/ and tags/ are statted (new metric points);
 * - every `sweepEvery` scans: every run's meta.yaml (a finished run being edited, a run resumed).
 * So a point appended to an existing metric file of a run that is not RUNNING is not seen while polling
 * (file events see it): statting every file of every run each second would not scale to 30k runs.
 * Nothing is ever written.
 */
import type { Dirent } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { mapLimit } from '../../stores/file/io';
import { pushAll } from '../../../common/arrays';

export interface PollerOptions {
  /** Every this many scans, all runs' meta.yaml are statted, not only the hot runs'. */
  sweepEvery?: number;
  /** A run stays hot this long after its last change. */
  hotForMs?: number;
  now?: () => number;
}

/** Entries of an experiment folder that are not runs, and top-level entries that are not experiments. */
const NOT_RUNS = new Set(['meta.yaml', 'tags', 'models', 'traces', 'datasets']);
const NOT_EXPERIMENTS = new Set(['models']);
/** Run folders watched file by file while the run is hot. */
const RUN_DATA_DIRS = ['metrics', 'params', 'tags'];
/** MLflow's RunStatus: RUNNING = 1, SCHEDULED = 2 (FileStore meta.yaml stores the number). */
const LIVE_STATUS = /^status:\s*'?(1|2|RUNNING|SCHEDULED)'?\s*$/m;
const RUNS_IN_FLIGHT = 32;

interface RunState {
  meta: string;
  /** Signatures of the run's data files; null while the run is cold (not watched file by file). */
  files: Map<string, string> | null;
  live: boolean;
  hotUntil: number;
}

/** size + mtime, or '' when the path is missing or unreadable (so appearing and vanishing both count). */
async function signature(path: string): Promise<string> {
  try {
    const s = await stat(path);
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return '';
  }
}

async function list(path: string): Promise<Dirent[] | null> {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch {
    return null;
  }
}

/** Every file under `dir` (relative to `base`), with its signature. */
async function fileSignatures(dir: string, rel: string, out: Map<string, string>): Promise<void> {
  const entries = await list(dir);
  if (!entries) return;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    const relPath = `${rel}/${entry.name}`;
    if (entry.isDirectory()) await fileSignatures(path, relPath, out);
    else out.set(relPath, await signature(path));
  }
}

/** Names added or removed between two listings, as paths under `prefix`. */
function listingDiff(
  before: ReadonlySet<string> | undefined,
  after: ReadonlySet<string>,
  prefix: string,
): string[] {
  if (!before) return [];
  const out: string[] = [];
  for (const name of after) if (!before.has(name)) out.push(prefix + name);
  for (const name of before) if (!after.has(name)) out.push(prefix + name);
  return out;
}

function mapDiff(
  before: ReadonlyMap<string, string>,
  after: ReadonlyMap<string, string>,
): string[] {
  const out: string[] = [];
  for (const [key, sig] of after) if (before.get(key) !== sig) out.push(key);
  for (const key of before.keys()) if (!after.has(key)) out.push(key);
  return out;
}

export class FileStorePoller {
  private readonly sweepEvery: number;
  private readonly hotForMs: number;
  private readonly now: () => number;
  private scans = 0;
  private rootNames: Set<string> | undefined;
  /** Listing of each experiment folder (and of .trash), by top-level name. */
  private readonly listings = new Map<string, Set<string>>();
  private readonly experimentMeta = new Map<string, string>();
  /** By `<experimentId>/<runId>`. */
  private readonly runs = new Map<string, RunState>();

  constructor(
    private readonly root: string,
    options: PollerOptions = {},
  ) {
    this.sweepEvery = options.sweepEvery ?? 10;
    this.hotForMs = options.hotForMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Paths changed since the previous scan, relative to the root ('' for the root itself). The first scan is the baseline. */
  async scan(): Promise<string[]> {
    const first = this.scans === 0;
    const sweep = first || this.scans % this.sweepEvery === 0;
    this.scans++;
    const entries = await list(this.root);
    if (!entries) {
      // The root vanished (unmounted drive, moved folder): everything changed, once.
      const hadRoot = this.rootNames !== undefined;
      this.reset();
      return hadRoot ? [''] : [];
    }
    const changed: string[] = [];
    const names = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
    pushAll(changed, listingDiff(this.rootNames, names, ''));
    this.rootNames = names;
    for (const key of this.listings.keys()) if (!names.has(key)) this.forgetExperiment(key);

    const experiments = [...names].filter((n) => !NOT_EXPERIMENTS.has(n));
    const runJobs: { key: string; isNew: boolean }[] = [];
    for (const name of experiments) {
      const dir = join(this.root, name);
      const children = await list(dir);
      if (!children) continue;
      const childNames = new Set(children.map((c) => c.name));
      const before = this.listings.get(name);
      pushAll(changed, listingDiff(before, childNames, `${name}/`));
      this.listings.set(name, childNames);
      if (name === '.trash') continue;
      const metaSig = await signature(join(dir, 'meta.yaml'));
      if (this.experimentMeta.has(name) && this.experimentMeta.get(name) !== metaSig)
        changed.push(`${name}/meta.yaml`);
      this.experimentMeta.set(name, metaSig);
      for (const child of children) {
        if (!child.isDirectory() || NOT_RUNS.has(child.name)) continue;
        const key = `${name}/${child.name}`;
        runJobs.push({ key, isNew: !this.runs.has(key) });
      }
      for (const key of this.runs.keys()) {
        if (key.startsWith(`${name}/`) && !childNames.has(key.slice(name.length + 1)))
          this.runs.delete(key);
      }
    }

    const now = this.now();
    const runChanges = await mapLimit(runJobs, RUNS_IN_FLIGHT, ({ key, isNew }) =>
      this.scanRun(key, isNew, sweep, now),
    );
    for (const paths of runChanges) pushAll(changed, paths);
    return first ? [] : changed;
  }

  private async scanRun(
    key: string,
    isNew: boolean,
    sweep: boolean,
    now: number,
  ): Promise<string[]> {
    const state = this.runs.get(key);
    const hot = state !== undefined && (state.live || state.hotUntil > now);
    if (!isNew && !hot && !sweep) return [];
    const dir = join(this.root, key);
    const meta = await signature(join(dir, 'meta.yaml'));
    const changed: string[] = [];
    const next: RunState = state ?? { meta, files: null, live: false, hotUntil: 0 };
    if (!state || state.meta !== meta) {
      if (state) changed.push(`${key}/meta.yaml`);
      next.meta = meta;
      next.live = await this.isLive(join(dir, 'meta.yaml'));
    }
    if (next.live || next.hotUntil > now) {
      const files = new Map<string, string>();
      for (const sub of RUN_DATA_DIRS) await fileSignatures(join(dir, sub), `${key}/${sub}`, files);
      // A run that just turned hot has no baseline yet: this listing is it.
      if (next.files) pushAll(changed, mapDiff(next.files, files));
      next.files = files;
    } else {
      next.files = null;
    }
    if (state && changed.length > 0) next.hotUntil = now + this.hotForMs;
    this.runs.set(key, next);
    return changed;
  }

  private async isLive(metaPath: string): Promise<boolean> {
    try {
      return LIVE_STATUS.test(await readFile(metaPath, 'utf8'));
    } catch {
      return false;
    }
  }

  private forgetExperiment(name: string): void {
    this.listings.delete(name);
    this.experimentMeta.delete(name);
    for (const key of this.runs.keys()) if (key.startsWith(`${name}/`)) this.runs.delete(key);
  }

  private reset(): void {
    this.rootNames = undefined;
    this.listings.clear();
    this.experimentMeta.clear();
    this.runs.clear();
  }
}
