/**
 * The in-memory index of a FileStore's runs, per experiment, backed by the persistent IndexCache.
 *
 * An experiment is indexed the first time its runs are listed: its run folders are listed, each one is
 * checked against the fingerprint of its cached summary (fingerprint.ts) and read only when that no
 * longer matches, in worker threads when there is much to read (parsePool.ts). Afterwards lists are served
 * from memory until `refresh()` re-checks what changed; experiments themselves are read fresh every time
 * (a few small files), so renames and moves to `.trash/` never wait for a refresh.
 */
import { sep } from 'node:path';
import type { RunCount } from '../../../../common/contract';
import {
  inView,
  runMatcher,
  searchRows,
  type RunFilter,
  type RunQuery,
  type RunReader,
} from '../../../../common/search/index';
import type { Run, ViewType } from '../../../../common/types';
import type { StoreChanges } from '../../TrackingStore';
import type { LoadedExperiment } from '../experiments';
import type { ProblemLog } from '../io';
import {
  assembleRun,
  encodeSummary,
  StringPool,
  keptSummary,
  latestValue,
  runDeleted,
  type RunSummary,
  type RunSummaryOk,
} from '../runSummary';
import { type CachedFolder, CachedFolders, type Entry, fingerprintOf } from './cachedFolders';
import type { CachedRun, CacheUpsert, IndexCache } from './IndexCache';
import type { ParsePool } from './parsePool';
import type { RunTask, RunTaskResult } from './runTask';
import { pathScope, type Scope } from './pathScope';
import { ShownRuns } from './shownRuns';
import { slashRelative } from './slashRelative';
import { ownValue } from '../../../../common/records';
import { pushAll } from '../../../../common/arrays';

export type { Entry };

interface ExperimentState {
  dir: string;
  rel: string;
  experimentId: string;
  deleted: boolean;
  /** By run folder (relative to the root), in listing order. */
  runs: Map<string, Entry>;
}

/** What a refresh found (the TrackingStore's StoreChanges). */
export type RefreshResult = StoreChanges;

/** What has to be done for one experiment. */
interface Job {
  exp: LoadedExperiment;
  /** List its folder again (runs may have come or gone). */
  relist: boolean;
  /** Run folders (relative) to check by fingerprint; 'all' = every one. */
  check: ReadonlySet<string> | 'all';
}

export interface IndexStats {
  /** Run folders read (not served from a matching fingerprint) since this index was made. */
  runsRead: number;
  /** Run folders whose fingerprint was checked and matched. */
  runsReused: number;
  /** Checks and reads done by worker threads (the rest ran in the calling thread). */
  tasksInWorkers: number;
  /** Summaries decoded from the cache (once per run, whether the preview or the exact open asked). */
  summariesDecoded: number;
}

function experimentsSignature(experiments: readonly LoadedExperiment[]): string {
  return JSON.stringify(experiments.map((e) => [e.dir, e.experiment]));
}

export class RunIndex {
  private readonly states = new Map<string, ExperimentState>();
  private lastExperiments: string | undefined;
  private pruned = false;
  /** The last queued task's end; it holds no answer (a listing of 100,000 Runs must not outlive its use). */
  private queue: Promise<void> = Promise.resolve();
  /** Every metric key of the summaries kept, once. */
  private readonly keys = new StringPool();
  /** A read run's result as kept, made as it arrives (ParsePool.run). */
  private readonly kept = (r: RunTaskResult): RunTaskResult =>
    r.same ? r : { ...r, summary: keptSummary(r.summary, this.keys) };
  /**
   * Cached rows of experiment folders (by folder, relative) not indexed yet, with their summaries being
   * decoded: read and decoded once, whether the preview (`cachedPage`) or the exact open (`update`)
   * asks first; the other one shares the work. The exact open takes the folder out when it installs it.
   */
  private readonly cachedFolders: CachedFolders;
  readonly stats: IndexStats = {
    runsRead: 0,
    runsReused: 0,
    tasksInWorkers: 0,
    summariesDecoded: 0,
  };

  constructor(
    private readonly root: string,
    private readonly cache: IndexCache | null,
    private readonly log: ProblemLog,
    private readonly listRunDirs: (experimentDir: string) => Promise<string[]>,
    private readonly pool: ParsePool,
  ) {
    this.cachedFolders = new CachedFolders(
      cache,
      (runRel) => this.abs(runRel),
      this.stats,
      this.keys,
    );
  }

