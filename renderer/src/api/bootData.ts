/**
 * The answers the web host embedded in the page (shared/common/firstScreen.ts): put into the query
 * cache under the keys the screens ask for, before the first render, so the sidebar shows without a
 * round trip. Electron's page has none, and a page without them works as before: every screen fetches
 * what the cache lacks.
 */
import type { QueryClient } from '@tanstack/react-query';
import { BOOT_DATA_ELEMENT_ID, type BootAnswer } from '../../../shared/common/firstScreen';
import { METHOD_NAMES } from '../../../shared/common/contract';
import { fromWireJson } from '../../../shared/common/wire';
import { apiQueryKey } from './queries';

function isBootAnswer(value: unknown): value is BootAnswer {
  if (typeof value !== 'object' || value === null) return false;
  const { method, request } = value as { method?: unknown; request?: unknown };
  return (
    typeof method === 'string' &&
    (METHOD_NAMES as readonly string[]).includes(method) &&
    typeof request === 'object' &&
    request !== null &&
    'value' in value
  );
}

/** What seeding reads of the page (a Document; tests pass a stand-in). */
interface PageWithBlock {
  getElementById(id: string): { textContent: string | null; remove(): void } | null;
}

/** Seeds `client` from the page's data block and removes it; returns how many answers were used. */
export function seedBootData(client: QueryClient, doc: PageWithBlock = document): number {
  const element = doc.getElementById(BOOT_DATA_ELEMENT_ID);
  if (!element) return 0;
  element.remove();
  let answers: unknown;
  try {
    answers = fromWireJson(element.textContent ?? '');
  } catch {
    return 0; // A damaged block costs only the round trips it would have saved.
  }
  return seedAnswers(client, answers);
}

/** Puts each well-formed answer into `client` under its query key; returns how many were used. */
export function seedAnswers(client: QueryClient, answers: unknown): number {
  if (!Array.isArray(answers)) return 0;
  let used = 0;
  for (const answer of answers) {
    if (!isBootAnswer(answer)) continue;
    client.setQueryData(apiQueryKey(answer.method, answer.request), answer.value);
    used++;
  }
  return used;
}

/**
 * The web host serves the page at the printed `/?token=…` URL (no redirect round trip) and has set
 * the cookie: the token leaves the address bar, so it is not kept in history nor copied with a link.
 */
export function dropTokenFromAddress(win: Pick<Window, 'location' | 'history'> = window): void {
  const url = new URL(win.location.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  win.history.replaceState(win.history.state, '', url.pathname + url.search + url.hash);
}
