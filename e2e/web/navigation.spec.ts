/**
 * The URL holds the screen: a link copied from the address bar opens the same view, a reload keeps
 * it, Back and Forward walk through what was done. On both fixture versions, both store kinds, and a
 * remote store (the replay of a real MLflow 3.1 server).
 */
import { startReplayServer, type ReplayServer } from '../../test/rest/replayServer';
import { AppPage } from '../pages/AppPage';
import { RunsPage } from '../pages/RunsPage';
import { capturedRunIds } from '../support/captures';
import { appUrl, hashRoute } from '../support/routes';
import { fixture } from '../support/runlensServer';
import { expect, test } from '../support/test';

const LOCAL = [
  'mlflow-3.1.2.dev0/mlruns',
  'mlflow-3.1.2.dev0/mlflow.db',
  'mlflow-2.12.2.dev0/mlruns',
  'mlflow-2.12.2.dev0/mlflow.db',
];

for (const store of LOCAL) {
  test(`reload and Back/Forward keep the runs view (${store})`, async ({ page, serve }) => {
    const server = await serve(fixture(store));
    const app = new AppPage(page);
    await app.open(server.url);
    const runs = await app.openExperiment('iris-classification');
    await expect(runs.count).toHaveText('10 runs');

    await runs.filter('metrics.f1 > 0.8');
    await expect(runs.count).toHaveText('7 runs');
    await runs.header('f1').getByRole('button').click();
    await expect(runs.header('f1')).toHaveAttribute('aria-sort', 'descending');
    const first = (await runs.runNames())[0] ?? '';
    await runs.row(first).click();
    await expect(runs.row(first)).toHaveAttribute('aria-selected', 'true');
    const url = page.url();
    expect(url).toContain('filter=');
    expect(url).toContain('sort=');
    expect(url).toContain('sel=');

    // Reload: the same experiment, filter, sort and selection.
    await page.reload();
    await app.waitReady();
    await runs.waitReady();
    await expect(runs.title).toHaveText('iris-classification');
    await expect(runs.filterInput).toHaveValue('metrics.f1 > 0.8');
    await expect(runs.count).toHaveText('7 runs');
    await expect(runs.header('f1')).toHaveAttribute('aria-sort', 'descending');
    await expect(runs.row(first)).toHaveAttribute('aria-selected', 'true');
    await expect(app.experimentCheckbox('iris-classification')).toBeChecked();

    // The same link in a new tab opens the same view.
    const other = await page.context().newPage();
    await other.goto(url);
    const otherRuns = new RunsPage(other);
    await otherRuns.waitReady();
    await expect(otherRuns.count).toHaveText('7 runs');
    await expect(otherRuns.header('f1')).toHaveAttribute('aria-sort', 'descending');
    await other.close();

    // Back: unsorted (the selection replaced its entry), then unfiltered; Forward: both again.
    await page.goBack();
    await expect(runs.header('f1')).toHaveAttribute('aria-sort', 'none');
    await expect(runs.count).toHaveText('7 runs');
    await page.goBack();
    await expect(runs.filterInput).toHaveValue('');
    await expect(runs.count).toHaveText('10 runs');
    await page.goForward();
    await expect(runs.filterInput).toHaveValue('metrics.f1 > 0.8');
    await expect(runs.count).toHaveText('7 runs');
    await page.goForward();
    await expect(runs.header('f1')).toHaveAttribute('aria-sort', 'descending');

    // Another experiment and back: the sidebar follows the URL.
    await app.experiment('team-a/forecasting').click();
    await expect(runs.title).toHaveText('team-a/forecasting');
    await expect(app.experimentCheckbox('iris-classification')).not.toBeChecked();
    await page.goBack();
    await expect(runs.title).toHaveText('iris-classification');
    await expect(app.experimentCheckbox('iris-classification')).toBeChecked();
  });
}

test('deep links to the other screens survive a reload', async ({ page, serve }) => {
  const server = await serve(fixture('mlflow-3.1.2.dev0/mlruns'));
  const app = new AppPage(page);
  await app.open(server.url);
  const routes = [
    hashRoute('/run/s1/df5ed376d2b14d60bbbb15c9cfdea21e', { tab: 'params' }),
    hashRoute('/models/s1'),
    hashRoute('/compare', { runs: ['s1:df5ed376d2b14d60bbbb15c9cfdea21e'] }),
    hashRoute('/governance'),
  ];
  for (const route of routes) {
    await page.goto(appUrl(server.url, route));
    await app.waitReady();
    await expect(app.main.locator('[data-state="ready"]').first()).toBeVisible();
    await page.reload();
    await app.waitReady();
    expect(decodeURIComponent(page.url())).toContain(decodeURIComponent(route));
    await expect(app.main.locator('[data-state="ready"]').first()).toBeVisible();
  }
  // An address no screen has says so, with a way back.
  await page.goto(appUrl(server.url, '#/no/such/screen'));
  await expect(app.main.getByText('This link leads nowhere in Runlens')).toBeVisible();
});

test.describe('remote store (replay of an MLflow 3.1 server)', () => {
  /** Children of the sweep parent in runs-search.children_of_parent.json. */
  const CHILDREN = capturedRunIds(
    'mlflow-3.1.2.dev0/rest',
    'runs-search.children_of_parent.json',
  ).length;
  let replay: ReplayServer;
  test.beforeEach(async () => {
    replay = await startReplayServer(fixture('mlflow-3.1.2.dev0/rest'));
  });
  test.afterEach(async () => {
    await replay.close();
  });

  test('reload and Back/Forward keep the runs view', async ({ page, serve }) => {
    const server = await serve(replay.url);
    const app = new AppPage(page);
    await app.open(server.url);
    const runs = await app.openExperiment('iris-classification');
    await expect(runs.count).toHaveText('10 runs');
    // A filter the server answered in the captures (its own grammar: pushed down to runs/search).
    await runs.filter("tags.mlflow.parentRunId = 'bed924b0903f4adb96e226e3954c28b1'");
    await expect(runs.count).toHaveText(`${CHILDREN} runs`);

    await page.reload();
    await app.waitReady();
    await runs.waitReady();
    await expect(runs.title).toHaveText('iris-classification');
    await expect(runs.count).toHaveText(`${CHILDREN} runs`);
    await page.goBack();
    await expect(runs.count).toHaveText('10 runs');
    await page.goForward();
    await expect(runs.count).toHaveText(`${CHILDREN} runs`);
  });
});
