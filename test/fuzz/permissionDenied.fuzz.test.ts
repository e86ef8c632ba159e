/**
 * Unreadable files (issue 11, part 2, item 1: permission denied, run as a non-root user): in a copy of
 * the 2.12 fixture one file or folder gets mode 000, then `runlens runs STORE --view all --json` runs as
 * `nobody` (setpriv; the tests run as root, which reads anything). Invariants: exit 0, every run outside
 * the damaged run or experiment listed, a run left out explained by a stderr warning naming a path in
 * its folder, and `--strict` exits 3 whenever a warning was printed. Budget: 8 s (at most 12 cases).
 */
import { chmodSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture } from '../support/fileStoreCopies';
import { bundleCli, nonRootUnavailable, openToAll, type CliProcess } from './cliProcess';
import { VERSION } from './fileStoreCase';
import { SEED, Tally, runProperty } from './fuzzBudget';
import { storeFiles } from './storeDamage';

const cannot = nonRootUnavailable();
let cli: CliProcess;
let baseline: Map<string, string>;
let targets: string[];

function runIds(stdout: string): Map<string, string> {
  const { runs = [] } = JSON.parse(stdout) as {
    runs?: { info: { run_id: string; experiment_id: string } }[];
  };
  return new Map(runs.map((r) => [r.info.run_id, `${r.info.experiment_id}/${r.info.run_id}`]));
}

function storeCopy(): string {
  const root = copyFixture(VERSION);
  openToAll(root);
  return root;
}

beforeAll(async () => {
  if (cannot) return;
  cli = await bundleCli();
  const root = storeCopy();
  try {
    const out = cli.run(['runs', root, '--view', 'all', '--json'], { nonRoot: true });
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    baseline = runIds(out.stdout);
    const files = storeFiles(root);
    const folders = files.runFolders.flatMap((r) => [
      r,
      `${r}/metrics`,
      `${r}/params`,
      `${r}/tags`,
    ]);
    const experiments = [...new Set(files.experimentMeta.map((m) => m.split('/')[0] as string))];
    targets = [
      ...files.runMeta,
      ...files.experimentMeta,
      ...files.metrics,
      ...files.paramsAndTags,
      ...folders,
      ...experiments,
    ];
  } finally {
    rmSync(dirname(root), { recursive: true, force: true });
  }
}, 60_000);
afterAll(() => cli?.dispose());

describe('fuzz: unreadable files, read by a non-root user', () => {
  it.skipIf(cannot !== null)(
    `lists every readable run and names each unreadable part${cannot ? ` (not run: ${cannot})` : ''}`,
    async () => {
      expect(baseline.size).toBeGreaterThan(20);
      const tally = new Tally();
      const property = fc.asyncProperty(fc.constantFrom(...targets), async (target) => {
        const root = storeCopy();
        try {
          const path = join(root, target);
          chmodSync(path, 0o000);
          const out = cli.run(['runs', root, '--view', 'all', '--json'], { nonRoot: true });
          expect(out.code, out.stderr).toBe(0);
          const listed = runIds(out.stdout);
          const unit = target.endsWith('meta.yaml')
            ? dirname(target)
            : target.split('/').slice(0, 2).join('/');
          const warnings = out.stderr.split('\n').filter((l) => l.startsWith('runlens: warning: '));
          expect(warnings.length, `stderr lines that are not warnings: ${out.stderr}`).toBe(
            out.stderr.split('\n').filter((l) => l !== '').length,
          );
          for (const [id, at] of baseline) {
            if (listed.has(id)) continue;
            const inUnit = at === unit || at.startsWith(`${unit}/`);
            expect(inUnit, `run ${id} outside ${target} left out`).toBe(true);
            expect(
              warnings.some((w) => w.includes(join(root, unit))),
              `run ${id} left out silently`,
            ).toBe(true);
          }
          const strict = cli.run(['runs', root, '--view', 'all', '--json', '--strict'], {
            nonRoot: true,
          });
          expect(strict.code).toBe(warnings.length > 0 ? 3 : 0);
          tally.add(
            `${warnings.length > 0 ? 'warned' : 'no warning'}, ${baseline.size - listed.size} runs left out`,
          );
        } finally {
          rmSync(dirname(root), { recursive: true, force: true });
        }
      });
      const ran = await runProperty('permission denied', property, {
        numRuns: 12,
        timeLimitMs: 8_000,
      });
      console.log(
        `fuzz permission denied (seed ${SEED}): ${ran} cases\n${tally.lines().join('\n')}`,
      );
      expect(ran).toBeGreaterThanOrEqual(1);
    },
    90_000,
  );
});
