/**
 * Worker thread entry (bundled to dist/fileStoreWorker.cjs): runs batches of RunTasks with synchronous
 * file reads and posts the results back. One worker reads one batch at a time; the pool hands out the
 * next batch when a result arrives, so a slow batch (a huge run) does not hold the others.
 */
import { parentPort } from 'node:worker_threads';
import type { DatasetCache } from '../runInputs';
import { runTask, type RunTask, type RunTaskResult } from './runTask';

export interface WorkerRequest {
  /** The pool run this batch belongs to. */
  job: number;
  tasks: RunTask[];
}

export interface WorkerResponse {
  job: number;
  results: RunTaskResult[];
}

if (parentPort) {
  const port = parentPort;
  // Datasets read are shared by the batches of one pool run, and forgotten when the next run starts
  // (workers outlive runs; a dataset may change in between).
  let datasets: DatasetCache = new Map();
  let job = -1;
  port.on('message', (request: WorkerRequest) => {
    if (request.job !== job) {
      job = request.job;
      datasets = new Map();
    }
    const results = request.tasks.map((task) => runTask(task, datasets));
    port.postMessage({ job: request.job, results } satisfies WorkerResponse);
  });
}
