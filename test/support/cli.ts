/** Test helper: runs the CLI in-process with captured output. Only tests import this file. */
import { main } from '../../shared/node/cli/main';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], cwd: string): Promise<CliOutcome> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    cwd,
  });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