  /** Runs of `wanted` (a subset of `all`, the store's experiments as just read), indexing them if new. */
  runs(wanted: readonly LoadedExperiment[], all: readonly LoadedExperiment[]): Promise<Run[]> {
    return this.serialized(async () => {
      await this.indexNew(wanted, all);
      return wanted.flatMap((exp) => this.assembled(exp));
    });
  }

  /**
   * `searchParsedRuns` over the runs of `wanted` in the query's view, as `runs()` would list them, with
   * Runs assembled for the page only: a search reads the kept summaries (issue 11: assembling and
   * keeping 100,000 Runs for every listing was ~60 MB, and their metrics ~130 MB more).
   */
  search(
    wanted: readonly LoadedExperiment[],
    all: readonly LoadedExperiment[],
    query: Pick<RunQuery, 'filter' | 'orderBy' | 'maxResults' | 'pageToken' | 'viewType'>,
  ): Promise<{ runs: Run[]; nextPageToken?: string }> {
    return this.serialized(async () => {
      await this.indexNew(wanted, all);
      const { items, nextPageToken } = searchRows(
        INDEXED,
        this.inView(wanted, query.viewType),
        query,
      );
      const runs = items.map((r) => assembleRun(r.summary, r.exp));
      return nextPageToken === undefined ? { runs } : { runs, nextPageToken };
    });
  }

  /** countListedRuns over what `runs()` would list, without assembling a Run. */
  count(
    wanted: readonly LoadedExperiment[],
    all: readonly LoadedExperiment[],
    filter: RunFilter,
    viewType: ViewType,
  ): Promise<RunCount> {
    return this.serialized(async () => {
      await this.indexNew(wanted, all);
      const matches = runMatcher(INDEXED, filter);
      const byExperiment: Record<string, number> = {};
      let total = 0;
      for (const exp of wanted) {
        const state = this.states.get(exp.experiment.experimentId);
        if (!state) continue;
        // One row object, refilled: a count keeps no row.
        const row = { summary: undefined as unknown as RunSummaryOk, exp };
        let n = 0;
        for (const { summary } of state.runs.values()) {
          if (!listedIn(summary, exp, viewType)) continue;
          row.summary = summary;
          if (matches(row)) n++;
        }
        if (n > 0) byExperiment[exp.experiment.experimentId] = n;
        total += n;
      }
      return { total, byExperiment };
    });
  }

  private async indexNew(
    wanted: readonly LoadedExperiment[],
    all: readonly LoadedExperiment[],
  ): Promise<void> {
    const jobs = wanted
      .filter((e) => this.states.get(e.experiment.experimentId)?.dir !== e.dir)
      .map((exp): Job => ({ exp, relist: true, check: 'all' }));
    if (jobs.length > 0) await this.update(jobs, all);
    this.lastExperiments ??= experimentsSignature(all);
  }

  /** The indexed runs of `wanted` in `viewType`, in listing order. */
  private inView(wanted: readonly LoadedExperiment[], viewType: ViewType): IndexedRun[] {
    const out: IndexedRun[] = [];
    for (const exp of wanted) {
      const state = this.states.get(exp.experiment.experimentId);
      if (state) addInView(out, exp, state.runs.values(), viewType);
    }
    return out;
  }

  /**
   * The first page of `query` (no page token) over the runs of `wanted` as last known, without looking
   * at the disk: from memory where indexed, else from the cache's summaries (a launch before); only the
   * page's Runs are assembled. Undefined when an experiment has neither. Not queued behind
   * `runs()`/`refresh()`, so a first screen never waits for the validation those do; it installs
   * nothing, so the next `runs()` still checks everything, but the summaries it decoded are handed to
   * that check rather than read and decoded again.
   */
  async cachedPage(
    wanted: readonly LoadedExperiment[],
    query: Pick<RunQuery, 'filter' | 'orderBy' | 'maxResults' | 'viewType'>,
  ): Promise<Run[] | undefined> {
    const known = await this.lastKnown(wanted);
    if (!known) return undefined;
    const rows: IndexedRun[] = [];
    for (const { exp, entries } of known) addInView(rows, exp, entries, query.viewType);
    const { items } = searchRows(INDEXED, rows, {
      filter: query.filter,
      orderBy: query.orderBy,
      maxResults: query.maxResults,
    });
    return items.map((r) => assembleRun(r.summary, r.exp));
  }

