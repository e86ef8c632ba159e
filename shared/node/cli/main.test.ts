import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type CliIo } from './io';
import { main } from './main';

const REPO = resolve(import.meta.dirname, '../../..');
const FIXTURE = join(REPO, 'test/fixtures/mlflow-3.1.2.dev0');
let scratch: string;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(argv: string[], io: Partial<CliIo> = {}): Promise<Outcome> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    cwd: REPO,
    launchDesktop: () => Promise.reject(new Error('desktop must not start in this test')),
    ...io,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function expectOneLineError(outcome: Outcome, code: number, pattern: RegExp): void {
  expect(outcome.code).toBe(code);
  expect(outcome.stderr).toMatch(/^runlens: [^\n]*\n$/);
  expect(outcome.stderr).toMatch(pattern);
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'runlens-cli-'));
  writeFileSync(
    join(scratch, 'corrupt.db'),
    'this is not a database, just text that is long enough to matter',
  );
  mkdirSync(join(scratch, 'plain-folder'));
  mkdirSync(join(scratch, 'with-mlruns/mlruns/0'), { recursive: true });
  mkdirSync(join(scratch, 'empty'));
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('runlens usage', () => {
  it('prints the version and the help', async () => {
    expect((await cli(['--version'])).stdout).toMatch(/^runlens \d+\.\d+\.\d+\n$/);
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('runlens serve [STORE…] [--port N] [--host H]');
    expect((await cli(['-h'])).stdout).toBe(help.stdout);
    for (const command of [
      'serve',
      'experiments',
      'runs',
      'metric-history',
      'models',
      'model-versions',
    ]) {
      const sub = await cli([command, '--help']);
      expect(sub.code).toBe(0);
      expect(sub.stdout).toContain(`Usage: runlens ${command}`);
    }
  });

  it('exits 2 with the bad token named for usage mistakes', async () => {
    expectOneLineError(
      await cli(['experimnts']),
      2,
      /unknown command or missing store 'experimnts'/,
    );
    expectOneLineError(
      await cli(['runs', FIXTURE, '--bogus']),
      2,
      /unknown option '--bogus'.*runlens runs --help/,
    );
    expectOneLineError(await cli(['runs']), 2, /missing STORE/);
    expectOneLineError(await cli(['metric-history', FIXTURE, 'abc']), 2, /missing KEY/);
    expectOneLineError(await cli(['models', FIXTURE, 'extra']), 2, /unexpected argument 'extra'/);
    expectOneLineError(
      await cli(['experiments', FIXTURE, '--view', 'some']),
      2,
      /--view must be active, deleted or all, not 'some'/,
    );
    expectOneLineError(
      await cli(['runs', FIXTURE, '--max-results', 'ten']),
      2,
      /--max-results .* not 'ten'/,
    );
    // Issue 11 #10: a negative number is the option's value, not a missing one.
    expectOneLineError(
      await cli(['runs', FIXTURE, '--max-results', '-1']),
      2,
      /--max-results must be a whole number from 1 .* not '-1'/,
    );
    expectOneLineError(await cli(['runs', FIXTURE, '--json', '--csv']), 2, /--json and --csv/);
    expectOneLineError(await cli(['serve', '--port', '70000']), 2, /--port/);
    expectOneLineError(await cli(['runs', FIXTURE, '--filter']), 2, /'--filter'/);
  });

  it('exits 2 naming the bad token of an invalid filter', async () => {
    const outcome = await cli(['runs', join(FIXTURE, 'mlruns'), '--filter', 'metrics.loss <<< 3']);
    expectOneLineError(outcome, 2, /Invalid filter .*'<'/);
  });

  it('exits 3 when the store cannot be read', async () => {
    expectOneLineError(await cli(['runs', join(scratch, 'missing')]), 3, /missing does not exist/);
    expectOneLineError(
      await cli(['experiments', join(scratch, 'plain-folder')]),
      3,
      /is not an MLflow store/,
    );
    expectOneLineError(await cli(['experiments', join(scratch, 'corrupt.db')]), 3, /corrupt\.db/);
  });

  it('refuses credentials in a server URL (they belong in MLFLOW_TRACKING_* variables)', async () => {
    expectOneLineError(
      await cli(['experiments', 'http://user:pw@localhost:5000']),
      2,
      /not in the server URL/,
    );
  });
});

describe('runlens [STORE…] (desktop)', () => {
  it('opens the given stores as absolute paths', async () => {
    const launchDesktop = vi.fn(async () => 0);
    expect(
      (await cli(['mlruns-copy/', 'sqlite:///x.db'], { launchDesktop, cwd: scratch })).code,
    ).toBe(0);
    expect(launchDesktop).toHaveBeenCalledWith([join(scratch, 'mlruns-copy'), 'sqlite:///x.db']);
  });

  it('defaults to ./mlflow.db, else ./mlruns, else the demo store', async () => {
    const launchDesktop = vi.fn(async () => 0);
    await cli([], { launchDesktop, cwd: join(scratch, 'with-mlruns') });
    expect(launchDesktop).toHaveBeenLastCalledWith([join(scratch, 'with-mlruns/mlruns')]);
    const demo = await cli([], { launchDesktop, cwd: join(scratch, 'empty') });
    expect(launchDesktop).toHaveBeenLastCalledWith([
      join(REPO, 'demo/mlruns'),
      join(REPO, 'demo/governance-demo/mlruns'),
    ]);
    expect(demo.stderr).toContain('demo store');
    expect(launchDesktop).toHaveBeenCalledTimes(2);
  });

  it('passes the desktop exit code through', async () => {
    expect((await cli([join(FIXTURE, 'mlruns')], { launchDesktop: async () => 7 })).code).toBe(7);
  });
});
