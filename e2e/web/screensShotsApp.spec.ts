/**
 * Screenshots (test-results/screens/*.png) of the app-level screens in light and dark, to be looked
 * at: the sidebar with the runs table, the runs chart view, the experiment's logged models and traces,
 * compare (params, metrics, charts, parallel coordinates, scatter), and the dialogs (Open a store,
 * Problems, Connect to server). Each screen is shot once it is ready and checked with axe, so every
 * picture is also an accessibility check. The run-level screens are in screensShots.spec.ts.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { AppPage } from '../pages/AppPage';
import { ServersPanel } from '../pages/ConnectDialog';
import { ScreensPage } from '../pages/ScreensPage';
import { seriousViolations } from '../support/axe';
import { fixture } from '../support/runlensServer';
import { expect, test } from '../support/test';

const THEMES = ['light', 'dark'] as const;
const V3 = 'mlflow-3.1.2.dev0';

interface Ids {
  experiments: Record<string, string>;
  runs: Record<string, string>;
}
const ids = (version: string, kind: 'file' | 'sqlite'): Ids =>
  JSON.parse(readFileSync(fixture(`${version}/ids-${kind}.json`), 'utf8')) as Ids;

/** Axe over the screen as shown, then its picture (`fullPage` for screens that scroll in a tall window). */
async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  expect(await seriousViolations(page), name).toEqual([]);
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage });
}

test('sidebar with the runs table, runs chart view, logged models and traces lists', async ({
  page,
  serve,
}) => {
  test.setTimeout(300_000);
  const server = await serve(fixture(`${V3}/mlruns`));
  const ui = new ScreensPage(page, server);
  await ui.signIn();
  const s = await ui.storeId('mlruns');
  const { experiments } = ids(V3, 'file');
  const e = (name: string) => [`${s}:${experiments[name] ?? ''}`];
  for (const theme of THEMES) {
    await ui.route('/runs', { e: e('iris') }, theme);
    await expect(page.locator('section.runs-view')).toHaveAttribute('data-state', 'ready');
    await expect(page.locator('.pk-skeleton')).toHaveCount(0);
    await shoot(page, `runs-table-${theme}`);

    await ui.route('/runs', { e: e('forecasting'), view: 'chart' }, theme);
    // Generous: the chart code loads on first use, on a machine shared by parallel runs.
    await expect(page.locator('.runs-chart-view')).toHaveAttribute('data-state', 'ready', {
      timeout: 30_000,
    });
    await expect(page.locator('figure.metric-chart[data-state="ready"]').first()).toBeVisible();
    await expect(page.locator('.chart-line').first()).toBeVisible();
    await shoot(page, `runs-chart-${theme}`);

    await ui.route('/runs', { e: e('llm'), tab: 'models' }, theme);
    await expect(page.locator('.logged-models-list')).toHaveAttribute('data-state', 'ready');
    await shoot(page, `logged-models-${theme}`);

    await ui.route('/runs', { e: e('llm'), tab: 'traces' }, theme);
    await expect(page.locator('.traces-list')).toHaveAttribute('data-state', 'ready');
    await shoot(page, `traces-${theme}`);
  }
});

test('compare: params, metrics, charts (rmse only NaN), parallel coordinates and scatter', async ({
  page,
  serve,
}) => {
  test.setTimeout(300_000);
  const server = await serve(fixture('mlflow-2.12.2.dev0/mlruns'), fixture(`${V3}/mlflow.db`));
  const ui = new ScreensPage(page, server);
  await ui.signIn();
  const file = await ui.storeId('mlruns');
  const sqlite = await ui.storeId('mlflow.db');
  const v2 = ids('mlflow-2.12.2.dev0', 'file').runs;
  const runs = [
    `${file}:${v2['fc-4'] ?? ''}`,
    `${sqlite}:${ids(V3, 'sqlite').runs['fc-0'] ?? ''}`,
    `${file}:${v2['fc-1'] ?? ''}`,
  ];
  for (const theme of THEMES) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await ui.route('/compare', { runs, metrics: ['mape', 'rmse'] }, theme);
    await expect(page.locator('.compare-page')).toHaveAttribute('data-state', 'ready');
    for (const chart of await page.locator('figure.metric-chart').all()) {
      await chart.scrollIntoViewIfNeeded();
      await expect(chart).toHaveAttribute('data-state', 'ready');
    }
    await expect(page.locator('.parallel-coords polyline')).toHaveCount(3);
    // rmse is NaN in every run that logged it: the chart says so instead of an empty frame.
    await expect(ui.chart('rmse').locator('.chart-empty')).toHaveText('Nothing to draw: 1 NaN');
    await expect(ui.chart('rmse').locator('.recharts-surface')).toHaveCount(0);
    // The page scrolls inside the app's main area: a tall window shows all of it.
    await page.setViewportSize({ width: 1440, height: 2600 });
    await page.waitForTimeout(200);
    await shoot(page, `compare-all-${theme}`);
  }
});

test('dialogs: Open a store, Problems of a store with a corrupt experiment, Connect to server', async ({
  page,
  serve,
}) => {
  test.setTimeout(300_000);
  const tmp = mkdtempSync(join(tmpdir(), 'runlens-shots-'));
  try {
    const store = join(tmp, 'mlruns');
    cpSync(fixture(`${V3}/mlruns`), store, { recursive: true });
    const broken = ids(V3, 'file').experiments.forecasting ?? '';
    writeFileSync(join(store, broken, 'meta.yaml'), 'name: [unclosed\nexperiment_id: {');
    const server = await serve(store);
    const app = new AppPage(page);
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      await app.open(server.url);
      await expect(app.sidebar.locator('li.experiment.broken')).toHaveCount(1);
      await shoot(page, `sidebar-problem-${theme}`);
      await app.sidebar.locator('li.experiment.broken').getByRole('link').click();
      await expect(page.locator('.broken-experiment')).toBeVisible();
      await shoot(page, `runs-unreadable-${theme}`);

      await app.problemsButton(app.store()).click();
      await expect(app.problemsDialog()).toBeVisible();
      await shoot(page, `problems-${theme}`);
      await page.keyboard.press('Escape');
      await expect(app.problemsDialog()).toHaveCount(0);

      await app.openButton.click();
      await app.openDialog().path.fill(fixture(''));
      await expect(app.openDialog().options.first()).toBeVisible();
      await shoot(page, `open-store-${theme}`);
      await page.keyboard.press('Escape');

      const servers = new ServersPanel(page);
      const dialog = await servers.openDialog();
      await dialog.url.fill('https://mlflow.example.com');
      await shoot(page, `connect-${theme}`);
      await page.keyboard.press('Escape');
      await expect(dialog.root).toBeHidden();
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
