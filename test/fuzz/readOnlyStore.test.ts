/**
 * Read-only, proven (issue 11, part 2, item 6): the 2.12 fixture (mlruns, mlflow.db, mlartifacts) is
 * copied onto a tmpfs that is then remounted read-only, and the CLI (runs, experiments, metric-history,
 * models, governance check) and the service (every run, metric history and artifact: readOnlyProbe.ts)
 * read it, each as its own process. Where mounting is not permitted (a container without the
 * capability), the copy is made read-only with `chmod -R a-w` and read as a non-root user instead; the
 * test prints which proof ran. Every answer must equal the same reads of a writable copy, and the
 * read-only tree must hash the same before and after.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffTrees, hashTree } from '../globalSetup';
import { FIXTURES, fixtureIds } from '../support/fileStoreCopies';
import { asReader, bundleCli, nonRootUnavailable, openToAll, type CliProcess } from './cliProcess';
import { VERSION } from './fileStoreCase';

const RUN = fixtureIds(VERSION).runs['iris-0'] as string;

interface ReadOnlyCopy {
  dir: string;
  proof: string;
  nonRoot: boolean;
  dispose: () => void;
}

function copyInto(dir: string): void {
  for (const part of ['mlruns', 'mlflow.db', 'mlartifacts'])
    cpSync(join(FIXTURES, VERSION, part), join(dir, part), { recursive: true });
}

/** A read-only copy: a tmpfs remounted ro where permitted, else chmod -R a-w (+ a non-root reader). */
function readOnlyCopy(): ReadOnlyCopy {
  const dir = mkdtempSync(join(tmpdir(), 'runlens-ro-'));
  // RUNLENS_READONLY_PROOF=chmod tries the fallback where mounting works too.
  const mounted =
    process.env.RUNLENS_READONLY_PROOF === 'chmod'
      ? { status: 1, stderr: Buffer.from('not tried (RUNLENS_READONLY_PROOF=chmod)') }
      : spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64m,mode=0755', 'tmpfs', dir]);
  if (mounted.status === 0) {
    const unmount = (): void => {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    };
    try {
      copyInto(dir);
      execFileSync('mount', ['-o', 'remount,ro', dir]);
      return { dir, proof: 'tmpfs remounted read-only', nonRoot: false, dispose: unmount };
    } catch (err) {
      unmount();
      throw err;
    }
  }
  const cannot = nonRootUnavailable();
  if (cannot) throw new Error(`neither a read-only mount nor a non-root user: ${cannot}`);
  copyInto(dir);
  openToAll(dir);
  execFileSync('chmod', ['-R', 'a-w', dir]);
  return {
    dir,
    proof: `chmod -R a-w and a non-root reader (mount refused: ${mounted.stderr.toString().trim()})`,
    nonRoot: true,
    dispose: () => {
      execFileSync('chmod', ['-R', 'u+w', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let cli: CliProcess;
let ro: ReadOnlyCopy;
let rw: string;
beforeAll(async () => {
  cli = await bundleCli(resolve(import.meta.dirname, 'readOnlyProbe.ts'));
  ro = readOnlyCopy();
  rw = mkdtempSync(join(tmpdir(), 'runlens-rw-'));
  copyInto(rw);
  openToAll(rw);
  console.log(`read-only proof: ${ro.proof}`);
}, 60_000);
afterAll(() => {
  ro?.dispose();
  if (rw) rmSync(rw, { recursive: true, force: true });
  cli?.dispose();
});

const COMMANDS: [string, (root: string) => string[]][] = [
  ['runs (mlruns)', (r) => ['runs', join(r, 'mlruns'), '--view', 'all', '--json']],
  ['runs (mlflow.db)', (r) => ['runs', join(r, 'mlflow.db'), '--view', 'all', '--json']],
  ['experiments', (r) => ['experiments', join(r, 'mlruns'), '--view', 'all', '--json']],
  ['metric-history', (r) => ['metric-history', join(r, 'mlruns'), RUN, 'accuracy', '--json']],
  ['models', (r) => ['models', join(r, 'mlruns'), '--json']],
  [
    'governance check',
    (r) => ['governance', 'check', join(r, 'mlruns'), '--as-of', '2026-01-01', '--format', 'json'],
  ],
];

describe('a store on a read-only filesystem', () => {
  it('is proven read-only: a write into it fails', () => {
    // As the reader of the other tests: root on the mount, `nobody` on the chmod fallback.
    const target = join(ro.dir, 'mlruns', 'probe');
    const [cmd, args] = asReader('sh', ['-c', 'echo x > "$1"', 'sh', target], ro.nonRoot);
    const write = spawnSync(cmd, args, { encoding: 'utf8' });
    expect(write.status).not.toBe(0);
    expect(write.stderr).toMatch(/Read-only file system|Permission denied/);
  });

  it.each(COMMANDS)(
    'the CLI answers `%s` as on a writable copy',
    (_name, argv) => {
      const before = hashTree(ro.dir);
      const got = cli.run(argv(ro.dir), { nonRoot: ro.nonRoot });
      const want = cli.run(argv(rw), { nonRoot: ro.nonRoot });
      expect(got.stderr.split(ro.dir).join('<root>')).toBe(want.stderr.split(rw).join('<root>'));
      expect(got.code).toBe(want.code);
      expect(got.stdout.split(ro.dir).join('<root>')).toBe(want.stdout.split(rw).join('<root>'));
      expect(got.stdout.length).toBeGreaterThan(10);
      expect(diffTrees(before, hashTree(ro.dir))).toEqual([]);
    },
    30_000,
  );

  it('the service reads every run, metric history and artifact as on a writable copy', () => {
    const stores = (root: string) => [join(root, 'mlruns'), join(root, 'mlflow.db')];
    const before = hashTree(ro.dir);
    const got = cli.probe(stores(ro.dir), { nonRoot: ro.nonRoot });
    const want = cli.probe(stores(rw), { nonRoot: ro.nonRoot });
    expect(got.stderr).toBe('');
    expect(got.code).toBe(0);
    expect(got.stdout).toBe(want.stdout);
    const counts = got.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, number>);
    console.log(`read-only service reads: ${got.stdout.trim()}`);
    for (const c of counts) {
      expect(c.runs).toBeGreaterThan(20);
      expect(c.files).toBeGreaterThan(0);
      expect(c.problems).toBe(0);
    }
    expect(diffTrees(before, hashTree(ro.dir))).toEqual([]);
  }, 60_000);
});
