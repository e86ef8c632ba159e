/**
 * `--json` output: the object MLflow's REST API returns, printed the way MLflow prints it (indent 2,
 * non-ASCII escaped as \uXXXX like Flask's ensure_ascii), so a diff against a real server's response
 * shows only real differences.
 *
 * DEL (U+007F) is escaped too, unlike Python: it is the one terminal control JSON.stringify leaves raw,
 * and main() would otherwise print it as `\x7f`, which is not valid JSON. Escaped, the text holds no
 * character terminalSafe.ts changes: only printable ASCII and line breaks (JSON.stringify escapes
 * every C0 control, CR included), so `printMlflowJson` skips main()'s scan of it.
 */
import type { CliIo } from './io';

const ESCAPED = /[\u007f-\uffff]/g;
/** Non-global twin for the check: most output is ASCII, and testing is ~6× cheaper than replacing. */
const HAS_ESCAPED = /[\u007f-\uffff]/;

export function mlflowJsonText(value: unknown): string {
  const json = JSON.stringify(value, null, 2);
  const text = HAS_ESCAPED.test(json)
    ? json.replace(ESCAPED, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    : json;
  return `${text}\n`;
}

/** Prints `mlflowJsonText(value)`: terminal-safe by construction (see above), so not scanned again. */
export function printMlflowJson(io: CliIo, value: unknown): void {
  const text = mlflowJsonText(value);
  if (io.stdoutTerminalSafe) io.stdoutTerminalSafe(text);
  else io.stdout(text);
}
