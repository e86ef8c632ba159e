/**
 * Paths that are not stores, and a store with a corrupt experiment, in the app (browser mode): each
 * gives a clear message, the rest keeps working, and nothing is written (the copies are hashed before
 * and after). Temporary copies only: test/fixtures is never modified.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppPage } from '../pages/AppPage';
import { seriousViolations } from '../support/axe';
import { fixture } from '../support/runlensServer';
import { expect, test } from '../support/test';
import { treeHash } from '../support/treeHash';

test('Open… a plain folder or a text file named .db: a clear message, the app keeps working', async ({
  page,
  serve,
}) => {
  const tmp = mkdtempSync(join(tmpdir(), 'runlens-notstore-'));
  try {
    mkdirSync(join(tmp, 'photos'));
    writeFileSync(join(tmp, 'photos', 'cat.txt'), 'not a store');
    writeFileSync(join(tmp, 'notes.db'), 'this is a text file, not SQLite\n');
    const before = treeHash(tmp);
    const server = await serve(fixture('mlflow-2.12.2.dev0/mlruns'));
    const app = new AppPage(page);
    await app.open(server.url);
    await app.openButton.click();
    const input = page.getByRole('combobox', { name: 'Folder or SQLite file' });
    for (const path of [join(tmp, 'photos'), join(tmp, 'notes.db')]) {
      await input.fill(path);
      await page.getByRole('button', { name: 'Open', exact: true }).click();
      const alert = page.locator('.open-store .form-error[role="alert"]');
      await expect(alert, path).toBeVisible();
      await expect(alert, path).toContainText(/\S{3,}/);
      await expect(alert, path).not.toContainText(/undefined|\[object|at \w+ \(/);
    }
    await input.press('Escape');
    await expect(input).toHaveCount(0);
    // No broken entry is left in the sidebar.
    await expect(app.sidebar.getByText('notes.db')).toHaveCount(0);
    // The store that was open still works.
    const runs = await app.openExperiment('iris-classification');
    await runs.waitReady();
    expect(treeHash(tmp)).toBe(before);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('a corrupt experiment: the store lists the others, its Problems panel says path and reason', async ({
  page,
  serve,
}) => {
  const tmp = mkdtempSync(join(tmpdir(), 'runlens-corrupt-'));
  try {
    const store = join(tmp, 'mlruns');
    cpSync(fixture('mlflow-3.1.2.dev0/mlruns'), store, { recursive: true });
    const ids = (await import(fixture('mlflow-3.1.2.dev0/ids-file.json'), {
      with: { type: 'json' },
    })) as { default: { experiments: Record<string, string> } };
    const broken = ids.default.experiments.forecasting ?? '';
    writeFileSync(join(store, broken, 'meta.yaml'), 'name: [unclosed\nexperiment_id: {');
    const before = treeHash(store);
    const server = await serve(store);
    const app = new AppPage(page);
    await app.open(server.url);
    const problems = app.sidebar.getByRole('button', { name: /^1 problem$/ });
    await problems.click();
    const dialog = page.getByRole('dialog', { name: /^Problems in/ });
    const item = dialog.getByRole('list', { name: 'Problems' }).getByRole('listitem');
    await expect(item).toHaveCount(1);
    await expect(item.locator('.problem-path')).toHaveText(join(store, broken, 'meta.yaml'));
    await expect(item.locator('.problem-reason')).toContainText(/\S{3,}/);
    await dialog.getByRole('button', { name: 'Close problems' }).click();
    // The broken experiment is listed by its id (its name is in the unreadable file), marked.
    const entry = app.sidebar.locator('li.experiment.broken');
    await expect(entry).toHaveCount(1);
    await expect(entry.locator('.experiment-name')).toHaveText(broken);
    const mark = entry.getByRole('button', { name: `Why experiment ${broken} cannot be read` });
    await expect(mark).toHaveAttribute('title', /invalid YAML/);
    // The mark opens the Problems panel.
    await mark.click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Close problems' }).click();
    // Its runs view explains the error (not "no runs" nor "not open here"), and says what to do.
    await entry.getByRole('link').click();
    const note = page.locator('.broken-experiment[role="alert"]');
    await expect(note).toContainText(`Experiment ${broken} could not be read`);
    // Titled by its id, as in the sidebar: never the internal `s1:<id>` reference.
    await expect(page.locator('.runs-view h1')).toHaveText(`Experiment ${broken}`);
    await expect(note.locator('code').first()).toHaveText(join(store, broken, 'meta.yaml'));
    await expect(note).toContainText('invalid YAML');
    await expect(page.locator('.runs-view .banner-warn')).toHaveCount(0);
    await expect(page.locator('.runs-view')).toContainText('No runs can be read here.');
    expect(await seriousViolations(page)).toEqual([]);
    await note.getByRole('button', { name: 'Show the store’s problems' }).click();
    await expect(dialog.getByRole('listitem')).toHaveCount(1);
    await page.keyboard.press('Escape');
    // The other experiments are read and work.
    const runs = await app.openExperiment('iris-classification');
    await expect(runs.count).toHaveText('10 runs');
    expect(treeHash(store)).toBe(before);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
