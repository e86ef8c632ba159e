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

/**
 * Whether `json` holds a character ESCAPED matches. Most output is ASCII, and this check is ~4× cheaper
 * than a regular expression's test (5.5 against 21 ms on the 38 MB of a 10,000-run list): a string's
 * UTF-8 length equals its length exactly when every character is below U+0080.
 */
function needsEscapes(json: string): boolean {
  return Buffer.byteLength(json, 'utf8') !== json.length || json.includes('\u007f');
}

export function mlflowJsonText(value: unknown): string {
  const json = JSON.stringify(value, null, 2);
  const text = needsEscapes(json)
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
