/**
 * `runlens governance report STORE --model NAME [--version N] [--policy FILE] [--as-of DATE] --out FILE`
 * (.json canonical, .html print-ready, .md) and `runlens governance verify REPORT.json`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { toApiError } from '../../common/errors';
import { choosePolicy, parseAsOf } from '../governance/evaluate';
import { PolicyLoadError } from '../governance/loadPolicy';
import { buildAuditReport } from '../governance/report/build';
import { reportText } from '../governance/report/reportText';
import {
  checkArtifacts,
  checkIntegrity,
  checkPolicy,
  parseReport,
  type HashCheck,
} from '../governance/report/verify';
import { createStore } from '../service/createStore';
import { resolveLocation } from '../service/openLocation';
import type { TrackingStore } from '../stores/TrackingStore';
import { flag, parse, positionalsExactly, stringValue } from './args';
import {
  type CliIo,
  CliFailure,
  EXIT_FAILURE,
  EXIT_OK,
  EXIT_USAGE,
  failureOf,
  UsageError,
} from './io';

export const REPORT_USAGE = `Usage: runlens governance report STORE --model NAME [--version N] [--policy FILE] [--as-of DATE] --out FILE
       runlens governance verify REPORT.json

report writes the audit report of one model version (default: the version holding @champion/@prod/
@production, else the newest): .json canonical JSON (deterministic, hashable), .html a self-contained
print-ready page, .md Markdown. verify recomputes the report's own SHA-256, the policy file's and every
artifact's from the store, and exits 1 if any differs.
`;

async function withStore<T>(
  location: string,
  io: CliIo,
  work: (s: TrackingStore) => Promise<T>,
): Promise<T> {
  let store: TrackingStore;
  try {
    store = await createStore(resolveLocation(location, io.cwd));
    await store.open();
  } catch (err) {
    throw failureOf(toApiError(err));
  }
  try {
    return await work(store);
  } catch (err) {
    if (err instanceof CliFailure || err instanceof UsageError) throw err;
    throw failureOf(toApiError(err));
  } finally {
    await store.close();
  }
}

export async function reportCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parse(args, {
    model: { type: 'string' },
    version: { type: 'string' },
    policy: { type: 'string' },
    'as-of': { type: 'string' },
    out: { type: 'string' },
  });
  if (flag(parsed, 'help')) {
    io.stdout(REPORT_USAGE);
    return EXIT_OK;
  }
  const [location = ''] = positionalsExactly(parsed, ['STORE']);
  const model = stringValue(parsed, 'model');
  const out = stringValue(parsed, 'out');
  if (!model) throw new UsageError('missing --model NAME');
  if (!out) throw new UsageError('missing --out FILE (.json, .html or .md)');
  const ext = extname(out).toLowerCase();
  if (!['.json', '.html', '.htm', '.md'].includes(ext))
    throw new UsageError(`--out must end in .json, .html or .md, not '${ext || out}'`);
  const asOf = parseAsOfOrUsage(stringValue(parsed, 'as-of'));
  return withStore(location, io, async (store) => {
    let policy;
    try {
      policy = choosePolicy(store, stringValue(parsed, 'policy'), io.cwd).policy;
    } catch (err) {
      if (!(err instanceof PolicyLoadError)) throw err;
      for (const p of err.problems)
        io.stderr(`runlens: ${p.file}:${p.line}:${p.column}: ${p.message}\n`);
      throw new CliFailure('the policy cannot be used', EXIT_USAGE);
    }
    const version = stringValue(parsed, 'version');
    const report = await buildAuditReport(store, { model, version, policy, asOf });
    const text = reportText(report, ext === '.json' ? 'json' : ext === '.md' ? 'md' : 'html');
    const target = resolve(io.cwd, out);
    writeFileSync(target, text);
    io.stdout(`${target}\nreport sha256 ${report.integrity.sha256}\n`);
    return EXIT_OK;
  });
}

function parseAsOfOrUsage(text: string | undefined): number {
  try {
    return parseAsOf(text);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

export async function verifyCommand(args: string[], io: CliIo): Promise<number> {
  const parsed = parse(args, {});
  if (flag(parsed, 'help')) {
    io.stdout(REPORT_USAGE);
    return EXIT_OK;
  }
  const [file = ''] = positionalsExactly(parsed, ['REPORT.json']);
  let report;
  try {
    report = parseReport(readFileSync(resolve(io.cwd, file), 'utf8'));
  } catch (err) {
    throw new UsageError(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const checks: HashCheck[] = [checkIntegrity(report)];
  const policy = checkPolicy(report);
  if (policy) checks.push(policy);
  checks.push(...(await withStore(report.store.location, io, (s) => checkArtifacts(report, s))));
  for (const c of checks)
    io.stdout(
      `${c.ok ? 'OK      ' : 'MISMATCH'} ${c.what}${c.ok ? '' : ` (expected ${c.expected}, got ${c.actual ?? 'unreadable'})`}\n`,
    );
  const bad = checks.filter((c) => !c.ok).length;
  io.stdout(
    bad === 0
      ? `verified: ${checks.length} hashes match\n`
      : `NOT verified: ${bad} of ${checks.length} hashes differ\n`,
  );
  return bad === 0 ? EXIT_OK : EXIT_FAILURE;
}
