/**
 * The CLI facing hostile input (issue 11, part 1): every answer is an exit code and one clear line,
 * never a crash. On the real 2.12 fixture (read only) or a temp copy of it when a case must damage it.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { copyFixture, fixtureIds } from '../../../test/support/fileStoreCopies';
import { type CliOutcome, runCli } from '../../../test/support/cli';

const VERSION = 'mlflow-2.12.2.dev0';
const RUN_ID = fixtureIds(VERSION).runs['iris-0'] as string;
const EXP_ID = fixtureIds(VERSION).experiments.iris as string;
let copies: string[] = [];
afterEach(() => {
  for (const c of copies) rmSync(dirname(c), { recursive: true, force: true });
  copies = [];
});

/** A temp copy of the 2.12 mlruns (never the fixture itself) and the folder of run iris-0 in it. */
function damagedCopy(): { store: string; runDir: string } {
  const store = copyFixture(VERSION);
  copies.push(store);
  return { store, runDir: join(store, EXP_ID, RUN_ID) };
}

const REPO = resolve(import.meta.dirname, '../../..');
const STORE = join(REPO, 'test/fixtures/mlflow-2.12.2.dev0/mlruns');

const cli = (argv: string[]): Promise<CliOutcome> => runCli(argv, REPO);

describe('filter limits (defect 5)', () => {
  it('5,000 nested parentheses: exit 2 with one line naming the limit', async () => {
    const filter = `${'('.repeat(5000)}metrics.loss < 1${')'.repeat(5000)}`;
    const { code, stderr } = await cli(['runs', STORE, '--filter', filter]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nested deeper than 100 levels/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('terminal control characters and CSV formulas (defect 7)', () => {
  function evilStore(): string {
    const { store, runDir } = damagedCopy();
    const metaPath = join(runDir, 'meta.yaml');
    const meta = readFileSync(metaPath, 'utf8').replace(
      /^run_name: .*$/m,
      'run_name: "evil\\e]0;PWNED\\a\\e[31mRED\\u202e"',
    );
    writeFileSync(metaPath, meta);
    writeFileSync(join(runDir, 'params', 'evil'), 'x\u001b[2Jy\rz');
    writeFileSync(join(runDir, 'params', 'formula'), '=HYPERLINK("http://x","y")');
    writeFileSync(join(runDir, 'params', 'negative'), '-0.5');
    return store;
  }

  it('the runs table shows escapes, never raw control characters', async () => {
    const store = evilStore();
    const { code, stdout } = await cli(['runs', store, '--experiment-id', EXP_ID]);
    expect(code).toBe(0);
    expect(stdout).toContain('evil\\x1b]0;PWNED\\x07\\x1b[31mRED\\u202e');
    // eslint-disable-next-line no-control-regex -- the assertion is about control characters
    expect(stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
  });

  it('CSV: no raw control characters, formula cells neutralised, numbers kept', async () => {
    const store = evilStore();
    const { code, stdout } = await cli(['runs', store, '--experiment-id', EXP_ID, '--csv']);
    expect(code).toBe(0);
    // eslint-disable-next-line no-control-regex -- the assertion is about control characters
    expect(stdout.replace(/\r\n/g, '')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(stdout).toContain('x\\x1b[2Jy\\x0dz');
    expect(stdout).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(stdout).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(stdout).toMatch(/(^|,)-0\.5(,|\r\n)/m);
  });
});

describe('unreadable parts of a store are never dropped silently (defect 8)', () => {
  it('one warning line per problem on stderr; --strict exits 3, the answer is still printed', async () => {
    const { store, runDir } = damagedCopy();
    writeFileSync(join(runDir, 'meta.yaml'), 'run_id: [unclosed');
    const plain = await cli(['runs', store, '--json']);
    expect(plain.code).toBe(0);
    const lines = plain.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^runlens: warning: .*meta\.yaml/);
    expect(lines[0]).toContain(runDir);
    const strict = await cli(['runs', store, '--json', '--strict']);
    expect(strict.code).toBe(3);
    expect(strict.stdout).toBe(plain.stdout);
    expect(strict.stderr).toBe(plain.stderr);
  });

  it('an intact store: nothing on stderr, --strict exits 0', async () => {
    const { code, stderr } = await cli(['runs', STORE, '--json', '--strict']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  });
});

describe('every command that reads a store warns the same way and takes --strict (defect 8 follow-up)', () => {
  const IRIS_1 = fixtureIds(VERSION).runs['iris-1'] as string;
  /** What each command reads decides which damage it can notice: experiments, or runs. */
  const breakExperiment = (store: string): void =>
    writeFileSync(join(store, '0', 'meta.yaml'), 'experiment_id: [unclosed');
  const breakRun = (store: string): void =>
    writeFileSync(join(store, EXP_ID, RUN_ID, 'meta.yaml'), 'run_id: [unclosed');
  const breakModel = (store: string): void =>
    writeFileSync(join(store, 'models', 'forecast-model', 'meta.yaml'), 'name: [unclosed');
  const breakMetric = (store: string): void =>
    writeFileSync(join(store, EXP_ID, IRIS_1, 'metrics', 'accuracy'), 'not a metric line\n');
  const commands: [string, (store: string) => string[], (store: string) => void][] = [
    ['experiments', (s) => ['experiments', s, '--json'], breakExperiment],
    ['metric-history', (s) => ['metric-history', s, IRIS_1, 'accuracy', '--json'], breakMetric],
    ['models', (s) => ['models', s, '--json'], breakModel],
    ['model-versions', (s) => ['model-versions', s, '--json'], breakModel],
    [
      'governance check',
      (s) => ['governance', 'check', s, '--format', 'json', '--as-of', '2026-01-01'],
      breakRun,
    ],
  ];

  it.each(commands)(
    '%s: one warning line per problem; --strict exits 3',
    async (_n, argv, damage) => {
      const { store } = damagedCopy();
      damage(store);
      const plain = await cli(argv(store));
      expect([0, 1]).toContain(plain.code);
      const lines = plain.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^runlens: warning: .*(meta\.yaml|metrics\/accuracy)/);
      const strict = await cli([...argv(store), '--strict']);
      expect(strict.code).toBe(3);
      expect(strict.stdout).toBe(plain.stdout);
      expect(strict.stderr).toBe(plain.stderr);
    },
  );

  it.each(commands)(
    '%s on an intact store: nothing on stderr, --strict changes nothing',
    async (_n, argv) => {
      const plain = await cli(argv(STORE));
      const strict = await cli([...argv(STORE), '--strict']);
      expect(strict.stderr).toBe('');
      expect(strict.code).toBe(plain.code);
    },
  );
});
