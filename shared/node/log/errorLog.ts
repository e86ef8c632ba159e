/**
 * Where unexpected (INTERNAL) errors are written, with their stack: the API answers the caller a short
 * message, and without this the stack of a bug was lost. The hosts choose the sink — stderr for the CLI
 * and the web host, a file in the app's data folder for Electron (fileLogSink.ts) — and every entry
 * goes through redactSecrets first.
 */
import { redactSecrets } from './redactSecrets';

/** Receives whole log entries, each ending in a newline. */
export type LogSink = (entry: string) => void;

export const stderrSink: LogSink = (entry) => {
  process.stderr.write(entry);
};

/** Causes followed at most this deep (a cycle of causes must not loop). */
const MAX_CAUSES = 5;

function describeOne(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * One log entry: a timestamped first line naming where it happened, then the stack and each cause's,
 * with secrets removed.
 */
export function internalErrorEntry(where: string, err: unknown, now: Date = new Date()): string {
  const parts = [describeOne(err)];
  let cause = err instanceof Error ? err.cause : undefined;
  for (let depth = 0; cause !== undefined && depth < MAX_CAUSES; depth++) {
    parts.push(`Caused by: ${describeOne(cause)}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  const body = parts.join('\n').replace(/\n*$/, '');
  return redactSecrets(`${now.toISOString()} runlens: INTERNAL error in ${where}\n${body}\n`);
}

/** Writes the entry; a failing sink (a full disk, a closed stderr) must never fail the answer. */
export function logInternalError(sink: LogSink, where: string, err: unknown): void {
  try {
    sink(internalErrorEntry(where, err));
  } catch {
    // Nowhere left to report it.
  }
}
