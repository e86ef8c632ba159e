/** The app shell: root state, the sidebar of stores and experiments. Locators live here, not in specs. */
import { expect, type Locator, type Page } from '@playwright/test';
import { RunsPage } from './RunsPage';

export class AppPage {
  readonly root: Locator;
  readonly sidebar: Locator;
  readonly showDeleted: Locator;
  readonly search: Locator;
  readonly openButton: Locator;
  readonly main: Locator;

  constructor(readonly page: Page) {
    this.root = page.locator('.app[data-state]');
    this.sidebar = page.getByRole('navigation', { name: 'Stores and experiments' });
    this.showDeleted = this.sidebar.getByRole('checkbox', { name: 'Show deleted' });
    this.search = this.sidebar.getByRole('searchbox', { name: 'Search experiments' });
    this.openButton = this.sidebar.getByRole('button', { name: 'Open…' });
    this.main = page.locator('main#main');
  }

  /** Opens the URL and waits until the app has listed its stores and their experiments. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.waitReady();
  }

  async waitReady(): Promise<void> {
    await expect(this.root).toHaveAttribute('data-state', 'ready');
  }

  /** The app's own URL for a hash route (`#/runs?…`), on the origin of `url`. */
  static routeUrl(url: string, hash: string): string {
    return `${new URL(url).origin}/${hash}`;
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

  /** The experiment's entry (its link and its checkbox). */
  experimentItem(name: string, store: Locator = this.sidebar): Locator {
    return store
      .locator('li.experiment')
      .filter({ has: this.page.locator('.experiment-name').getByText(name, { exact: true }) });
  }

  /** The link that shows the experiment's runs alone. */
  experiment(name: string, store: Locator = this.sidebar): Locator {
    return this.experimentItem(name, store).getByRole('link');
  }

  /** The checkbox that adds the experiment to those shown together. */
  experimentCheckbox(name: string, store: Locator = this.sidebar): Locator {
    return this.experimentItem(name, store).getByRole('checkbox');
  }

  async openExperiment(name: string, store?: Locator): Promise<RunsPage> {
    await this.experiment(name, store).click();
    const runs = new RunsPage(this.page);
    await runs.waitReady();
    return runs;
  }

  /** The store's "N problems" button, which opens its Problems panel. */
  problemsButton(store: Locator): Locator {
    return store.getByRole('button', { name: /problems?$/ });
  }

  problemsDialog(): Locator {
    return this.page.getByRole('dialog', { name: /^Problems in / });
  }

  themeOption(label: 'System' | 'Light' | 'Dark'): Locator {
    return this.sidebar
      .getByRole('radiogroup', { name: 'Theme' })
      .getByRole('radio', { name: label });
  }

  /** The "Open a store" popover's parts. */
  openDialog() {
    const dialog = this.page.getByRole('dialog', { name: 'Open a store' });
    return {
      root: dialog,
      path: dialog.getByRole('combobox', { name: 'Folder or SQLite file' }),
      options: dialog.getByRole('option'),
      submit: dialog.getByRole('button', { name: 'Open', exact: true }),
      error: dialog.locator('.form-error'),
      recent: dialog.getByRole('region', { name: 'Recent stores' }),
    };
  }

  /** The run page (its root carries data-state ready | loading | error). */
  runPage(): Locator {
    return this.main.locator('section.run-page');
  }
}
