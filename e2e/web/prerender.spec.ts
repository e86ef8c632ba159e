/**
 * The shell in the page (issue 12): once a launch is over, `runlens serve` renders the app's shell and
 * sidebar for the page's answers and keeps it; a later page with the same answers carries it, so the
 * sidebar paints before the app's script has run. It is inert and in the chosen theme, and React
 * replaces it with the live app.
 */
import { AppPage } from '../pages/AppPage';
import { fixture } from '../support/runlensServer';
import { expect, test } from '../support/test';

const SHELL = 'data-state="prerendered"';

test('a page whose answers were rendered before shows the sidebar before the app’s script runs, then the app takes over', async ({
  context,
  page,
  serve,
}) => {
  test.setTimeout(60_000);
  const server = await serve(fixture('mlflow-3.1.2.dev0/mlruns'));
  // The first launch: no shell kept yet. It is rendered once this launch is over and no call has
  // come for a second (each page asked for is one): asked every 2 s.
  const first = await page.goto(server.url);
  expect(await first?.text()).not.toContain(SHELL);
  await new AppPage(page).waitReady();
  await expect
    .poll(async () => (await page.request.get(server.url)).text(), {
      intervals: [2_000],
      timeout: 30_000,
    })
    .toContain(SHELL);

  // The page alone (the app's script blocked): the sidebar, in the theme chosen, inert.
  const bare = await context.newPage();
  await bare.addInitScript(() => localStorage.setItem('runlens.theme', 'dark'));
  await bare.route('**/assets/*.js', (route) => route.abort());
  await bare.goto(server.url);
  const shell = bare.locator('.app[data-state="prerendered"]');
  await expect(shell).toBeVisible();
  await expect(shell.locator('.experiment-name', { hasText: 'team-a/forecasting' })).toBeVisible();
  expect(await shell.evaluate((el) => (el as HTMLElement).inert)).toBe(true);
  expect(await bare.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
  await bare.close();

  // With the script: React replaces the shell with the live app, which works as ever.
  const live = await context.newPage();
  const response = await live.goto(server.url);
  expect(await response?.text()).toContain(SHELL);
  const app = new AppPage(live);
  await app.waitReady();
  await expect(live.locator('.app')).toHaveCount(1);
  await expect(live.locator('[data-state="prerendered"]')).toHaveCount(0);
  const runs = await app.openExperiment('team-a/forecasting');
  await expect(runs.count).toHaveText('10 runs');
});
