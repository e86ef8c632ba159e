/**
 * Worker threads: the real worker entry, bundled here with esbuild as scripts/build.mjs bundles it
 * (Vitest cannot load a TypeScript worker), reads the fixtures exactly as the in-thread path does; a
 * worker that cannot start or dies leaves the answer whole (read in-thread); progress is reported.
 */
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore, type FileStoreOptions } from '../FileStore';
import { ParsePool } from './parsePool';
import type { RunTask } from './runTask';
import { FIXTURES, tempDir, VERSIONS } from '../../../../../test/support/fileStoreCopies';

let dir: string;
let script: string;
beforeAll(async () => {
  dir = tempDir('worker');
  script = join(dir, 'fileStoreWorker.cjs');
  await build({
    entryPoints: [resolve(import.meta.dirname, 'fileStoreWorker.ts')],
    outfile: script,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'error',
  });
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let lastStore: FileStore | undefined;

async function listAll(
  root: string,
  options: FileStoreOptions,
): Promise<{ runs: unknown; problems: unknown }> {
  const store = (lastStore = new FileStore(root, options));
  await store.open();
  const ids = (await store.listExperiments()).map((e) => e.experimentId);
  return {
    runs: await store.listRuns(ids),
    problems: store.problems(),
  };
}

describe.each(VERSIONS)('on %s', (version) => {
  const root = join(FIXTURES, version, 'mlruns');

  it('workers read exactly what the in-thread path reads, and report progress up to the total', async () => {
    const inThread = await listAll(root, { pool: { workerScript: null } });
    const progress: [number, number][] = [];
    const pooled = await listAll(root, {
      pool: { workerScript: script, minWorkForWorkers: 0, maxWorkers: 2 },
      onProgress: (n, t) => progress.push([n, t]),
    });
    expect(pooled).toEqual(inThread);
    expect(lastStore?.indexStats().tasksInWorkers).toBe(lastStore?.indexStats().runsRead);
    expect(progress.length).toBeGreaterThan(0);
    const [done, total] = progress[progress.length - 1] as [number, number];
    expect(done).toBe(total);
    expect(
      progress.every(
        ([n, t], i) =>
          t === total && n <= t && (i === 0 || n >= (progress[i - 1] as [number, number])[0]),
      ),
    ).toBe(true);
  });

  it('a worker script that fails to load: everything is read in-thread instead', async () => {
    const broken = join(dir, 'broken.cjs');
    writeFileSync(broken, "throw new Error('cannot start');\n");
    const inThread = await listAll(root, { pool: { workerScript: null } });
    expect(await listAll(root, { pool: { workerScript: broken, minWorkForWorkers: 0 } })).toEqual(
      inThread,
    );
    expect(lastStore?.indexStats().tasksInWorkers).toBe(0);
    expect(
      await listAll(root, {
        pool: { workerScript: join(dir, 'missing.cjs'), minWorkForWorkers: 0 },
      }),
    ).toEqual(inThread);
  });
});

/** One task per run folder of the 3.1 fixture. */
function fixtureTasks(): RunTask[] {
  const root = join(FIXTURES, 'mlflow-3.1.2.dev0', 'mlruns');
  return readdirSync(root)
    .filter((n) => /^\d+$/.test(n))
    .flatMap((exp) =>
      readdirSync(join(root, exp))
        .filter((n) => /^[0-9a-f]{32}$/.test(n))
        .map((run) => ({ runDir: join(root, exp, run), experimentDir: join(root, exp) })),
    );
}

describe('ParsePool.hold', () => {
  it('hands out no batch while held; the job completes once released', async () => {
    const tasks = fixtureTasks();
    expect(tasks.length).toBeGreaterThan(5);
    const inThread = await new ParsePool({ workerScript: null }).run(tasks);
    let done = 0;
    const pool = new ParsePool({
      workerScript: script,
      minWorkForWorkers: 0,
      maxWorkers: 2,
      onProgress: (n) => (done = n),
    });
    try {
      const release = pool.hold();
      const running = pool.run(tasks);
      await new Promise((r) => setTimeout(r, 400));
      expect(done).toBe(0);
      release();
      const pooled = await running;
      expect(done).toBe(tasks.length);
      expect(pooled.inWorkers).toBe(tasks.length);
      expect(pooled.results).toEqual(inThread.results);
    } finally {
      pool.close();
    }
  });
});

describe('worker heap limits', () => {
  it('a batch too big for a worker is read in this thread, and later jobs still use workers', async () => {
    // Answers "unchanged" for every task, except that a task named HUGE exhausts the worker's heap.
    const greedy = join(dir, 'greedy.cjs');
    writeFileSync(
      greedy,
      `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (req) => {
  if (req.tasks.some((t) => t.runDir.includes('HUGE'))) {
    const hoard = [];
    for (;;) hoard.push(new Array(1e5).fill(1.5));
  }
  parentPort.postMessage({ job: req.job, results: req.tasks.map(() => ({ same: true })) });
});
`,
    );
    const pool = new ParsePool({
      workerScript: greedy,
      minWorkForWorkers: 0,
      maxWorkers: 1,
      workerLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    });
    try {
      const huge = await pool.run([{ runDir: join(dir, 'HUGE'), experimentDir: dir }]);
      expect(huge.inWorkers).toBe(0);
      expect(huge.results[0]?.same).toBe(false);
      const known = { paths: '', hash: '' };
      const next = await pool.run([{ runDir: join(dir, 'small'), experimentDir: dir, known }]);
      expect(next.inWorkers).toBe(1);
      expect(next.results).toEqual([{ same: true }]);
    } finally {
      pool.close();
    }
  }, 30_000);
});

describe('worker release', () => {
  it('stops the workers after a big job, keeps them after a small one, and starts them again', async () => {
    const tasks = fixtureTasks();
    const pool = new ParsePool({
      workerScript: script,
      minWorkForWorkers: 0,
      maxWorkers: 2,
      releaseAfterTasks: tasks.length,
    });
    try {
      const small = await pool.run(tasks.slice(0, 3));
      expect(small.inWorkers).toBe(3);
      expect(pool.workerCount).toBeGreaterThan(0);
      const big = await pool.run(tasks);
      expect(big.inWorkers).toBe(tasks.length);
      expect(pool.workerCount).toBe(0);
      const again = await pool.run(tasks.slice(0, 3));
      expect(again.inWorkers).toBe(3);
      expect(again.results).toEqual(big.results.slice(0, 3));
    } finally {
      pool.close();
    }
  }, 30_000);
});
