/**
 * `--json` output: the object MLflow's REST API returns, printed the way MLflow prints it (indent 2,
 * non-ASCII escaped as \uXXXX like Flask's ensure_ascii), so a diff against a real server's response
 * shows only real differences.
 */
export function mlflowJsonText(value: unknown): string {
  const text = JSON.stringify(value, null, 2).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `${text}\n`;
}
