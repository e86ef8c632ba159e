/** The runs of one experiment: header, filter box, table. */
import { expect, type Locator, type Page } from '@playwright/test';

export class RunsPage {
  readonly view: Locator;
  readonly title: Locator;
  readonly count: Locator;
  readonly filterInput: Locator;
  readonly filterError: Locator;
  readonly table: Locator;
  readonly rows: Locator;
  readonly headers: Locator;
  readonly emptyMessage: Locator;
  /** Shown while the host's events flow (the table follows the store). */
  readonly liveIndicator: Locator;

  constructor(readonly page: Page) {
    this.view = page.locator('section.runs-view');
    this.title = this.view.locator('h1');
    this.count = this.view.getByTestId('run-count');
    this.filterInput = this.view.getByRole('searchbox', { name: 'Filter runs' });
    this.filterError = this.view.locator('#filter-error');
    this.table = this.view.locator('.runs-table');
    this.rows = this.table.locator('[role="row"][data-run-id]');
    this.headers = this.table.getByRole('columnheader');
    this.emptyMessage = this.table.locator('.empty');
    this.liveIndicator = this.view.getByTestId('live-indicator');
  }

  async waitReady(): Promise<void> {
    await expect(this.table).toHaveAttribute('data-state', 'ready');
  }

  async filter(text: string): Promise<void> {
    await this.filterInput.fill(text);
    await this.filterInput.press('Enter');
    await expect(this.table).not.toHaveAttribute('data-state', 'loading');
  }

  row(runName: string): Locator {
    return this.rows.filter({
      has: this.page.locator('.run-name', { hasText: new RegExp(`^${escapeRegExp(runName)}$`) }),
    });
  }

  async runNames(): Promise<string[]> {
    return this.rows.locator('.run-name').allInnerTexts();
  }

  async headerLabels(): Promise<string[]> {
    return this.headers.locator('.head-label').allInnerTexts();
  }

  header(label: string): Locator {
    return this.headers.filter({
      has: this.page.locator('.head-label', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }),
    });
  }

  cell(runName: string, columnLabel: string): Promise<Locator> {
    return this.headerLabels().then((labels) => {
      const index = labels.indexOf(columnLabel);
      if (index < 0) throw new Error(`No column "${columnLabel}" in ${labels.join(', ')}`);
      return this.row(runName).getByRole('cell').nth(index);
    });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
