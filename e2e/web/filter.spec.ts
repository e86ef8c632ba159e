/** The filter box speaks MLflow's search syntax; the store parses it and its errors show inline. */
import { join } from 'node:path';
import { AppPage } from '../pages/AppPage';
import { fixture, REPO_ROOT } from '../support/runlensServer';
import { expect, test } from '../support/test';

test('a metric filter narrows the runs; a bad filter shows the store message', async ({
  page,
  serve,
}) => {
  const server = await serve(fixture('mlflow-3.1.2.dev0/mlruns'));
  const app = new AppPage(page);
  await app.open(server.url);
  const runs = await app.openExperiment('iris-classification');
  await expect(runs.count).toHaveText('10 runs');

  await runs.filter('metrics.f1 > 0.9');
  await runs.waitReady();
  await expect(runs.count).toHaveText('3 runs');
  expect((await runs.runNames()).sort()).toEqual([
    'hp-sweep-trial-0',
    'hp-sweep-trial-2-refit',
    'hp-sweep-trial-3',
  ]);
  await expect(runs.filterError).toHaveCount(0);

  await runs.filter('metrics.f1 > 0.99');
  await expect(runs.emptyMessage).toHaveText('No runs match this filter.');

  await runs.filter('this is not a filter');
  await expect(runs.table).toHaveAttribute('data-state', 'error');
  await expect(runs.filterError).toBeVisible();
  await expect(runs.filterError).not.toBeEmpty();
  await expect(runs.filterInput).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: join(REPO_ROOT, 'test-results/screens/filter-error.png') });

  await runs.filter('');
  await runs.waitReady();
  await expect(runs.count).toHaveText('10 runs');
  await expect(runs.filterError).toHaveCount(0);
});
