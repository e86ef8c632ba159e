/**
 * Which URLs a rendered description or artifact may link to. Markdown comes from whoever wrote the run
 * (or a shared store), so only http(s) and mailto links survive; `javascript:`, `data:`, `file:` and
 * relative links (which would navigate the app itself) become plain text.
 */
const ALLOWED = new Set(['http:', 'https:', 'mailto:']);

export function safeLinkUrl(url: string): string | null {
  const trimmed = url.trim();
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"); so do we.
  // eslint-disable-next-line no-control-regex
  const compact = trimmed.replace(/[\u0000-\u0020]/g, '');
  let parsed: URL;
  try {
    parsed = new URL(compact);
  } catch {
    return null; // relative or malformed
  }
  return ALLOWED.has(parsed.protocol.toLowerCase()) ? parsed.href : null;
}
