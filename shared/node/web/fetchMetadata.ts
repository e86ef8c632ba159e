/**
 * Fetch metadata (`Sec-Fetch-Site`), a second check on API calls next to the Origin check. The token
 * cookie is SameSite=Strict, and "same-site" includes every other port of 127.0.0.1 and localhost: a
 * page served by another local program would carry the cookie. Browsers that send this header say
 * where the call comes from; only this server's own pages ("same-origin") and the user's own actions
 * ("none": address bar, bookmarks) may call the API. No header (curl, scripts, old browsers) is
 * left to the token and Origin checks.
 */
import type { IncomingMessage } from 'node:http';

export function isFetchFromOwnPages(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === undefined) return true;
  return site === 'same-origin' || site === 'none';
}