  /** The entries of `wanted` as last known (memory, else the cache's), without looking at the disk. */
  private async lastKnown(
    wanted: readonly LoadedExperiment[],
  ): Promise<{ exp: LoadedExperiment; entries: Iterable<Entry> }[] | undefined> {
    const out: { exp: LoadedExperiment; entries: Iterable<Entry> }[] = [];
    const inMemory = (exp: LoadedExperiment) => {
      const state = this.states.get(exp.experiment.experimentId);
      return state?.dir === exp.dir ? state.runs.values() : undefined;
    };
    for (const exp of wanted) {
      const memory = inMemory(exp);
      if (memory) {
        out.push({ exp, entries: memory });
        continue;
      }
      const folder = this.cachedFolders.get(this.rel(exp.dir));
      if (!folder || folder.rows.size === 0) return undefined;
      const entries = await folder.entries;
      // Indexed meanwhile (the exact open finished first): its answer is as cheap and exact.
      out.push({ exp, entries: inMemory(exp) ?? entries.values() });
    }
    return out;
  }

  /**
   * Reads ahead the cached runs of `likely` (most likely first) that are not indexed yet, up to
   * `maxRuns` in all, so a first `cachedPage()` finds them decoded; see CachedFolders.warm.
   */
  warmUp(likely: readonly LoadedExperiment[], maxRuns: number): Promise<void> {
    const rels = likely
      .filter((e) => this.states.get(e.experiment.experimentId)?.dir !== e.dir)
      .map((e) => this.rel(e.dir));
    return this.cachedFolders.warm(rels, maxRuns);
  }

  /**
   * The folder of a run this index has read (as of its last look at the disk), or undefined: a chart of
   * 150 series finds its runs here instead of looking through every experiment for each.
   */
  knownRunDir(runId: string): string | undefined {
    for (const state of this.states.values()) {
      const folder = `${state.rel}/${runId}`;
      if (state.runs.has(folder)) return this.abs(folder);
    }
    return undefined;
  }

  /**
   * Re-checks the indexed experiments against `all` (just read): every run by stat, or with
   * `changedPaths` only the runs and experiment folders those paths are in. Unchanged runs are not read.
   */
  refresh(
    all: readonly LoadedExperiment[],
    changedPaths?: readonly string[],
  ): Promise<RefreshResult> {
    return this.serialized(async () => {
      const signature = experimentsSignature(all);
      // Never listed before: whether it changed is unknown, so say it did (a re-fetch is harmless).
      const experimentsChanged = signature !== this.lastExperiments;
      this.lastExperiments = signature;
      const byId = new Map(all.map((e) => [e.experiment.experimentId, e]));
      const scope: Scope | undefined = changedPaths && pathScope(this.root, changedPaths);
      const before = new ShownRuns();
      const jobs: Job[] = [];
      const affected: string[] = [];
      for (const [id, state] of this.states) {
        const exp = byId.get(id);
        const moved = !exp || exp.dir !== state.dir;
        const lifecycle = !!exp && (exp.experiment.lifecycleStage === 'deleted') !== state.deleted;
        const touched = scope?.get(state.rel);
        if (!moved && !lifecycle && scope && !touched) continue;
        affected.push(id);
        for (const [folder, entry] of state.runs)
          before.add(folder, entry, state.experimentId, state.deleted);
        if (!exp) {
          this.states.delete(id);
          this.cache?.write([], [...state.runs.keys()]);
          continue;
        }
        if (moved || !scope) jobs.push({ exp, relist: true, check: 'all' });
        else if (touched) {
          // A path in a run folder this index does not know: a new run, which a listing finds.
          const unknown =
            touched.check !== 'all' && [...touched.check].some((r) => !state.runs.has(r));
          jobs.push({ exp, relist: touched.relist || unknown, check: touched.check });
        } else
          this.states.set(id, { ...state, deleted: exp.experiment.lifecycleStage === 'deleted' });
      }
      if (jobs.length > 0) await this.update(jobs, all);
      const after = new ShownRuns();
      for (const id of affected) {
        const state = this.states.get(id);
        for (const [folder, entry] of state?.runs ?? [])
          after.add(folder, entry, state?.experimentId ?? id, state?.deleted ?? false);
      }
      return { ...before.changesTo(after), experimentsChanged };
    });
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }

