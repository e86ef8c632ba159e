/**
 * The pipe end to end: `runlens serve` on a real store written by MLflow, the built UI in Chromium,
 * experiments in the sidebar and the runs table of one experiment.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppPage } from '../pages/AppPage';
import { fixture, REPO_ROOT } from '../support/runlensServer';
import { expect, test } from '../support/test';

const SCREENS = join(REPO_ROOT, 'test-results/screens');
const ACTIVE_EXPERIMENTS = ['Default', 'iris-classification', 'llm-eval ✨', 'team-a/forecasting'];

const STORES = [
  { kind: 'file', path: 'mlflow-3.1.2.dev0/mlruns', screenshot: 'runs-filestore.png' },
  { kind: 'sqlite', path: 'mlflow-2.12.2.dev0/mlflow.db', screenshot: 'runs-sqlite.png' },
] as const;

for (const store of STORES) {
  test.describe(`${store.kind} store (${store.path})`, () => {
    test('lists the active experiments; deleted ones only when asked', async ({ page, serve }) => {
      const server = await serve(fixture(store.path));
      const app = new AppPage(page);
      await app.open(server.url);

      expect([...(await app.experimentNames())].sort()).toEqual([...ACTIVE_EXPERIMENTS].sort());
      await app.showDeleted.check();
      await expect(app.experiment('scratch-deleted')).toBeVisible();
      await app.showDeleted.uncheck();
      await expect(app.experiment('scratch-deleted')).toHaveCount(0);
    });

    test('shows the runs of team-a/forecasting with status and metric columns', async ({
      page,
      serve,
    }) => {
      const server = await serve(fixture(store.path));
      const app = new AppPage(page);
      await app.open(server.url);
      const runs = await app.openExperiment('team-a/forecasting');

      await expect(runs.title).toHaveText('team-a/forecasting');
      await expect(runs.count).toHaveText('10 runs');
      await expect(runs.rows).toHaveCount(10);
      await expect(runs.row('prophet-09').locator('.pill')).toHaveText('RUNNING');
      await expect(runs.row('prophet-07').locator('.pill')).toHaveText('FAILED');
      await expect(runs.row('prophet-08').locator('.pill')).toHaveText('KILLED');

      const headers = await runs.headerLabels();
      expect(headers.slice(0, 6)).toEqual([
        'Run',
        'Status',
        'Started',
        'Duration',
        'User',
        'Source',
      ]);
      // Metric columns by default (further right: the table scrolls sideways to them).
      await runs.revealColumn('mape');
      await runs.revealColumn('rmse');
      // prophet-04 logged rmse = NaN: the table says so instead of leaving the cell blank.
      await expect(await runs.cell('prophet-04', 'rmse')).toHaveText('NaN');

      mkdirSync(SCREENS, { recursive: true });
      await page.screenshot({ path: join(SCREENS, store.screenshot), fullPage: true });
    });
  });
}

test('nests child runs under their parent and keeps the tree when sorted by a metric', async ({
  page,
  serve,
}) => {
  const server = await serve(fixture('mlflow-3.1.2.dev0/mlruns'));
  const app = new AppPage(page);
  await app.open(server.url);
  const runs = await app.openExperiment('iris-classification');

  await expect(runs.rows).toHaveCount(10);
  const names = await runs.runNames();
  const parent = names.indexOf('hp-sweep');
  expect(names.slice(parent + 1, parent + 6).sort()).toEqual([
    'hp-sweep-trial-0',
    'hp-sweep-trial-1',
    'hp-sweep-trial-2',
    'hp-sweep-trial-2-refit',
    'hp-sweep-trial-3',
  ]);
  // The refit sits right under its own parent, trial 2.
  expect(names[names.indexOf('hp-sweep-trial-2') + 1]).toBe('hp-sweep-trial-2-refit');

  await runs.header('f1').getByRole('button').click();
  await runs.waitReady();
  await expect(runs.header('f1')).toHaveAttribute('aria-sort', 'descending');
  // Sorted by f1 (descending, missing last) among siblings; children stay under their parents.
  await expect
    .poll(() => runs.runNames())
    .toEqual([
      'logreg-C3',
      'logreg-C0',
      'logreg-C2',
      'logreg-C1',
      'hp-sweep',
      'hp-sweep-trial-3',
      'hp-sweep-trial-0',
      'hp-sweep-trial-1',
      'hp-sweep-trial-2',
      'hp-sweep-trial-2-refit',
    ]);

  // A run's name opens its page (its own route: a deep link).
  await runs.row('logreg-C0').locator('.run-name').click();
  await expect(page).toHaveURL(/#\/run\/s1\/[0-9a-f]{32}/);
  await expect(app.main.locator('[data-state="ready"]').first()).toBeVisible();
  await page.goBack();
  await runs.waitReady();
  await expect(runs.header('f1')).toHaveAttribute('aria-sort', 'descending');
});
