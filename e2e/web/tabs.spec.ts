/**
 * Many tabs of the app at once (deep links invite them). A browser opens at most six HTTP/1.1
 * connections per host and each event stream holds one, so the tabs share one stream (a leader tab,
 * elected with Web Locks, rebroadcasts over a BroadcastChannel): eight tabs all load, all follow a
 * live change, and when the leader closes another tab takes the stream over.
 */
import type { Page } from '@playwright/test';
import {
  copyFixture,
  copyRun,
  FORECASTING,
  PROPHET_09,
  type TempStore,
} from '../../test/support/watchStore';
import { RunsPage } from '../pages/RunsPage';
import { appUrl, hashRoute } from '../support/routes';
import { expect, test } from '../support/test';

let temp: TempStore | undefined;
test.afterEach(() => {
  temp?.dispose();
  temp = undefined;
});

const TABS = 8;

test('eight tabs load, share one event stream and all see a new run', async ({
  context,
  page,
  serve,
}) => {
  test.setTimeout(90_000);
  temp = copyFixture([FORECASTING]);
  const server = await serve(temp.root);
  const streams: string[] = [];
  context.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/events') streams.push(request.url());
  });
  // The first visit sets the token cookie; the tabs then open the runs view by its link.
  await page.goto(server.url);
  const link = appUrl(server.url, hashRoute('/runs', { e: [`s1:${FORECASTING}`] }));
  const tabs: Page[] = [page];
  for (let i = 1; i < TABS; i++) tabs.push(await context.newPage());
  const started = Date.now();
  await Promise.all(tabs.map((tab) => tab.goto(link)));
  for (const tab of tabs) {
    const runs = new RunsPage(tab);
    await runs.waitReady();
    await expect(runs.count).toHaveText('10 runs');
    await expect(runs.liveIndicator).toBeVisible();
  }
  console.log(`${TABS} tabs ready in ${Date.now() - started} ms`);
  // One stream for the whole browser (a reconnect may add one, never one per tab).
  expect(new Set(streams).size).toBeLessThanOrEqual(1);
  expect(streams.length).toBeLessThan(3);

  copyRun(temp.root, FORECASTING, PROPHET_09, 'feedc0de0000000000000000000000e8', 'prophet-10');
  for (const tab of tabs) await expect(new RunsPage(tab).row('prophet-10')).toHaveCount(1);

  // The leader goes away: the others elect a new one and keep following the store.
  const leader = await leaderOf(tabs);
  await leader.close();
  const rest = tabs.filter((t) => t !== leader);
  copyRun(temp.root, FORECASTING, PROPHET_09, 'feedc0de0000000000000000000000e9', 'prophet-11');
  for (const tab of rest) await expect(new RunsPage(tab).row('prophet-11')).toHaveCount(1);
});

/** The tab that holds the event-stream lock. */
async function leaderOf(tabs: Page[]): Promise<Page> {
  for (const tab of tabs) {
    const held = await tab.evaluate(async () => {
      const state = await navigator.locks.query();
      return (state.held ?? []).map((l) => l.clientId);
    });
    const mine = await tab.evaluate(async () => {
      // The lock manager reports the holder's client id; a tab learns its own by asking for a lock.
      let id = '';
      await navigator.locks.request('runlens-probe', async () => {
        const s = await navigator.locks.query();
        id = s.held?.find((l) => l.name === 'runlens-probe')?.clientId ?? '';
      });
      return id;
    });
    if (held.length > 0 && mine !== '' && (await isHolder(tab, mine))) return tab;
  }
  throw new Error('no tab holds the event-stream lock');
}

async function isHolder(tab: Page, clientId: string): Promise<boolean> {
  return tab.evaluate(async (id) => {
    const s = await navigator.locks.query();
    return (s.held ?? []).some((l) => l.name === 'runlens-events' && l.clientId === id);
  }, clientId);
}
