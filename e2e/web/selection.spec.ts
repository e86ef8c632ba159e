/**
 * Selecting runs (click, shift-click, select all) into the URL's `sel`, which the compare view takes;
 * experiments of several stores shown together.
 */
import { AppPage } from '../pages/AppPage';
import { fixture } from '../support/runlensServer';
import { expect, test } from '../support/test';

function selectionOf(url: string): string[] {
  const raw = new URLSearchParams(new URL(url).hash.split('?')[1] ?? '').get('sel');
  return raw ? (JSON.parse(raw) as string[]) : [];
}

test('click, shift-click and select all feed the compare view', async ({ page, serve }) => {
  const server = await serve(fixture('mlflow-3.1.2.dev0/mlruns'));
  const app = new AppPage(page);
  await app.open(server.url);
  const runs = await app.openExperiment('iris-classification');
  const names = await runs.runNames();

  await runs.row(names[1] ?? '').click();
  await expect(runs.row(names[1] ?? '')).toHaveAttribute('aria-selected', 'true');
  await runs.row(names[4] ?? '').click({ modifiers: ['Shift'] });
  for (const name of names.slice(1, 5))
    await expect(runs.row(name)).toHaveAttribute('aria-selected', 'true');
  await expect(runs.row(names[0] ?? '')).toHaveAttribute('aria-selected', 'false');
  await expect(runs.compareButton).toHaveText('Compare (4)');
  expect(selectionOf(page.url())).toHaveLength(4);

  // Clicking a selected run again unselects it.
  await runs.row(names[2] ?? '').click();
  await expect(runs.row(names[2] ?? '')).toHaveAttribute('aria-selected', 'false');
  await expect(runs.compareButton).toHaveText('Compare (3)');

  await runs.selectAll.check();
  await expect(runs.compareButton).toHaveText('Compare (10)');
  await runs.selectAll.uncheck();
  await expect(runs.compareButton).toHaveText('Compare');
  await expect(runs.compareButton).toBeDisabled();

  await runs.row(names[0] ?? '').click();
  await runs.row(names[3] ?? '').click();
  const ids = (await runs.runIds()).filter((_id, i) => i === 0 || i === 3);
  await runs.compareButton.click();
  await expect(page).toHaveURL(/#\/compare\?/);
  const compared = JSON.parse(
    new URLSearchParams(new URL(page.url()).hash.split('?')[1] ?? '').get('runs') ?? '[]',
  ) as string[];
  expect(compared.sort()).toEqual(ids.map((id) => `s1:${id}`).sort());
  await page.goBack();
  await runs.waitReady();
  await expect(runs.compareButton).toHaveText('Compare (2)');
});

test('experiments of two stores shown together, with an experiment column', async ({
  page,
  serve,
}) => {
  const server = await serve(
    fixture('mlflow-3.1.2.dev0/mlruns'),
    fixture('mlflow-2.12.2.dev0/mlflow.db'),
  );
  const app = new AppPage(page);
  await app.open(server.url);
  const first = app.store('mlflow-3.1.2.dev0/mlruns');
  const second = app.store('mlflow-2.12.2.dev0/mlflow.db');
  const runs = await app.openExperiment('iris-classification', first);
  await expect(runs.count).toHaveText('10 runs');
  await app.experimentCheckbox('team-a/forecasting', second).check();
  await runs.waitReady();
  await expect(runs.title).toHaveText('2 experiments');
  await expect(runs.count).toHaveText('20 runs');
  expect(await runs.columnIds()).toContain('experiment');
  await expect(runs.rows.locator('.run-name', { hasText: 'prophet-07' })).toHaveCount(1);
  // Each row knows its store.
  const stores = await runs.rows.evaluateAll((rows) => [
    ...new Set(rows.map((r) => r.getAttribute('data-store-id'))),
  ]);
  expect(stores.sort()).toEqual(['s1', 's2']);
  await app.experimentCheckbox('iris-classification', first).uncheck();
  await expect(runs.count).toHaveText('10 runs');
  await expect(runs.title).toHaveText('team-a/forecasting');
});
