/**
 * The keyboard: `/` focuses the filter (keys complete there), the table is one Tab stop where arrows
 * move, Space selects and Enter opens the run; Esc closes what is open; every control reached by Tab
 * shows where the focus is.
 */
import { AppPage } from '../pages/AppPage';
import { fixture } from '../support/runlensServer';
import { expect, test } from '../support/test';

test('filter, table and popovers by keyboard alone', async ({ page, serve }) => {
  const server = await serve(fixture('mlflow-3.1.2.dev0/mlruns'));
  const app = new AppPage(page);
  await app.open(server.url);
  const runs = await app.openExperiment('iris-classification');

  // `/` from anywhere focuses the filter; keys complete from the experiment's own.
  await page.locator('body').click({ position: { x: 700, y: 800 } });
  await page.keyboard.press('/');
  await expect(runs.filterInput).toBeFocused();
  await page.keyboard.type('metrics.f');
  await expect(runs.suggestions).toBeVisible();
  await expect(runs.suggestions.getByRole('option')).toHaveText([/^f1/]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(runs.filterInput).toHaveValue('metrics.f1');
  await expect(runs.suggestions).toBeHidden();
  await page.keyboard.type(' > 0.9');
  await page.keyboard.press('Enter');
  await expect(runs.count).toHaveText('3 runs');
  // Esc closes the suggestions first, then puts back the applied filter.
  await page.keyboard.type(' and params.');
  await expect(runs.suggestions).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(runs.suggestions).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(runs.filterInput).toHaveValue('metrics.f1 > 0.9');
  await runs.filter('');
  await expect(runs.count).toHaveText('10 runs');

  // The table is one Tab stop: arrows move the active row, Space selects it, Enter opens it.
  await runs.grid.focus();
  await expect(runs.grid).toHaveAttribute('aria-activedescendant', 'run-row-0');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(runs.grid).toHaveAttribute('aria-activedescendant', 'run-row-2');
  const active = page.locator('#run-row-2');
  await expect(active).toHaveCSS('outline-style', 'solid');
  await page.keyboard.press('Space');
  await expect(active).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('End');
  await expect(runs.grid).toHaveAttribute('aria-activedescendant', 'run-row-9');
  await page.keyboard.press('Home');
  // ← folds the children of the active row (hp-sweep, the first row), → unfolds them.
  await page.keyboard.press('ArrowLeft');
  await expect(runs.rows).toHaveCount(5);
  await page.keyboard.press('ArrowRight');
  await expect(runs.rows).toHaveCount(10);
  const runId = await page.locator('#run-row-0').getAttribute('data-run-id');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/run/s1/${runId}`));
  await page.goBack();
  await runs.waitReady();

  // Esc closes a popover and gives the focus back to its button.
  await runs.columnsButton.focus();
  await page.keyboard.press('Enter');
  await expect(runs.chooser().search).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(runs.chooser().root).toHaveCount(0);
  await expect(runs.columnsButton).toBeFocused();
});

test('Tab reaches every control of the sidebar and the toolbar with a visible focus', async ({
  page,
  serve,
}) => {
  const server = await serve(fixture('mlflow-2.12.2.dev0/mlflow.db'));
  const app = new AppPage(page);
  await app.open(server.url);
  await app.openExperiment('iris-classification');
  await page.locator('body').click({ position: { x: 700, y: 850 } });
  const seen = new Set<string>();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    const focus = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const labelled = (el as HTMLInputElement).labels?.[0]?.textContent?.trim();
      const label =
        el.getAttribute('aria-label') ??
        (labelled || el.textContent?.trim().slice(0, 40) || el.tagName);
      // A ring (outline), or a drawn focus state of a custom control (the filter box's border).
      const ring = style.outlineStyle !== 'none' && style.outlineWidth !== '0px';
      const within = el.closest('.filter-box, .theme-toggle') !== null;
      return { label, visible: ring || within };
    });
    if (!focus) continue;
    expect(focus.visible, `focus ring on "${focus.label}"`).toBe(true);
    seen.add(focus.label);
  }
  for (const label of [
    'Search experiments',
    'Open…',
    'iris-classification',
    'Filter runs',
    'Deleted runs',
    'Runs',
  ]) {
    expect(
      [...seen].some((s) => s.startsWith(label)),
      `Tab reaches "${label}"`,
    ).toBe(true);
  }
});
