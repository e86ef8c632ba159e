/** The runs of one or more experiments: header, toolbar, table. */
import { expect, type Locator, type Page } from '@playwright/test';

export class RunsPage {
  readonly view: Locator;
  readonly title: Locator;
  readonly count: Locator;
  readonly filterInput: Locator;
  readonly filterError: Locator;
  readonly suggestions: Locator;
  readonly table: Locator;
  readonly grid: Locator;
  readonly rows: Locator;
  readonly headers: Locator;
  readonly emptyMessage: Locator;
  /** Shown while the host's events flow (the table follows the store). */
  readonly liveIndicator: Locator;
  readonly deletedRuns: Locator;
  readonly compareButton: Locator;
  readonly columnsButton: Locator;
  readonly groupButton: Locator;
  readonly exportButton: Locator;
  readonly selectAll: Locator;

  constructor(readonly page: Page) {
    this.view = page.locator('section.runs-view');
    this.title = this.view.locator('h1');
    this.count = this.view.getByTestId('run-count');
    this.filterInput = this.view.getByRole('combobox', { name: 'Filter runs' });
    this.filterError = this.view.locator('#filter-error');
    this.suggestions = this.view.getByRole('listbox', { name: 'Filter keys' });
    this.table = this.view.locator('.runs-table');
    this.grid = this.table.getByRole('grid', { name: 'Runs' });
    this.rows = this.table.locator('[role="row"][data-run-id]');
    this.headers = this.table.getByRole('columnheader');
    this.emptyMessage = this.table.locator('.empty-state .empty-title');
    this.liveIndicator = this.view.getByTestId('live-indicator');
    this.deletedRuns = this.view.getByRole('checkbox', { name: 'Deleted runs' });
    this.compareButton = this.view.getByRole('button', { name: /^Compare/ });
    this.columnsButton = this.view.getByRole('button', { name: /^Columns/ });
    this.groupButton = this.view.getByRole('button', { name: /^Group/ });
    this.exportButton = this.view.getByRole('button', { name: 'Export CSV' });
    this.selectAll = this.table.getByRole('checkbox', { name: 'Select all runs shown' });
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

  async runIds(): Promise<string[]> {
    return this.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-run-id') ?? ''));
  }

  async headerLabels(): Promise<string[]> {
    return this.headers.locator('.head-label').allInnerTexts();
  }

  header(label: string): Locator {
    return this.headers.filter({
      has: this.page.locator('.head-label', { hasText: new RegExp(`^${escapeRegExp(label)}$`) }),
    });
  }

  /**
   * Scrolls the table sideways until the column's header is rendered (columns are virtualized: only
   * those on screen are in the page).
   */
  async revealColumn(columnLabel: string): Promise<void> {
    const scroller = this.table.locator('.runs-scroll');
    if ((await this.header(columnLabel).count()) === 0)
      await scroller.evaluate((el) => el.scrollTo({ left: 0 }));
    for (let left = 0; left < 50_000; left += 600) {
      if ((await this.header(columnLabel).count()) > 0) {
        // Scrolled by the page itself: Playwright's scrollIntoViewIfNeeded waits for the header to
        // be "stable", which a virtualized row of headers re-rendering on scroll may never be.
        await this.header(columnLabel).evaluate((el) =>
          el.scrollIntoView({ block: 'nearest', inline: 'center' }),
        );
        await expect(this.header(columnLabel)).toBeVisible();
        return;
      }
      await scroller.evaluate((el, x) => el.scrollTo({ left: x }), left + 600);
    }
    throw new Error(`No column "${columnLabel}"`);
  }

  /** The cell of a run in a column, found by the column's aria-colindex (columns are virtualized). */
  async cell(runName: string, columnLabel: string): Promise<Locator> {
    await this.revealColumn(columnLabel);
    const index = await this.header(columnLabel).getAttribute('aria-colindex');
    if (index === null) throw new Error(`No column "${columnLabel}"`);
    return this.row(runName).locator(`[role="gridcell"][aria-colindex="${index}"]`);
  }

  /** The columns popover's parts. */
  chooser() {
    const root = this.page.getByRole('dialog', { name: 'Choose columns' });
    return {
      root,
      search: root.getByRole('searchbox', { name: 'Search columns' }),
      item: (id: string) => root.locator(`li.chooser-item[data-column-id="${id}"]`),
      shown: root.getByRole('list', { name: 'Shown columns' }).locator('li.chooser-item'),
      reset: root.getByRole('button', { name: 'Reset to defaults' }),
    };
  }

  /** Ids of the columns in the header, in order. */
  async columnIds(): Promise<string[]> {
    return this.headers.evaluateAll((hs) =>
      hs.map((h) => h.getAttribute('data-column-id')).filter((id): id is string => id !== null),
    );
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
