/**
 * Removes secrets from text bound for a log: an error's message and stack may quote a request URL, a
 * header or a configuration value, and a log file is read (and attached to bug reports) by people who
 * must never see a tracking server's token or password.
 *
 * Pattern-based, on purpose broader than exact: what looks like a credential is replaced by
 * `[redacted]` even when it was not one. Covered: credentials in URLs (`https://user:pass@host`, also a
 * token alone as user name), Authorization / Proxy-Authorization / Cookie headers in any quoting,
 * `Bearer …` / `Basic …` values, and `name=value` / `name: value` / `"name": "value"` pairs whose name
 * says token, password, secret, key or credential (MLFLOW_TRACKING_TOKEN=…, ?access_token=…).
 */

const HIDDEN = '[redacted]';

/** user[:password]@ right after a scheme's `//`. */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;

/** A header carrying credentials, with its whole value (to the end of the line or the quote). */
const CREDENTIAL_HEADER =
  /\b((?:proxy-)?authorization|cookie|set-cookie|x-api-key)(["']?\s*[:=]\s*["']?)[^"'\r\n,}]*/gi;

/** An auth scheme followed by its credentials, wherever it appears. */
const AUTH_SCHEME = /\b(bearer|basic)(\s+)[A-Za-z0-9._~+/=-]{8,}/gi;

/**
 * A pair whose name ends in a secret-sounding word (password, passwd, pwd, token, secret, api key,
 * credential(s)), with `=` or `:` and an optional quote; the value runs to a space, quote, `&`, `,`
 * `;` or bracket.
 */
const SECRET_PAIR =
  /\b([a-z0-9_.-]*(?:password|passwd|pwd|token|secret|api[_-]?key|apikey|credentials?))(["']?\s*[:=]\s*["']?)[^\s"'&,;)}\]]+/gi;

export function redactSecrets(text: string): string {
  return text
    .replace(URL_CREDENTIALS, `$1${HIDDEN}@`)
    .replace(CREDENTIAL_HEADER, `$1$2${HIDDEN}`)
    .replace(AUTH_SCHEME, `$1$2${HIDDEN}`)
    .replace(SECRET_PAIR, `$1$2${HIDDEN}`);
}
