/**
 * `runlens governance check STORE [--policy FILE] [--as-of DATE] [--format table|json|junit|sarif]`:
 * the CI gate. Exit 0 when every entity in scope is compliant, 1 when one is not, 2 on a bad policy or
 * usage, 3 when the store cannot be read.
 */
import packageJson from '../../../package.json';
import type { GovernanceEvaluation } from '../../common/governance/types';
import { toJunit } from '../governance/formats/junit';
import { toSarif } from '../governance/formats/sarif';
import { toTable } from '../governance/formats/table';
import { flag, parse, positionalsExactly, stringValue } from './args';
import { type CliIo, CliFailure, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './io';
import { REPORT_USAGE, reportCommand, verifyCommand } from './governanceReport';
import { openSession, reportProblems, unwrap } from './storeSession';
import { formatTable } from './table';

export const GOVERNANCE_USAGE = `Usage: runlens governance check STORE [--policy FILE] [--as-of DATE] [--format table|json|junit|sarif]

Checks the store's runs, registered models and model versions against a governance policy
(GOVERNANCE.md): the baseline rules plus the policy's own rules, overrides and waivers.

Options:
  --policy FILE   the policy (YAML or JSON); default: runlens-policy.yaml beside the store, else the
                  built-in baseline
  --as-of DATE    evaluate as of this day (YYYY-MM-DD, UTC) or ISO time; default now. Makes time rules
                  (monitoring freshness, max age, waiver expiry) reproducible
  --format F      table (default), json, junit (JUnit XML) or sarif (SARIF 2.1.0)
  --strict        exit 3 when any part of the store could not be read (each is always warned about
                  on stderr)
  -h, --help      show this help

Exit codes: 0 every entity in scope is compliant, 1 at least one is not, 2 bad policy or usage,
3 the store cannot be read. Policy errors are printed as FILE:LINE:COLUMN: message.
`;

const FORMATS = ['table', 'json', 'junit', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

function render(evaluation: GovernanceEvaluation, format: Format): string {
  const report = evaluation.report;
  if (report === null) return '';
  switch (format) {
    case 'table':
      return toTable(report, evaluation.policyPath, formatTable);
    case 'json':
      return `${JSON.stringify({ ...report, policy: { ...report.policy, path: evaluation.policyPath } }, null, 2)}\n`;
    case 'junit':
      return toJunit(report);
    case 'sarif':
      return `${JSON.stringify(toSarif(report, packageJson.version), null, 2)}\n`;
  }
}

async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parse(args, {
    policy: { type: 'string' },
    'as-of': { type: 'string' },
    format: { type: 'string' },
    strict: { type: 'boolean' },
  });
  if (flag(parsed, 'help')) {
    io.stdout(GOVERNANCE_USAGE);
    return EXIT_OK;
  }
  const format = (stringValue(parsed, 'format') ?? 'table') as Format;
  if (!FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${format}'`);
  const [location = ''] = positionalsExactly(parsed, ['STORE']);
  const session = await openSession(location, io);
  try {
    const policyPath = stringValue(parsed, 'policy');
    const asOf = stringValue(parsed, 'as-of');
    const evaluation = unwrap(
      await session.service.evaluateGovernance({
        storeId: session.storeId,
        ...(policyPath !== undefined ? { policyPath } : {}),
        ...(asOf !== undefined ? { asOf } : {}),
      }),
    );
    if (evaluation.report === null) {
      for (const p of evaluation.policyProblems)
        io.stderr(`runlens: ${p.file}:${p.line}:${p.column}: ${p.message}\n`);
      throw new CliFailure('the policy cannot be used', EXIT_USAGE);
    }
    io.stdout(render(evaluation, format));
    // Unread parts of the store make the verdict incomplete: under --strict that comes first (exit 3).
    const problems = await reportProblems(session, io, flag(parsed, 'strict'));
    if (problems !== EXIT_OK) return problems;
    return evaluation.report.summary.storeCompliant ? EXIT_OK : EXIT_FAILURE;
  } finally {
    await session.close();
  }
}

const SUBCOMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  check: checkCommand,
  report: reportCommand,
  verify: verifyCommand,
};

export async function governanceCommand(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.stdout(`${GOVERNANCE_USAGE}\n${REPORT_USAGE}`);
    return sub === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = Object.hasOwn(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!command) throw new UsageError(`unknown governance command '${sub}' (check, report, verify)`);
  return command(rest, io);
}