  /** The runs of an indexed experiment, assembled anew (the index keeps summaries, not Runs). */
  private assembled(exp: LoadedExperiment): Run[] {
    const out: Run[] = [];
    for (const entry of this.states.get(exp.experiment.experimentId)?.runs.values() ?? [])
      if (entry.summary.ok) out.push(assembleRun(entry.summary, exp));
    return out;
  }

  private rel(path: string): string {
    return slashRelative(this.root, path);
  }

  /**
   * Brings the jobs' experiments up to date: lists, checks, reads, records problems, and asks for the
   * cache to be written (in slices, after: no answer waits for it; see IndexCache.write).
   * Cached summaries are decoded while the workers check fingerprints (they need only those), so a warm
   * open costs about the longer of the two rather than their sum.
   */
  private async update(jobs: readonly Job[], all: readonly LoadedExperiment[]): Promise<void> {
    const tasks: RunTask[] = [];
    const plans: Plan[] = [];
    const listings = new Map<Job, string[]>();
    for (const job of jobs) {
      const current = this.states.get(job.exp.experiment.experimentId);
      const inMemory = current && current.dir === job.exp.dir ? current.runs : undefined;
      if (job.relist || !inMemory || inMemory.size === 0)
        listings.set(
          job,
          (await this.listRunDirs(job.exp.dir)).map((d) => this.rel(d)),
        );
    }
    // Enough runs that the pool may want workers: start them now, so their start-up overlaps the cache
    // reads below rather than following them.
    if ([...listings.values()].reduce((n, l) => n + l.length, 0) >= WARM_AT_RUNS) this.pool.warm();
    for (const job of jobs) {
      const { exp, check } = job;
      const rel = this.rel(exp.dir);
      const current = this.states.get(exp.experiment.experimentId);
      const inMemory = current && current.dir === exp.dir ? current.runs : new Map<string, Entry>();
      // The cache is consulted only when memory holds nothing of this folder (its first index).
      const folder = inMemory.size === 0 ? this.cachedFolders.get(rel) : undefined;
      const cached = folder?.rows ?? new Map<string, CachedRun>();
      const rels = listings.get(job) ?? [...inMemory.keys()];
      const listed = new Set(rels);
      const gone = [...new Set([...cached.keys(), ...inMemory.keys()])].filter(
        (r) => !listed.has(r),
      );
      // The experiment folder moved (to or from .trash/): its rows under the old folder describe nothing.
      if (current && current.dir !== exp.dir) pushAll(gone, current.runs.keys());
      const taskOf = new Map<string, number>();
      for (const runRel of rels) {
        const row = cached.get(runRel);
        const known = inMemory.get(runRel)?.fingerprint ?? (row && fingerprintOf(row));
        if (inMemory.has(runRel) && check !== 'all' && !check.has(runRel)) continue;
        taskOf.set(runRel, tasks.length);
        tasks.push({
          runDir: this.abs(runRel),
          experimentDir: exp.dir,
          ...(known ? { known } : {}),
        });
      }
      plans.push({ exp, rel, rels, inMemory, decoded: new Map(), folder, cached, taskOf, gone });
    }
    const pooled = this.pool.run(tasks, this.kept);
    for (const plan of plans) if (plan.folder) plan.decoded = await plan.folder.entries;
    const { results, inWorkers } = await pooled;
    // Their absolute folders (~17 MB for 100,000 runs) need not outlive the reading.
    tasks.length = 0;
    this.stats.tasksInWorkers += inWorkers;
    // A run whose fingerprint matched a row that then did not decode: read it after all.
    const retry: { plan: Plan; runRel: string }[] = [];
    for (const plan of plans) {
      for (const [runRel, index] of plan.taskOf) {
        if (results[index]?.same && !plan.inMemory.has(runRel) && !plan.decoded.has(runRel))
          retry.push({ plan, runRel });
      }
    }
    if (retry.length > 0) {
      const again = await this.pool.run(
        retry.map(({ plan, runRel }) => ({
          runDir: this.abs(runRel),
          experimentDir: plan.exp.dir,
        })),
        this.kept,
      );
      retry.forEach(({ plan, runRel }, i) => {
        plan.taskOf.set(runRel, results.length);
        results.push(again.results[i] as RunTaskResult);
      });
    }
    const upserts: CacheUpsert[] = [];
    const removals: string[] = [];
    for (const plan of plans) {
      const runs = new Map<string, Entry>();
      for (const runRel of plan.rels) {
        const index = plan.taskOf.get(runRel);
        const result = index === undefined ? undefined : results[index];
        const prior = plan.inMemory.get(runRel) ?? plan.decoded.get(runRel);
        let entry: Entry;
        if (!result || result.same) {
          if (!prior) continue;
          entry = prior;
          if (result) this.stats.runsReused++;
        } else {
          this.stats.runsRead++;
          entry = {
            summary: result.summary,
            fingerprint: result.fingerprint,
          };
          upserts.push({
            dir: runRel,
            ...entry.fingerprint,
            summary: () => encodeSummary(result.summary),
          });
        }
        for (const p of entry.summary.problems) this.log.add(p.path, p.message);
        runs.set(runRel, entry);
      }
      pushAll(removals, plan.gone);
      const { exp } = plan;
      const deleted = exp.experiment.lifecycleStage === 'deleted';
      // Installed: from now on memory answers for this folder, and its cached rows are no longer needed.
      this.cachedFolders.delete(plan.rel);
      this.states.set(exp.experiment.experimentId, {
        dir: exp.dir,
        rel: plan.rel,
        experimentId: exp.experiment.experimentId,
        deleted,
        runs,
      });
    }
    const keep = this.pruned ? undefined : new Set(all.map((e) => this.rel(e.dir)));
    this.pruned = true;
    this.cache?.write(upserts, removals, keep);
  }

