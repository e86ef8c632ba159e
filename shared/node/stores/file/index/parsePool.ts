/**
 * Runs RunTasks in worker threads (synchronous reads, one batch per worker at a time) or, for small
 * jobs and where workers cannot start, in this thread in slices that yield to the event loop.
 *
 * Workers load a bundled script (dist/fileStoreWorker.cjs, beside the bundle that imports this); from
 * TypeScript sources (tests, tsc) there is none and everything runs in-thread unless a script is given.
 * A pool keeps its workers between runs and can start them ahead of need (`warm()`), so their start-up
 * (~50–80 ms) overlaps the listing and cache reads that come before any check; idle workers never keep
 * the process alive and are stopped after IDLE_MS.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { RecentHistories } from '../recentHistories';
import type { DatasetCache } from '../runInputs';
import type { WorkerRequest, WorkerResponse } from './fileStoreWorker';
import { runTask, type RunTask, type RunTaskResult } from './runTask';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

export const WORKER_FILE = 'fileStoreWorker.cjs';

export interface PoolOptions {
  /** Worker script; null = never use workers; undefined = look for WORKER_FILE beside this bundle. */
  workerScript?: string | null;
  /** Jobs smaller than this (in run reads; a fingerprint check counts 1/5) run in-thread. */
  minWorkForWorkers?: number;
  /** At most this many workers (also capped by the CPUs). */
  maxWorkers?: number;
  /** Heap bounds of each worker (WORKER_LIMITS by default). */
  workerLimits?: ResourceLimits;
  /** After a job of at least this many tasks the workers are stopped (RELEASE_AFTER_TASKS). */
  releaseAfterTasks?: number;
  onProgress?: (done: number, total: number) => void;
  /** Where in-thread reads keep metric histories for charts (a long-lived host's, recentHistories.ts). */
  histories?: RecentHistories;
}

export interface PoolRun {
  /** In the tasks' order. */
  results: RunTaskResult[];
  /** How many tasks worker threads ran (the rest ran in this thread). */
  inWorkers: number;
}

const DEFAULT_MIN_WORK = 200;
const DEFAULT_MAX_WORKERS = 4;
/** Largest batch sent to a worker; smaller when there are few tasks, so every worker gets some. */
const MAX_BATCH = 32;
/**
 * In-thread: reading time between two yields to the event loop. A count of runs was not enough: a run
 * of 3 metrics × 10,000 steps takes ~6 ms, and 16 of them held every request (even a static file)
 * for ~100 ms.
 */
const SLICE_MS = 8;
const IDLE_MS = 30_000;
/**
 * After a job this big the workers are stopped instead of kept for IDLE_MS: their heaps still hold what
 * the job left (V8 collects an idle worker's heap only when it works again), just when this thread
 * builds the index of that many runs. On the 100,000-run store that was ~45 MB of peak RSS; starting
 * them again costs ~60 ms, little beside a job of 10,000 runs.
 */
export const RELEASE_AFTER_TASKS = 10_000;

/**
 * A worker reads one batch at a time and keeps nothing between batches, so a small heap is all it
 * needs; unbounded, V8 let each grow by ~30 MB more on a 100,000-run store (issue 11: peak RSS 665 →
 * 610 MB), and 64 + 8 MB still cost ~7 MB of peak RSS on 25,000 runs against 32 + 4 MB, at the same
 * speed. A batch too big for it costs that worker, and the pool reads the batch in this thread.
 */
export const WORKER_LIMITS: ResourceLimits = {
  maxOldGenerationSizeMb: 32,
  maxYoungGenerationSizeMb: 4,
};

function moduleDir(): string | undefined {
  try {
    if (import.meta.url) return dirname(fileURLToPath(import.meta.url));
  } catch {
    // A CommonJS bundle (Electron main) has no import.meta.url: __dirname below.
  }
  return typeof __dirname === 'string' ? __dirname : undefined;
}

let foundScript: string | null | undefined;

