/**
 * The column chooser: search, show/hide, pin, reorder, a metric's min and max as columns, widths by
 * dragging; all remembered per experiment (and carried by the URL while the view is open).
 */
import { AppPage } from '../pages/AppPage';
import { fixture } from '../support/runlensServer';
import { expect, test } from '../support/test';

const STORES = ['mlflow-3.1.2.dev0/mlruns', 'mlflow-2.12.2.dev0/mlflow.db'];

for (const store of STORES) {
  test(`choose, pin, reorder and resize columns, remembered per experiment (${store})`, async ({
    page,
    serve,
  }) => {
    const server = await serve(fixture(store));
    const app = new AppPage(page);
    await app.open(server.url);
    const runs = await app.openExperiment('iris-classification');
    expect((await runs.columnIds()).slice(0, 6)).toEqual([
      'name',
      'status',
      'start',
      'duration',
      'user',
      'source',
    ]);

    await runs.columnsButton.click();
    const chooser = runs.chooser();
    await expect(chooser.root).toBeVisible();
    // Search narrows the list; a metric is offered as latest, min and max.
    await chooser.search.fill('loss');
    await expect(chooser.item('m:loss')).toBeVisible();
    await expect(chooser.item('mmax:loss')).toBeVisible();
    await expect(chooser.item('p:solver')).toHaveCount(0);
    await chooser.item('mmax:loss').getByRole('checkbox').check();
    await chooser.search.fill('');
    await chooser.item('user').getByRole('checkbox').uncheck();
    await chooser.item('m:f1').getByRole('button', { name: 'Pin f1 left' }).click();
    await chooser.item('status').getByRole('button', { name: 'Move Status down' }).click();
    await page.keyboard.press('Escape');
    await expect(chooser.root).toHaveCount(0);
    await expect(runs.columnsButton).toBeFocused();

    const expectColumns = async () => {
      const ids = await runs.columnIds();
      expect(ids.slice(0, 4)).toEqual(['name', 'm:f1', 'start', 'status']);
      expect(ids).not.toContain('user');
    };
    await expectColumns();
    // The max of loss over the whole history, not its latest value.
    const maxCell = await runs.cell('logreg-C0', 'loss (max)');
    const latestCell = await runs.cell('logreg-C0', 'loss');
    await expect(maxCell).not.toBeEmpty();
    const max = Number((await maxCell.innerText()).replace('\u2212', '-'));
    const latest = Number((await latestCell.innerText()).replace('\u2212', '-'));
    expect(max).toBeGreaterThan(latest);

    // Resize Started by dragging its handle.
    await runs.revealColumn('Started');
    const header = runs.header('Started');
    const before = (await header.boundingBox())?.width ?? 0;
    const handle = header.locator('.resize-handle');
    const box = await handle.boundingBox();
    if (!box) throw new Error('no resize handle');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 80, box.y + box.height / 2, { steps: 5 });
    await page.mouse.up();
    await expect
      .poll(async () => (await header.boundingBox())?.width ?? 0)
      .toBeGreaterThan(before + 60);
    const widened = (await header.boundingBox())?.width ?? 0;

    // Reload: same columns, same width.
    await page.reload();
    await runs.waitReady();
    await expectColumns();
    await runs.revealColumn('Started');
    expect(
      Math.abs(((await runs.header('Started').boundingBox())?.width ?? 0) - widened),
    ).toBeLessThan(2);

    // Another experiment has its own columns; coming back (a link without `cols`) restores these.
    await app.experiment('team-a/forecasting').click();
    await runs.waitReady();
    expect(await runs.columnIds()).toContain('user');
    await app.experiment('iris-classification').click();
    await runs.waitReady();
    await expectColumns();

    // Reset brings the defaults back.
    await runs.columnsButton.click();
    await runs.chooser().reset.click();
    await expect
      .poll(async () => (await runs.columnIds()).slice(0, 5))
      .toEqual(['name', 'status', 'start', 'duration', 'user']);
  });
}
