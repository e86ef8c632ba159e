/**
 * The CLI facing hostile input (issue 11, part 1): every answer is an exit code and one clear line,
 * never a crash. On the real 2.12 fixture (read only) or a temp copy of it when a case must damage it.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

const REPO = resolve(import.meta.dirname, '../../..');
const STORE = join(REPO, 'test/fixtures/mlflow-2.12.2.dev0/mlruns');

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    cwd: REPO,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('filter limits (defect 5)', () => {
  it('5,000 nested parentheses: exit 2 with one line naming the limit', async () => {
    const filter = `${'('.repeat(5000)}metrics.loss < 1${')'.repeat(5000)}`;
    const { code, stderr } = await cli(['runs', STORE, '--filter', filter]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nested deeper than 100 levels/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});
