// The CI summary (.ci/summary.sh) on canned runner output, run as .ci/run runs it: bash with
// set -euo pipefail. A green run must always end with exit 0, whatever the runners printed.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'runlens-ci-summary-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function summary(log: string): string {
  const file = join(dir, `log-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, log);
  // Throws (failing the test) when the script exits non-zero.
  return execFileSync(
    'bash',
    ['-c', 'set -euo pipefail; . .ci/summary.sh; ci_summary "$1"; echo "exit-ok"', 'ci', file],
    { encoding: 'utf8' },
  );
}

const vitest = (n: number): string =>
  ` Test Files  12 passed (12)\n      Tests  ${n} passed (${n})\n   Start at  10:00:00\n`;

describe('ci_summary', () => {
  it('adds up Vitest runs, Playwright and the corpus check', () => {
    const out = summary(
      vitest(900) + '\n  29 passed (29.8s)\n' + vitest(40) + 'corpus\n7 passed, 0 failed\n',
    );
    expect(out).toBe(
      'vitest (Node 20 + node:sqlite on Node 24): 940, e2e: 29, corpus stores: 7\n' +
        '976 passed, 0 failed\nexit-ok\n',
    );
  });

  it('counts a Playwright run of a minute or more', () => {
    expect(summary(vitest(5) + '  31 passed (1.2m)\n')).toContain('e2e: 31,');
    expect(summary('  3 passed (1h)\n')).toContain('e2e: 3,');
    expect(summary('  3 passed (850ms)\n')).toContain('e2e: 3,');
  });

  it('strips colour codes before matching', () => {
    const out = summary(
      '\x1b[32m      Tests \x1b[39m \x1b[1m12 passed\x1b[22m (12)\n  \x1b[32m4 passed\x1b[39m (2.0m)\n',
    );
    expect(out).toContain('vitest (Node 20 + node:sqlite on Node 24): 12, e2e: 4,');
  });

  it('never fails a green run when a runner printed nothing it recognises', () => {
    expect(summary('')).toBe(
      'vitest (Node 20 + node:sqlite on Node 24): 0, e2e: 0, corpus stores: 0\n' +
        '0 passed, 0 failed\nexit-ok\n',
    );
    expect(summary('  29 passed (weird)\nTests: many\n')).toContain('0 passed, 0 failed\nexit-ok');
  });
});