/** dist/fileStoreWorker.cjs next to dist/cli.cjs, or one folder up from dist/electron/main.cjs. */
function defaultWorkerScript(): string | null {
  if (foundScript === undefined) {
    const dir = moduleDir();
    foundScript =
      (dir && [join(dir, WORKER_FILE), join(dir, '..', WORKER_FILE)].find((p) => existsSync(p))) ??
      null;
  }
  return foundScript;
}

function workOf(tasks: readonly RunTask[]): number {
  let work = 0;
  for (const t of tasks) work += t.known ? 0.2 : 1;
  return work;
}

async function runInThread(
  tasks: readonly RunTask[],
  out: RunTaskResult[],
  indices: readonly number[],
  progress: (n: number) => void,
  histories: RecentHistories | undefined,
  keep: (result: RunTaskResult) => RunTaskResult,
): Promise<void> {
  const datasets: DatasetCache = new Map();
  let sliceStart = performance.now();
  for (const index of indices) {
    out[index] = keep(runTask(tasks[index] as RunTask, datasets, histories));
    progress(1);
    if (performance.now() - sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
  }
}

/** One run's work as the workers see it: a queue of batches, and the batches a failed worker held. */
interface Job {
  id: number;
  tasks: readonly RunTask[];
  batches: number[][];
  next: number;
  failed: number[][];
  out: RunTaskResult[];
  progress: (n: number) => void;
  keep: (result: RunTaskResult) => RunTaskResult;
  /** Called when no worker holds a batch of this job any more. */
  settle?: () => void;
}

interface PoolWorker {
  worker: Worker;
  answered: boolean;
  /** The batch it holds, if any. */
  holding?: { job: Job; batch: number };
}

export class ParsePool {
  private readonly script: string | null;
  private readonly wanted: number;
  private workers: PoolWorker[] = [];
  private job: Job | undefined;
  private jobs = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  /** A worker died before answering anything: the script cannot work here; no more are started. */
  private broken = false;
  /** Holds in place (see `hold`): no new batch is handed out while there is one. */
  private holds = 0;

  constructor(private readonly options: PoolOptions = {}) {
    this.script = options.workerScript === undefined ? defaultWorkerScript() : options.workerScript;
    this.wanted = Math.max(
      1,
      Math.min(options.maxWorkers ?? DEFAULT_MAX_WORKERS, availableParallelism()),
    );
  }

  /** Starts the workers now (when there is a script), so a run soon after finds them ready. */
  warm(): void {
    if (!this.script || this.broken) return;
    while (this.workers.length < this.wanted) {
      const started = this.spawn();
      if (!started) break;
    }
    this.armIdleTimer();
  }

  /**
   * Runs every task; one run at a time (callers serialize). Never rejects for a worker failure: what a
   * worker did not finish is run in this thread. `keep` makes each result what the caller keeps as it
   * arrives (RunIndex: compact summaries), so a worker's message of a batch dies young rather than
   * being held, 100,000 of them, until the last one comes.
   */
  async run(
    tasks: readonly RunTask[],
    keep: (result: RunTaskResult) => RunTaskResult = (result) => result,
  ): Promise<PoolRun> {
    const out = new Array<RunTaskResult>(tasks.length);
    let done = 0;
    const progress = (n: number): void => {
      done += n;
      this.options.onProgress?.(done, tasks.length);
    };
    if (
      !this.script ||
      this.broken ||
      tasks.length === 0 ||
      workOf(tasks) < (this.options.minWorkForWorkers ?? DEFAULT_MIN_WORK)
    ) {
      await runInThread(
        tasks,
        out,
        tasks.map((_t, i) => i),
        progress,
        this.options.histories,
        keep,
      );
      return { results: out, inWorkers: 0 };
    }
    this.warm();
    // Even one worker pays on a single CPU: this thread (Electron's main process) stays responsive.
    const batchSize = Math.max(1, Math.min(MAX_BATCH, Math.ceil(tasks.length / (this.wanted * 4))));
    const batches: number[][] = [];
    for (let i = 0; i < tasks.length; i += batchSize)
      batches.push(tasks.slice(i, i + batchSize).map((_t, j) => i + j));
    const job: Job = { id: ++this.jobs, tasks, batches, next: 0, failed: [], out, progress, keep };
    // Referenced while they work: an awaited answer must keep the process alive (a CLI has nothing else).
    for (const w of this.workers) w.worker.ref();
    await new Promise<void>((resolve) => {
      job.settle = resolve;
      this.job = job;
      for (const w of this.workers) this.feed(w);
      this.checkSettled(job);
    });
    this.job = undefined;
    for (const w of this.workers) w.worker.unref();
    if (tasks.length >= (this.options.releaseAfterTasks ?? RELEASE_AFTER_TASKS)) this.close();
    else this.armIdleTimer();
    // Batches a failed worker held or none could take: read here, so the answer is whole either way.
    const rest = [...job.failed, ...batches.slice(job.next)].flat();
    if (rest.length > 0)
      await runInThread(tasks, out, rest, progress, this.options.histories, keep);
    return { results: out, inWorkers: tasks.length - rest.length };
  }

  /**
   * Hands out no new batch until the returned function is called (batches already out finish). A first
   * screen read in this thread meanwhile (metaFirstPage) then has the CPUs to itself: on two cores the
   * workers reading a 20,000-run experiment had tripled its time.
   */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds === 0) for (const w of this.workers) this.feed(w);
    };
  }

  /** Workers started and not stopped (tests, diagnostics). */
  get workerCount(): number {
    return this.workers.length;
  }

  /** Stops every worker. */
  close(): void {
    clearTimeout(this.idleTimer);
    for (const w of this.workers) void w.worker.terminate();
    this.workers = [];
  }

  private spawn(): boolean {
    let worker: Worker;
    try {
      worker = new Worker(this.script as string, {
        resourceLimits: this.options.workerLimits ?? WORKER_LIMITS,
      });
    } catch {
      return false;
    }
    // An idle pool must not keep the process alive; a busy one is awaited by its caller anyway.
    worker.unref();
    const entry: PoolWorker = { worker, answered: false };
    this.workers.push(entry);
    worker.on('error', (err: unknown) => this.lose(entry, err));
    worker.on('exit', () => this.lose(entry));
    worker.on('message', (response: WorkerResponse) => {
      const held = entry.holding;
      entry.holding = undefined;
      entry.answered = true;
      if (!held || held.job.id !== response.job) return;
      const indices = held.job.batches[held.batch] as number[];
      indices.forEach(
        (index, j) => (held.job.out[index] = held.job.keep(response.results[j] as RunTaskResult)),
      );
      held.job.progress(indices.length);
      this.feed(entry);
      this.checkSettled(held.job);
    });
    return true;
  }

  /** Gives an idle worker the next batch of the current job, if any. */
  private feed(entry: PoolWorker): void {
    const job = this.job;
    if (!job || entry.holding || job.next >= job.batches.length || this.holds > 0) return;
    const batch = job.next++;
    entry.holding = { job, batch };
    const request: WorkerRequest = {
      job: job.id,
      tasks: (job.batches[batch] as number[]).map((i) => job.tasks[i] as RunTask),
    };
    entry.worker.postMessage(request);
  }

  /**
   * A worker died or could not start: its batch goes back to this thread, the others go on. One that
   * dies before any answer means the script cannot work here, unless it ran out of its heap: that was
   * one batch too big for a worker, and the next job starts new ones.
   */
  private lose(entry: PoolWorker, err?: unknown): void {
    if (!this.workers.includes(entry)) return;
    this.workers = this.workers.filter((w) => w !== entry);
    const outOfMemory =
      (err as { code?: unknown } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY';
    if (!entry.answered && !outOfMemory) this.broken = true;
    const held = entry.holding;
    entry.holding = undefined;
    if (held) held.job.failed.push(held.job.batches[held.batch] as number[]);
    if (this.job) this.checkSettled(this.job);
  }

  private checkSettled(job: Job): void {
    const busy = this.workers.some((w) => w.holding?.job === job);
    if (!busy && (job.next >= job.batches.length || this.workers.length === 0)) job.settle?.();
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (!this.job) this.close();
    }, IDLE_MS);
    this.idleTimer.unref();
  }
}
