/**
 * The charts harness (renderer/harness, a test-only page served at /harness/index.html): builds it,
 * opens the server once to get the token cookie, finds store ids, and opens harness routes.
 * Locators of the chart and compare screens live here.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import { REPO_ROOT, type RunlensServer } from '../support/runlensServer';

let built = false;

/** Builds the harness into dist/renderer/harness (3–10 s), once per worker. */
export function buildHarness(): void {
  if (built) return;
  execFileSync(
    'npx',
    ['vite', 'build', '--config', 'renderer/harness/vite.config.ts', '--logLevel', 'error'],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
    },
  );
  built = true;
}

export class ChartsHarness {
  constructor(
    readonly page: Page,
    readonly server: RunlensServer,
  ) {}

  /** Store id of the open store whose location ends with `suffix`. */
  async storeId(suffix: string): Promise<string> {
    if (!this.page.url().startsWith(this.server.origin)) await this.page.goto(this.server.url);
    const stores = await this.page.evaluate(async () => {
      const r = await fetch('/api/listStores', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      return ((await r.json()) as { value: { storeId: string; location: string }[] }).value;
    });
    const s = stores.find((x) => x.location.endsWith(suffix));
    if (!s)
      throw new Error(`no store ending ${suffix}: ${stores.map((x) => x.location).join(', ')}`);
    return s.storeId;
  }

  async open(route: string, search: Record<string, unknown>, theme: 'light' | 'dark' = 'light') {
    const q = Object.entries({ ...search, theme })
      .map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`)
      .join('&');
    await this.page.goto(`${this.server.origin}/harness/index.html#${route}?${q}`);
  }

  chart(metric: string): Locator {
    return this.page.locator(`figure.metric-chart[data-metric="${metric}"]`);
  }

  async chartReady(metric: string): Promise<Locator> {
    const c = this.chart(metric).first();
    await expect(c).toHaveAttribute('data-state', 'ready');
    await expect(c.locator('.recharts-line').first()).toBeVisible();
    return c;
  }

  /** Clicks a chart's export button and returns the downloaded CSV's data rows, split on commas. */
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
}
