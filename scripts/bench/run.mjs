// `npm run bench [-- --size full|ci] [--runs N] [--compare FILE] [--only ID,…] [--job-budget S]` (issue 4).
//
// Generates (once) deterministic synthetic stores in MLflow's layout under .bench/stores/, then measures
// each case in fresh processes (dist/bench-child.mjs, one per sample) and prints the median, min and max
// against the targets. Results go to .bench/results-<timestamp>.json and .bench/latest.json.
// A job (one child per sample) stops repeating once it has used --job-budget seconds (default 180), so a
// store that is still far off its targets cannot stretch the run to hours; the JSON keeps every sample.
// "Cold" = no Runlens index cache (RUNLENS_CACHE_DIR points at a fresh empty dir); the OS page cache is
// warm throughout (it cannot be dropped without root), and every store is read once before measuring.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareTable, formatValue, resultsTable, summarize } from './report.mjs';
import { buildCases, JOBS } from './cases.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const benchDir = join(root, '.bench');
const childPath = join(root, 'dist', 'bench-child.mjs');
const USAGE =
  'usage: npm run bench [-- --size full|ci] [--runs N] [--compare FILE] [--only CASE_ID,…] [--job-budget SECONDS]\n';

function parseArgs(argv) {
  const opts = {
    size: 'full',
    runs: undefined,
    compare: undefined,
    only: undefined,
    jobBudget: 180,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const next = () => inline ?? argv[++i];
    if (flag === '--size') opts.size = next();
    else if (flag === '--runs') opts.runs = Number(next());
    else if (flag === '--compare') opts.compare = next();
    else if (flag === '--only') opts.only = next()?.split(',');
    else if (flag === '--job-budget') opts.jobBudget = Number(next());
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option '${argv[i]}'`);
  }
  if (opts.size !== 'full' && opts.size !== 'ci')
    throw new Error(`--size must be full or ci, not '${opts.size}'`);
  opts.runs ??= opts.size === 'full' ? 5 : 3;
  if (!Number.isInteger(opts.runs) || opts.runs < 1)
    throw new Error('--runs must be a positive integer');
  if (!(opts.jobBudget > 0)) throw new Error('--job-budget must be a positive number of seconds');
  if (opts.compare && !existsSync(opts.compare))
    throw new Error(`--compare: no file ${opts.compare}`);
  return opts;
}

/** Bundles the generators (for this process) and the measuring child (beside dist/cli.cjs). */
async function bundle() {
  if (!existsSync(join(root, 'dist', 'cli.cjs')))
    throw new Error('dist/cli.cjs is missing: run `npm run build` (npm run bench does)');
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    external: ['better-sqlite3', 'yaml', 'electron'],
  };
  const banner = {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  };
  await build({
    ...common,
    entryPoints: [join(root, 'scripts/bench/stores.ts')],
    outfile: join(benchDir, 'build', 'stores.mjs'),
    banner,
  });
  await build({
    ...common,
    entryPoints: [join(root, 'scripts/bench/child.ts')],
    outfile: childPath,
    banner,
  });
  return import(join(benchDir, 'build', 'stores.mjs'));
}

const timeBinary = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Runs one child process for `task` with RUNLENS_CACHE_DIR = `cacheDir`; resolves its JSON result plus
 * the process's peak RSS (GNU time's %M when present, which counts the whole process; else the child's
 * own getrusage) and wall time.
 */
function runChild(task, cacheDir) {
  const rssFile = join(benchDir, 'build', 'rss.txt');
  rmSync(rssFile, { force: true });
  const command = timeBinary
    ? [timeBinary, '-f', '%M', '-o', rssFile, process.execPath]
    : [process.execPath];
  const started = performance.now();
  const child = spawnSync(command[0], [...command.slice(1), childPath, JSON.stringify(task)], {
    cwd: root,
    env: { ...process.env, RUNLENS_CACHE_DIR: cacheDir },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 15 * 60_000,
  });
  const wallMs = performance.now() - started;
  if (child.error) return { error: child.error.message };
  if (child.status !== 0)
    return {
      error: (
        child.stderr.trim().split('\n').pop() || `exit ${child.status ?? child.signal}`
      ).slice(0, 300),
    };
  const result = JSON.parse(child.stdout.trim().split('\n').pop());
  const timed =
    timeBinary && existsSync(rssFile)
      ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop())
      : NaN;
  return {
    ...result,
    rssKb: Number.isFinite(timed) && timed > 0 ? timed : result.maxRssKb,
    wallMs,
  };
}

function gitCommit() {
  const out = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--untracked-files=no'], {
    cwd: root,
    encoding: 'utf8',
  });
  return out.status === 0
    ? `${out.stdout.trim()}${dirty.stdout.trim() ? '+dirty' : ''}`
    : undefined;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const startedAll = performance.now();
  mkdirSync(join(benchDir, 'build'), { recursive: true });
  const gen = await bundle();
  const schemaSql = readFileSync(join(root, 'test/fixtures/mlflow-2.12.2.dev0/schema.sql'), 'utf8');
  const log = (line) => process.stdout.write(`${line}\n`);
  log(
    `runlens bench — size ${opts.size}, ${opts.runs} runs per case, fresh process per sample, warm page cache`,
  );
  const genStarted = performance.now();
  const stores = gen.ensureStores(benchDir, opts.size, schemaSql, log, opts.only);
  const generationSeconds = (performance.now() - genStarted) / 1000;
  const specs = gen.SIZES[opts.size];
  const expected = {
    S: { runs: specs.S.shape.runs, filter: gen.expectedMatches(specs.S.seed, specs.S.shape) },
    L: { runs: specs.L.shape.runs, filter: gen.expectedMatches(specs.L.seed, specs.L.shape) },
    H: { points: stores.H.points },
    X: { points: stores.X.points },
    A: { runs: specs.A.shape.runs },
    K: { runs: specs.K.shape.runs, keys: stores.K.keys },
    T: { runs: specs.T.shape.runs },
    W: { runs: specs.W.shape.runs },
    C: { runs: specs.C.shape.runs },
    SQL: { runs: specs.SQL.shape.runs },
  };

  const scratch = mkdtempSync(join(tmpdir(), 'runlens-bench-'));
  const ctx = { stores, expected, scratch, runChild, log };
  const CASES = buildCases(ctx);
  const wanted = (id) => !opts.only || opts.only.some((o) => id.startsWith(o));
  const samples = new Map(CASES.map((c) => [c.id, { values: [], problems: [], notes: new Set() }]));
  try {
    for (const job of JOBS) {
      const cases = CASES.filter((c) => c.job === job.id && wanted(c.id));
      if (cases.length === 0) continue;
      log(`${job.label} …`);
      const prepared = await job.prepare?.(ctx);
      const jobStarted = performance.now();
      for (let rep = 0; rep < opts.runs; rep++) {
        // A job far slower than its targets is not repeated past its budget (at least one sample).
        if (rep > 0 && performance.now() - jobStarted > opts.jobBudget * 1000) {
          log(`  stopped after ${rep} sample(s): over the ${opts.jobBudget} s job budget`);
          break;
        }
        const out = await job.sample(ctx, prepared);
        for (const c of cases) {
          const slot = samples.get(c.id);
          if (out.error) slot.problems.push(out.error);
          else {
            for (const note of out.notes ?? []) slot.notes.add(note);
            const v = c.value(out);
            if (v === undefined || Number.isNaN(v)) slot.problems.push('no value');
            else slot.values.push(v);
            const wrong = c.check?.(out, ctx);
            if (wrong) slot.problems.push(wrong);
          }
        }
        if (out.error) break;
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }

  const cases = CASES.filter((c) => wanted(c.id)).map((c) => {
    const s = samples.get(c.id);
    return { ...summarize(c, s.values, [...new Set(s.problems)]), notes: [...s.notes] };
  });
  const timestamp = new Date().toISOString();
  const results = {
    version: 1,
    timestamp,
    size: opts.size,
    runs: opts.runs,
    commit: gitCommit(),
    machine: {
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
      cpus: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
    },
    pageCache: 'warm',
    rssSource: timeBinary ? '/usr/bin/time %M' : 'process.resourceUsage().maxRSS',
    generationSeconds,
    stores: Object.fromEntries(
      Object.entries(stores).map(([k, v]) => [k, { path: v.path, runs: v.runs }]),
    ),
    cases,
  };
  log('');
  process.stdout.write(resultsTable(cases));
  for (const c of cases) for (const p of c.problems) log(`  ${c.id}: ${p}`);
  for (const note of new Set(cases.flatMap((c) => c.notes))) log(`note: ${note}`);
  const file = join(benchDir, `results-${timestamp.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(join(benchDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  log(
    `\nwrote ${file} and .bench/latest.json (total ${formatValue(performance.now() - startedAll, 'ms')}, generation ${generationSeconds.toFixed(1)} s)`,
  );
  if (opts.compare) process.stdout.write(`\n${compareTable(results, opts.compare)}`);
  process.exitCode = cases.some((c) => c.problems.length > 0) ? 1 : 0;
}

main().catch((err) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
