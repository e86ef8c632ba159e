// Corpus check (`npm run corpus`): opens every real public store in ../shared/fixtures/public THROUGH
// THE BUILT CLI, the way a user's script would, and compares what it reports with the counts of
// SOURCES.md. Those stores mostly have no license, so they are read in place and never copied here.
//
// Counting rule (from the data: row 6 `8 (DB)` is the SQLite experiments table, Default included):
// - exps = every experiment, Default and deleted ones included (`experiments --view all`);
// - runs = every run of every one of those experiments, deleted included; "(n)" = deleted runs;
// - reg models `a/b` = registered models / visible model versions; `–` = none.
//
// Usage: node scripts/corpus-check.mjs [corpus-dir]   (default ../shared/fixtures/public, from the repo root)
// Exit: 0 all passed, 1 a mismatch or a CLI failure, 2 no corpus.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseSources } from './corpusSources.mjs';

const run = promisify(execFile);
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, process.argv[2] ?? '../shared/fixtures/public');
const sourcesPath = join(corpus, 'SOURCES.md');
const cli = join(root, 'bin/runlens.js');

if (!existsSync(sourcesPath)) {
  console.error(
    `corpus-check: no corpus at ${corpus} (expected SOURCES.md and one folder per store).`,
  );
  console.error(
    'Check out the shared fixtures next to this repository, or pass the corpus folder as an argument.',
  );
  process.exit(2);
}

if (!existsSync(join(root, 'dist/cli.cjs'))) {
  console.log('corpus-check: dist/cli.cjs is missing, running `npm run build` first…');
  try {
    await run('npm', ['run', 'build', '--silent'], { cwd: root, maxBuffer: 64 << 20 });
  } catch (err) {
    console.error(`corpus-check: the build failed:\n${err.stderr || err.message}`);
    process.exit(1);
  }
}

/** Runs the CLI and parses its JSON; throws with the exit code and stderr when it fails. */
async function cliJson(args) {
  try {
    const { stdout } = await run(process.execPath, [cli, ...args, '--json'], {
      cwd: root,
      maxBuffer: 1 << 30,
    });
    return JSON.parse(stdout);
  } catch (err) {
    const code = typeof err.code === 'number' ? `exit ${err.code}` : err.message;
    throw new Error(
      `runlens ${args.join(' ')}: ${code}${err.stderr ? `: ${String(err.stderr).trim().split('\n')[0]}` : ''}`,
    );
  }
}

/** The store inside a corpus folder: `mlruns/` or `mlflow.db` (when both, the one the row names). */
function storePath(dir, row) {
  const mlruns = join(dir, 'mlruns');
  const db = join(dir, 'mlflow.db');
  const hasRuns = existsSync(mlruns) && statSync(mlruns).isDirectory();
  const hasDb = existsSync(db);
  if (hasRuns && hasDb) return row?.mentionsDb ? db : mlruns;
  return hasRuns ? mlruns : hasDb ? db : null;
}

/** What the CLI reports for one store. */
async function countStore(path) {
  const { experiments = [] } = await cliJson(['experiments', path, '--view', 'all']);
  let runs = 0;
  let deletedRuns = 0;
  // One call per experiment: without --experiment-id the CLI covers active experiments only.
  for (const e of experiments) {
    const { runs: list = [] } = await cliJson([
      'runs',
      path,
      '--view',
      'all',
      '--experiment-id',
      e.experiment_id,
    ]);
    runs += list.length;
    deletedRuns += list.filter((r) => r.info?.lifecycle_stage === 'deleted').length;
  }
  const { registered_models: models = [] } = await cliJson(['models', path]);
  const { model_versions: versions = [] } = await cliJson(['model-versions', path]);
  return {
    experiments: experiments.length,
    deletedExperiments: experiments.filter((e) => e.lifecycle_stage === 'deleted').length,
    runs,
    deletedRuns,
    models: models.length,
    versions: versions.length,
  };
}

function describeExpected(row) {
  const e = row.experiments;
  const r = row.runs;
  const g = row.registry;
  const exps = e ? `${e.total}${e.deleted !== undefined ? ` (${e.deleted} del)` : ''}` : '?';
  const runs = r ? `${r.total}${r.deleted !== undefined ? ` (${r.deleted} del)` : ''}` : '?';
  const reg = !g ? '?' : g.models === undefined ? '–' : `${g.models}/${g.versions ?? '?'}`;
  return `exps ${exps}, runs ${runs}, reg ${reg}`;
}

function describeGot(c) {
  return `exps ${c.experiments}, runs ${c.runs} (${c.deletedRuns} del), reg ${c.models}/${c.versions}`;
}

/** The mismatches between a SOURCES row and the counts (empty = OK). */
function compare(row, c) {
  const bad = [];
  const check = (what, want, got) => {
    if (want !== undefined && want !== got) bad.push(`${what}: expected ${want}, got ${got}`);
  };
  if (!row.experiments || !row.runs || !row.registry)
    bad.push(`SOURCES.md line ${row.line}: unreadable counts`);
  check('experiments', row.experiments?.total, c.experiments);
  check('deleted experiments', row.experiments?.deleted, c.deletedExperiments);
  check('runs', row.runs?.total, c.runs);
  check('deleted runs', row.runs?.deleted, c.deletedRuns);
  check('registered models', row.registry?.models, c.models);
  check('model versions', row.registry?.versions, c.versions);
  return bad;
}

const rows = parseSources(readFileSync(sourcesPath, 'utf8'));
const byStore = new Map(rows.map((row) => [row.store, row]));
const folders = readdirSync(corpus, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const names = [...new Set([...rows.map((r) => r.store), ...folders])];

const results = await Promise.all(
  names.map(async (name) => {
    const row = byStore.get(name);
    const path = existsSync(join(corpus, name)) ? storePath(join(corpus, name), row) : null;
    const expected = row ? describeExpected(row) : '(not in SOURCES.md)';
    if (!path)
      return {
        name,
        expected,
        got: '—',
        ok: false,
        why: ['no mlruns/ or mlflow.db in the folder'],
      };
    try {
      const counts = await countStore(path);
      const why = row ? compare(row, counts) : [];
      return { name, expected, got: describeGot(counts), ok: why.length === 0, why };
    } catch (err) {
      return { name, expected, got: 'CLI failed', ok: false, why: [err.message] };
    }
  }),
);

const header = ['store', 'expected', 'got', 'result'];
const table = results.map((r) => [r.name, r.expected, r.got, r.ok ? 'OK' : 'FAIL']);
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join(' | ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const t of table) console.log(line(t));
for (const r of results) for (const why of r.why) console.log(`  ${r.name}: ${why}`);
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
