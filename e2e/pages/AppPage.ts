/** The app shell: root state, the sidebar of stores and experiments. Locators live here, not in specs. */
import { expect, type Locator, type Page } from '@playwright/test';
import { RunsPage } from './RunsPage';

export class AppPage {
  readonly root: Locator;
  readonly sidebar: Locator;
  readonly showDeleted: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('.app[data-state]');
    this.sidebar = page.getByRole('navigation', { name: 'Stores and experiments' });
    this.showDeleted = this.sidebar.getByRole('checkbox', { name: 'Show deleted' });
  }

  /** Opens the URL and waits until the app has listed its stores and their experiments. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await expect(this.page.locator('[data-state="ready"]').first()).toBeVisible();
  }

  store(displayName?: string): Locator {
    const stores = this.sidebar.locator('section.store');
    return displayName === undefined
      ? stores.first()
      : stores.filter({ has: this.page.locator('.store-name', { hasText: displayName }) });
  }

  /** Names of the experiments listed in the sidebar, in order (all stores). */
  async experimentNames(store: Locator = this.sidebar): Promise<string[]> {
    return store.locator('.experiment-name').allInnerTexts();
  }

  experiment(name: string, store: Locator = this.sidebar): Locator {
    return store
      .getByRole('button')
      .filter({ has: this.page.locator('.experiment-name').getByText(name, { exact: true }) });
  }

  async openExperiment(name: string, store?: Locator): Promise<RunsPage> {
    await this.experiment(name, store).click();
    const runs = new RunsPage(this.page);
    await runs.waitReady();
    return runs;
  }
}
