/**
 * The set-up most web specs start with: `runlens serve` on the test's stores, the page signed in with
 * the printed token URL, and the id of the store the test looks at (the one whose location ends with
 * `store`).
 */
import type { Page } from '@playwright/test';
import { ScreensPage } from '../pages/ScreensPage';
import type { RunlensServer } from './runlensServer';

export async function signedIn(
  page: Page,
  serve: (...stores: string[]) => Promise<RunlensServer>,
  stores: string[],
  store: string,
): Promise<{ server: RunlensServer; ui: ScreensPage; storeId: string }> {
  const server = await serve(...stores);
  const ui = new ScreensPage(page, server);
  await ui.signIn();
  const storeId = await ui.storeId(store);
  return { server, ui, storeId };
}
