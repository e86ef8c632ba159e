/**
 * Who may talk to the web host. It serves a user's tracking data on a local port, so any web page
 * the user visits could try to reach it; three checks stop that:
 * - a per-launch token, given once in the printed URL and then kept in an HttpOnly SameSite=Strict
 *   cookie (scripts may send it as the `X-Runlens-Token` header instead);
 * - a Host header check, against DNS rebinding (evil.example resolving to 127.0.0.1): hostCheck.ts;
 * - an Origin check on API calls, against cross-site requests that carry the cookie.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Cookies are not scoped by port, so the name carries it: two `runlens serve` on one machine must not
 * overwrite each other's token and log each other out.
 */
export function tokenCookieName(port: number): string {
  return `runlens_token_${port}`;
}
export const TOKEN_HEADER = 'x-runlens-token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison; hashing first makes the lengths equal without leaking them. */
export function tokensMatch(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(token).digest();
  return timingSafeEqual(a, b);
}

/** Values of a cookie in a Cookie header (there may be several with the same name). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const out: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    out.push(part.slice(eq + 1).trim());
  }
  return out;
}

/** True when the request carries the token as cookie or header. */
export function isAuthenticated(req: IncomingMessage, token: string, port: number): boolean {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string' && tokensMatch(header, token)) return true;
  return cookieValues(req.headers.cookie, tokenCookieName(port)).some((v) => tokensMatch(v, token));
}

export function tokenCookie(token: string, port: number): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** API calls from a browser must come from a page of this server; no Origin (curl, scripts) is fine. */
export function isSameOriginOrNone(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host;
  return typeof host === 'string' && origin.toLowerCase() === `http://${host.toLowerCase()}`;
}
