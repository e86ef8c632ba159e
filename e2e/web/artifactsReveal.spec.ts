/**
 * The artifact tree reveals the selected file: a deep link to `reports/eval/weights.bin` opens
 * `reports/` and `eval/` and shows the row selected and in view, also when the link is followed inside
 * the app while the tree is already drawn for another file; the arrow keys walk and open the tree.
 */
import { readFileSync } from 'node:fs';
import { fixture } from '../support/runlensServer';
import { signedIn } from '../support/signedIn';
import { expect, test } from '../support/test';

const V3 = 'mlflow-3.1.2.dev0';

test('a selected artifact is revealed in the tree, by deep link and by in-app link; keys walk it', async ({
  page,
  serve,
}) => {
  const { ui, storeId } = await signedIn(page, serve, [fixture(`${V3}/mlruns`)], 'mlruns');
  const ids = JSON.parse(readFileSync(fixture(`${V3}/ids-file.json`), 'utf8')) as {
    runs: Record<string, string>;
  };
  const run = `/run/${storeId}/${ids.runs['iris-0'] ?? ''}`;
  const weights = `${run}?tab=artifacts&path=reports%2Feval%2Fweights.bin`;
  const expectRevealed = async () => {
    // The innermost tree item holding the folder's button (its ancestors hold it too).
    const item = (name: string) =>
      ui.tree
        .getByRole('treeitem')
        .filter({ has: page.getByRole('button', { name: `${name}/`, exact: true }) })
        .last();
    await expect(item('reports')).toHaveAttribute('aria-expanded', 'true');
    await expect(item('eval')).toHaveAttribute('aria-expanded', 'true');
    const row = ui.file('weights.bin');
    await expect(row).toHaveClass(/selected/);
    await expect(row).toBeInViewport();
    await expect(ui.preview.locator('.art-hash')).toHaveText(/^[0-9a-f]{64}$/);
  };

  // Deep link, first load.
  await ui.open(weights);
  await ui.expectReady('Run');
  await expectRevealed();

  // In the app: the tree is drawn for another file (reports/ folded), then a link selects weights.bin.
  await ui.open(`${run}?tab=artifacts&path=plots%2Floss_curve.png`);
  await page.reload();
  await expect(ui.file('loss_curve.png')).toHaveClass(/selected/);
  await expect(ui.tree.getByRole('link', { name: /^weights\.bin/ })).toHaveCount(0);
  const follow = (hash: string) =>
    page.evaluate((h) => {
      window.location.hash = h;
    }, hash);
  await follow(weights);
  await expectRevealed();
  // Folded by the user, then selected again through a link: opened again.
  await ui.folder('reports').click();
  await expect(ui.tree.getByRole('link', { name: /^weights\.bin/ })).toHaveCount(0);
  await follow(`${run}?tab=artifacts&path=reports%2Fsummary.md`);
  await expect(ui.preview.locator('.markdown')).toBeVisible();
  await follow(weights);
  await expectRevealed();

  // Keys: from the first row, Down moves, Right opens a folder, Enter on a file selects it.
  await ui.folder('config').focus();
  await expect(ui.folder('config')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(ui.file('params.json')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(ui.file('params.json')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/path=config%2Fparams\.json|path=config\/params\.json/);
  await expect(ui.preview.locator('pre.art-text')).toContainText('"');
  // Left goes back to the folder, Left again folds it.
  await ui.file('params.json').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(ui.folder('config')).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(ui.file('params.json')).toHaveCount(0);
  expect(await ui.seriousViolations()).toEqual([]);
});
