/** The governance dashboard and model page (renderer/src/governance). Locators live here, not in specs. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import type { RunlensServer } from '../support/runlensServer';
import { ScreensPage } from './ScreensPage';

export class GovernancePage {
  /** Sign-in and store lookup are the screens page module's (same server, same token cookie). */
  private readonly screens: ScreensPage;

  constructor(
    readonly page: Page,
    readonly server: RunlensServer,
  ) {
    this.screens = new ScreensPage(page, server);
  }

  /** The printed token URL sets the cookie; the app's routes are then reachable. */
  signIn(): Promise<void> {
    return this.screens.signIn();
  }

  /** The store opened from a path ending with `suffix`. */
  storeId(suffix: string): Promise<string> {
    return this.screens.storeId(suffix);
  }

  async open(hashPath: string, theme?: 'light' | 'dark'): Promise<void> {
    if (theme) await this.page.emulateMedia({ colorScheme: theme });
    await this.page.goto(`${this.server.origin}/#${hashPath}`);
  }

  get dashboard(): Locator {
    return this.page.getByRole('region', { name: 'Governance', exact: true });
  }

  modelScreen(name: string): Locator {
    return this.page.locator('section.gov-page', {
      has: this.page.getByRole('heading', { level: 1, name: new RegExp(`^${name}`) }),
    });
  }

  async expectReady(screen: Locator): Promise<void> {
    await expect(screen).toHaveAttribute('data-state', 'ready');
    await expect(this.page.locator('.pk-skeleton')).toHaveCount(0);
  }

  /** The number on an outcome card: compliant, noncompliant, waived, errors. */
  async cardValue(card: 'compliant' | 'noncompliant' | 'waived' | 'errors'): Promise<number> {
    const text = await this.page.locator(`[data-card="${card}"] .gov-card-value`).textContent();
    return Number(text);
  }

  card(card: string): Locator {
    return this.page.locator(`[data-card="${card}"]`);
  }

  get matrixRows(): Locator {
    return this.page.locator('.gov-matrix tbody tr');
  }

  matrixRow(entityKey: string): Locator {
    return this.page.locator(`.gov-matrix tbody tr[data-entity="${entityKey}"]`);
  }

  get filters(): Locator {
    return this.page.getByRole('group', { name: 'Filters' });
  }

  filter(label: 'Outcome' | 'Rule' | 'Experiment'): Locator {
    return this.filters.getByLabel(label);
  }

  get checklist(): Locator {
    return this.page.locator('section.gov-entity');
  }

  checklistRow(rule: string): Locator {
    return this.checklist.locator(`tr[data-rule="${rule}"]`);
  }

  get policy(): Locator {
    return this.page.getByRole('region', { name: 'Policy in use' });
  }

  get sidebarLink(): Locator {
    return this.page
      .getByRole('navigation', { name: 'Stores and experiments' })
      .getByRole('link', { name: /Governance/ });
  }

  get monitoringAlert(): Locator {
    return this.page.locator('.gov-alert');
  }

  monitoringChart(metric: string): Locator {
    return this.page.locator(`figure.gov-monitor-chart[data-metric="${metric}"]`);
  }

  get lifecycle(): Locator {
    return this.page.locator('.gov-lifecycle');
  }

  get reportPanel(): Locator {
    return this.page.locator('.gov-report');
  }

  /**
   * Serious or critical axe violations inside the main area (the governance screen). The sidebar is
   * checked by a11y.spec.ts; its own contrast findings are not this screen's.
   */
  async seriousViolations(): Promise<string[]> {
    const result = await new AxeBuilder({ page: this.page }).include('main#main').analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  get reportFrame(): Locator {
    return this.page.locator('iframe.gov-report-frame');
  }
}
