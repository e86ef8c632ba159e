/**
 * Store content printed to a terminal is data, never commands: a run named `x\e]0;PWNED\a` must not
 * retitle the window, `\e[2J` must not clear the screen, a lone CR must not overwrite what was printed
 * before it on the line, and bidirectional overrides must not reorder text. main() passes everything
 * the CLI prints through `neutraliseControls`; CSV line ends (CRLF) and tabs/newlines are kept.
 *
 * JSON output stays valid JSON with the same data: JSON.stringify already escapes C0 controls and CR,
 * and what it leaves raw (DEL, C1, bidi characters) is shown as `\uXXXX`, which JSON reads back as
 * the very same character. (`\x85` there made `governance check --format json|sarif` unparseable for
 * a run named with one; `runs --json` escapes every non-ASCII character itself, as MLflow does.)
 */

/**
 * C0 controls except TAB and LF, DEL, C1 controls, CR not followed by LF, and the Unicode bidi
 * embedding/override/isolate characters.
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

function visibleEscape(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < 0x20
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `text` with every unsafe character shown as a visible escape (`\x1b`, `\u0085`, `\u202e`). */
export function neutraliseControls(text: string): string {
  return text.replace(UNSAFE, visibleEscape);
}

/**
 * A CSV cell that a spreadsheet would run as a formula (starts with = + - @, or TAB / CR before one)
 * gets a leading apostrophe (OWASP's advice). Numbers stay as they are: `-0.5` is a value, not a formula.
 */
export function neutraliseFormula(value: string): string {
  if (!/^[=+\-@\t\r]/.test(value)) return value;
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value) || value === '-Infinity') return value;
  return `'${value}`;
}