  private abs(runRel: string): string {
    return `${this.root}${sep}${runRel.split('/').join(sep)}`;
  }
}

/** A kept run as a search reads it: its summary, and its experiment as just read. */
interface IndexedRun {
  summary: RunSummaryOk;
  exp: LoadedExperiment;
}

/** Adds to `out` the runs of one experiment's entries that are in `viewType`, as a search reads them. */
function addInView(
  out: IndexedRun[],
  exp: LoadedExperiment,
  entries: Iterable<Entry>,
  viewType: ViewType,
): void {
  for (const { summary } of entries)
    if (listedIn(summary, exp, viewType)) out.push({ summary, exp });
}

/** Whether a kept run is listed in `viewType` (read, and in view as its experiment and meta.yaml say). */
function listedIn(
  summary: RunSummary,
  exp: LoadedExperiment,
  viewType: ViewType,
): summary is RunSummaryOk {
  return summary.ok && inView(runDeleted(summary, exp) ? 'deleted' : 'active', viewType);
}

/** Reads what RUN_READER reads of the Run `assembleRun` would make, from the summary itself. */
const INDEXED: RunReader<IndexedRun> = {
  info: (r) => r.summary.info,
  lifecycleStage: (r) => (runDeleted(r.summary, r.exp) ? 'deleted' : 'active'),
  metric: (r, key) => latestValue(r.summary, key),
  param: (r, key) => ownValue(r.summary.params, key),
  tag: (r, key) => ownValue(r.summary.tags, key),
  datasetInputs: (r) => r.summary.datasetInputs,
};

/** The work of one experiment within an update. */
interface Plan {
  exp: LoadedExperiment;
  rel: string;
  /** Its run folders, in listing order. */
  rels: string[];
  inMemory: Map<string, Entry>;
  /** The folder's cached rows and their decoding, when memory held nothing of it. */
  folder: CachedFolder | undefined;
  /** Cached rows (empty when memory held the folder). */
  cached: ReadonlyMap<string, CachedRun>;
  /** Cached entries, decoded while the pool runs. */
  decoded: Map<string, Entry>;
  /** Run folder → index of its task. */
  taskOf: Map<string, number>;
  /** Run folders known before and no longer listed. */
  gone: string[];
}

/** Runs to list before worker threads are started ahead of need (parsePool's threshold for reads). */
const WARM_AT_RUNS = 200;
