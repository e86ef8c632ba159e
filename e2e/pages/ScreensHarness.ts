/**
 * The issue-10 screens (run, artifacts, registry, logged models, traces) as served by screens.html,
 * their own route tree until the app's router wires them. Locators live here, not in specs.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';
import type { RunlensServer } from '../support/runlensServer';

interface StoreInfoLike {
  storeId: string;
  location: string;
  kind: string;
}

export class ScreensHarness {
  constructor(
    readonly page: Page,
    readonly server: RunlensServer,
  ) {}

  /** Signs in with the printed token URL (sets the cookie), then the harness is reachable. */
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

  /** Opens a route of the harness (hash path like `/run/s/r?tab=artifacts`), optionally themed. */
  async open(hashPath: string, theme?: 'light' | 'dark'): Promise<void> {
    if (theme) await this.page.emulateMedia({ colorScheme: theme });
    await this.page.goto(`${this.server.origin}/screens.html#${hashPath}`);
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

  /** Serious or critical axe violations on the current screen (ids), expected to be none. */
  async seriousViolations(): Promise<string[]> {
    const result = await new AxeBuilder({ page: this.page }).analyze();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
}
