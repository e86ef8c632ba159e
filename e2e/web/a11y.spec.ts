/**
 * axe-core finds no serious or critical violation on the screens of the sidebar and the runs view, on
 * both fixture versions and both store kinds, each version and each kind in both themes. Every store
 * in every theme would double the time (axe over these screens takes ~35 s per run on CI) for no new
 * screen: screensShotsApp.spec.ts also checks each of these screens light and dark.
 */
import type { Page } from '@playwright/test';
import { AppPage } from '../pages/AppPage';
import { seriousViolations } from '../support/axe';
import { appUrl, hashRoute } from '../support/routes';
import { fixture } from '../support/runlensServer';
import { expect, test } from '../support/test';

const STORES = [
  { store: 'mlflow-3.1.2.dev0/mlruns', scheme: 'light' },
  { store: 'mlflow-3.1.2.dev0/mlflow.db', scheme: 'dark' },
  { store: 'mlflow-2.12.2.dev0/mlruns', scheme: 'dark' },
  { store: 'mlflow-2.12.2.dev0/mlflow.db', scheme: 'light' },
] as const;

async function check(page: Page, screen: string): Promise<void> {
  expect(await seriousViolations(page), screen).toEqual([]);
}

for (const { store, scheme } of STORES) {
  test(`no serious or critical axe violation (${store}, ${scheme})`, async ({ page, serve }) => {
    test.setTimeout(90_000);
    await page.emulateMedia({ colorScheme: scheme });
    const server = await serve(fixture(store));
    const app = new AppPage(page);
    await app.open(server.url);
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    await check(page, 'start');

    const runs = await app.openExperiment('iris-classification');
    await check(page, 'runs');

    await runs.columnsButton.click();
    await check(page, 'column chooser');
    await page.keyboard.press('Escape');

    await runs.groupButton.click();
    await check(page, 'group popover');
    await page.keyboard.press('Escape');

    await app.openButton.click();
    await app.openDialog().path.fill(fixture(''));
    await expect(app.openDialog().options.first()).toBeVisible();
    await check(page, 'open a store');
    await page.keyboard.press('Escape');

    await runs.filter('metrics.f1 >');
    await expect(runs.filterError).toBeVisible();
    await check(page, 'filter error');

    await page.goto(
      appUrl(
        server.url,
        hashRoute('/runs', { e: ['s1:0', 's1:1', 's1:2'], group: 'p:solver', agg: 'm:f1' }),
      ),
    );
    await runs.waitReady();
    await check(page, 'several experiments, grouped');

    await page.goto(appUrl(server.url, hashRoute('/run/s1/abc')));
    // A run that does not exist: the run page's error state.
    await expect(app.runPage()).toHaveAttribute('data-state', 'error');
    await check(page, 'run not found');
  });
}
