/**
 * The app's screens beyond the runs table (run page, artifacts, registry, logged models, traces,
 * compare, charts), opened by their deep links (`/#/run/…`) on a `runlens serve`. Locators live here,
 * not in specs.
 */
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import { seriousViolations } from '../support/axe';
import { hashRoute, type SearchValue } from '../support/routes';
import type { RunlensServer } from '../support/runlensServer';

interface StoreInfoLike {
  storeId: string;
  location: string;
  kind: string;
}

export class ScreensPage {
  constructor(
    readonly page: Page,
    readonly server: RunlensServer,
  ) {}

  /** Signs in with the printed token URL (sets the cookie), then the app is reachable. */
  async signIn(): Promise<void> {
    await this.page.goto(this.server.url);
  }

  /** The store opened from a path (or URL) ending with `suffix`. */
  async storeId(suffix: string): Promise<string> {
    const res = await this.page.request.post(`${this.server.origin}/api/listStores`, { data: {} });
    const body = (await res.json()) as { ok: boolean; value: StoreInfoLike[] };
    const store = body.value.find((s) => s.location.endsWith(suffix));
    if (!store) throw new Error(`no store ending with ${suffix}`);
    return store.storeId;
  }

  /**
   * Opens an app route (hash path like `/run/s/r?tab=artifacts`). A theme emulates the system colour
   * scheme, which the app follows under its default "system" theme.
   */
  async open(hashPath: string, theme?: 'light' | 'dark'): Promise<void> {
    if (theme) await this.page.emulateMedia({ colorScheme: theme });
    await this.page.goto(`${this.server.origin}/#${hashPath}`);
  }

  /** Opens `route` with its search written as the router writes it (lists as JSON). */
  async route(route: string, search: Record<string, SearchValue>, theme?: 'light' | 'dark') {
    await this.open(hashRoute(route, search).slice(1), theme);
  }

  /**
   * In-app navigation to `hashPath` (the app already loaded), timed in the page from the hash change
   * to the screen root `rootSelector` settling (data-state ready or error): first content, without
   * page load. Returns the time and the state reached.
   */
  async navigateTimed(
    hashPath: string,
    rootSelector: string,
  ): Promise<{ ms: number; state: string }> {
    return this.page.evaluate(
      ([hash, selector]) =>
        new Promise<{ ms: number; state: string }>((resolve) => {
          const t0 = performance.now();
          window.location.hash = hash;
          const tick = () => {
            const state = document.querySelector(selector)?.getAttribute('data-state');
            if (state === 'ready' || state === 'error')
              resolve({ ms: performance.now() - t0, state });
            else requestAnimationFrame(tick);
          };
          tick();
        }),
      [hashPath, rootSelector] as const,
    );
  }

  /** The screen's root (`section[data-state]`, the first page-level one). */
  screen(label: string): Locator {
    return this.page.getByRole('region', { name: label, exact: true });
  }

  async expectReady(label: string): Promise<Locator> {
    const root = this.screen(label);
    await expect(root).toHaveAttribute('data-state', 'ready');
    return root;
  }

  tab(name: string | RegExp): Locator {
    return this.page.getByRole('navigation', { name: 'Run sections' }).getByRole('link', { name });
  }

  get tree(): Locator {
    return this.page.getByRole('tree', { name: 'Artifacts' });
  }

  folder(name: string): Locator {
    return this.tree.getByRole('button', { name: `${name}/`, exact: true });
  }

  file(name: string): Locator {
    return this.tree.getByRole('link', { name: new RegExp(`^${name.replace('.', '\\.')}`) });
  }

  get preview(): Locator {
    return this.page.locator('.art-preview');
  }

  chart(metric: string): Locator {
    return this.page.locator(`figure.metric-chart[data-metric="${metric}"]`);
  }

  /** The metric's chart, once drawn (ready, with a line). */
  async chartReady(metric: string): Promise<Locator> {
    const c = this.chart(metric).first();
    // Charts fetch and draw once they come near the viewport: bring this one there.
    await c.scrollIntoViewIfNeeded();
    await expect(c).toHaveAttribute('data-state', 'ready');
    await expect(c.locator('.chart-line').first()).toBeVisible();
    return c;
  }

  /** The rows of a chart's CSV export (header dropped), through the browser's download. */
  async csvRows(chart: Locator, button: 'CSV' | 'Raw CSV'): Promise<string[][]> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      chart.getByRole('button', { name: button, exact: true }).click(),
    ]);
    return readFileSync((await download.path()) as string, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
  }

  /** Serious or critical axe violations on the current screen (ids), expected to be none. */
  async seriousViolations(): Promise<string[]> {
    return seriousViolations(this.page);
  }
}
