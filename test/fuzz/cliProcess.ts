/**
 * Test helper: the CLI as a separate process, optionally as a non-root user (issue 11, part 2): the
 * tests run as root here and in CI, and root reads files whatever their mode, so permission-denied
 * cases run the CLI as `nobody` through setpriv. The CLI is bundled into a temp folder with esbuild
 * (unit tests run before `npm run build`, so dist/ may not exist), with better-sqlite3 copied beside it.
 * Only tests import this file.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const REPO = resolve(import.meta.dirname, '../..');

/** The user the permission cases run as when the tests run as root (.ci/run makes sure it exists). */
const NON_ROOT = (() => {
  const id = (flag: string): number | null => {
    const out = spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' });
    return out.status === 0 ? Number(out.stdout.trim()) : null;
  };
  return { uid: id('-u') ?? 65534, gid: id('-g') ?? 65534 };
})();

/**
 * better-sqlite3 (and what it loads at run time) copied beside the bundle: the non-root user may not be
 * able to read the repo's node_modules (a clone under /root), and the SQLite reads need the addon.
 */
function copySqliteModule(dir: string): void {
  const from = join(REPO, 'node_modules');
  const to = join(dir, 'node_modules');
  for (const part of [
    'better-sqlite3/package.json',
    'better-sqlite3/lib',
    'better-sqlite3/build/Release/better_sqlite3.node',
    'bindings',
    'file-uri-to-path',
  ])
    cpSync(join(from, part), join(to, part), { recursive: true, dereference: true });
}

export interface CliProcess {
  dir: string;
  /** Runs `runlens ARGS` (as `nobody` when `nonRoot` and the tests run as root). */
  run(
    args: string[],
    options?: { nonRoot?: boolean },
  ): { code: number; stdout: string; stderr: string };
  /** Runs a bundled probe script (`probe.mjs`) with ARGS the same way. */
  probe(
    args: string[],
    options?: { nonRoot?: boolean },
  ): { code: number; stdout: string; stderr: string };
  dispose(): void;
}

/**
 * Why the permission cases cannot run (null when they can): they need a non-root user, which root
 * reaches through setpriv. Running as a non-root user already is fine as is.
 */
export function nonRootUnavailable(): string | null {
  if (process.getuid?.() !== 0) return null;
  const probe = spawnSync('setpriv', [
    `--reuid=${NON_ROOT.uid}`,
    `--regid=${NON_ROOT.gid}`,
    '--clear-groups',
    'true',
  ]);
  return probe.status === 0
    ? null
    : `running as root and setpriv cannot switch to uid ${NON_ROOT.uid}`;
}

/** `cmd ARGS` as `nobody` when `nonRoot` and the tests run as root, else as this user. */
export function asReader(cmd: string, args: string[], nonRoot: boolean): [string, string[]] {
  return nonRoot && process.getuid?.() === 0
    ? [
        'setpriv',
        [`--reuid=${NON_ROOT.uid}`, `--regid=${NON_ROOT.gid}`, '--clear-groups', cmd, ...args],
      ]
    : [cmd, args];
}

/** Bundles the CLI (and optionally a probe entry point) into a temp folder every user can read. */
export async function bundleCli(probeEntry?: string): Promise<CliProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'runlens-cli-'));
  const common = {
    bundle: true,
    platform: 'node' as const,
    target: 'node20',
    format: 'esm' as const,
    logLevel: 'warning' as const,
    external: ['better-sqlite3', 'electron'],
    banner: {
      js: `import { createRequire as __cr } from 'node:module'; const require = __cr(${JSON.stringify(join(dir, 'cli.mjs'))});`,
    },
  };
  await build({
    ...common,
    entryPoints: [join(REPO, 'shared/node/cli/main.ts')],
    outfile: join(dir, 'cli.mjs'),
  });
  await build({
    ...common,
    format: 'cjs',
    banner: {},
    entryPoints: [join(REPO, 'shared/node/stores/file/index/fileStoreWorker.ts')],
    outfile: join(dir, 'fileStoreWorker.cjs'),
  });
  if (probeEntry)
    await build({ ...common, entryPoints: [probeEntry], outfile: join(dir, 'probe.mjs') });
  copySqliteModule(dir);
  writeFileSync(
    join(dir, 'run.mjs'),
    "import { main } from './cli.mjs';\nprocess.exitCode = await main(process.argv.slice(2));\n",
  );
  // A cache folder the non-root user may write (the index cache is never inside a store).
  const cache = join(dir, 'cache');
  mkdirSync(cache);
  chmodSync(cache, 0o777);
  chmodSync(dir, 0o755);
  const exec = (script: string, args: string[], nonRoot = false) => {
    const [cmd, rest] = asReader(process.execPath, [join(dir, script), ...args], nonRoot);
    const out = spawnSync(cmd, rest, {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, RUNLENS_CACHE_DIR: cache, HOME: dir, NO_COLOR: '1' },
      maxBuffer: 64 * 2 ** 20,
    });
    if (out.error) throw out.error;
    return { code: out.status ?? -1, stdout: out.stdout, stderr: out.stderr };
  };
  return {
    dir,
    run: (args, options) => exec('run.mjs', args, options?.nonRoot),
    probe: (args, options) => exec('probe.mjs', args, options?.nonRoot),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Makes `path` and its parents up to the temp folder traversable by every user (mkdtemp gives 0700). */
export function openToAll(path: string): void {
  const top = tmpdir();
  for (let p = path; p.startsWith(`${top}/`); p = resolve(p, '..')) chmodSync(p, 0o755);
}
