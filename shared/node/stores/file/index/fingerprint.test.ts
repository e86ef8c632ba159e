/**
 * FingerprintBuilder: the paths a run read depended on, relative to the run folder and '/'-separated
 * ('' is the folder itself), each once, in reading order; a fingerprint matches until one of them changes.
 */
import { appendFileSync, readdirSync, utimesSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readRunSummary } from '../readRunSync';
import { SyncReader } from '../syncIo';
import { copyFixture } from '../../../../../test/support/fileStoreCopies';
import { FingerprintBuilder, fingerprintMatches, PATH_SEPARATOR } from './fingerprint';
import { rmSync } from 'node:fs';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** A run folder of the copy that has metrics, and its experiment folder. */
function someRun(copy: string): { runDir: string; experimentDir: string } {
  for (const exp of readdirSync(copy).filter((n) => /^\d+$/.test(n)))
    for (const run of readdirSync(join(copy, exp)))
      if (/^[0-9a-f]{32}$/.test(run) && readdirSync(join(copy, exp, run)).includes('metrics'))
        return { runDir: join(copy, exp, run), experimentDir: join(copy, exp) };
  throw new Error('no run with metrics');
}

describe('FingerprintBuilder', () => {
  it('records every path a run read, relative to its folder, once each', () => {
    root = copyFixture();
    const { runDir, experimentDir } = someRun(root);
    const seen: string[] = [];
    const builder = new FingerprintBuilder(runDir, Date.now());
    readRunSummary(
      new SyncReader((path, stats) => {
        seen.push(path);
        builder.record(path, stats);
      }),
      runDir,
      experimentDir,
      new Map(),
    );
    const paths = builder.result().paths.split(PATH_SEPARATOR);
    const expected = [...new Set(seen.map((p) => relative(runDir, p).split(sep).join('/')))];
    expect(paths).toEqual(expected);
    expect(paths).toContain('');
    expect(paths).toContain('meta.yaml');
    expect(paths.some((p) => p.startsWith('metrics/'))).toBe(true);
  });

  it('matches until a recorded file changes', () => {
    root = copyFixture();
    const { runDir, experimentDir } = someRun(root);
    const builder = new FingerprintBuilder(runDir, Date.now());
    readRunSummary(new SyncReader(builder.record), runDir, experimentDir, new Map());
    const fingerprint = builder.result();
    expect(fingerprintMatches(runDir, fingerprint)).toBe(true);
    const metric = join(runDir, 'metrics', readdirSync(join(runDir, 'metrics'))[0] as string);
    appendFileSync(metric, '1717200300000 1 99\n');
    const hourAgo = new Date(Date.now() - 3600_000);
    utimesSync(metric, hourAgo, hourAgo);
    expect(fingerprintMatches(runDir, fingerprint)).toBe(false);
  });
});
