/**
 * No script runs (issue 11, part 2 item 3): the malicious store (test/support/maliciousStore.ts, both
 * FileStore and SQLite) on every screen — runs table, run page with all its tabs, a preview of each
 * payload artifact, registry model and version, compare, charts, governance. A spec fails when a payload
 * executes (it calls `window.__pwned`, exposed here as a binding that records; dialogs and console
 * messages are watched too), when any request leaves for a host other than the web host, when a link
 * with a script scheme is on the page, or when an exported CSV has a cell starting with = + - @.
 */
import { readFileSync, rmSync } from 'node:fs';
import type { Page, Request } from '@playwright/test';
import {
  ARTIFACTS,
  FOREIGN_HOST,
  makeMaliciousStore,
  type MaliciousStore,
} from '../../test/support/maliciousStore';
import { ScreensPage } from '../pages/ScreensPage';
import type { RunlensServer } from '../support/runlensServer';
import { expect, test } from '../support/test';

interface Watch {
  pwned: string[];
  dialogs: string[];
  console: string[];
  /** Foreign requests aborted at the network layer. */
  routed: string[];
  /** Every foreign request that was not blocked by a content security policy. */
  reported: () => string[];
}

/** Records every sign of a payload running or of a request to another host; foreign requests abort. */
async function watch(page: Page, origin: string): Promise<Watch> {
  const seen: Watch = { pwned: [], dialogs: [], console: [], routed: [], reported: () => [] };
  const own = new URL(origin).host;
  await page.exposeBinding('__pwned', (_source, where: unknown) => {
    seen.pwned.push(String(where));
  });
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (message) => {
    if (/pwned/i.test(message.text())) seen.console.push(message.text());
  });
  const isForeign = (url: string): boolean => {
    const parsed = new URL(url);
    if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:')
      return false;
    return parsed.host !== own;
  };
  // Every foreign request Chromium reports counts, except one the page's own Content-Security-Policy
  // blocked before sending (it fails with 'csp': seen in CI for the HTML preview's <img>, from its
  // sandboxed srcdoc frame) — that is the policy doing its job, not a request leaving. Foreign requests
  // that reach the network layer are aborted there and always count.
  const reported = new Map<Request, string>();
  page.on('request', (request) => {
    if (isForeign(request.url())) reported.set(request, request.url());
  });
  page.on('requestfailed', (request) => {
    if (request.failure()?.errorText === 'csp') reported.delete(request);
  });
  await page.route('**', (route) => {
    if (!isForeign(route.request().url())) return route.continue();
    seen.routed.push(route.request().url());
    return route.abort();
  });
  seen.reported = () => [...new Set([...reported.values(), ...seen.routed])];
  return seen;
}

async function expectClean(page: Page, seen: Watch, where: string): Promise<void> {
  // Give handlers (onerror, onload) a moment to fire before judging.
  await page.waitForTimeout(800);
  const { pwned, dialogs, console } = seen;
  expect({ pwned, dialogs, console, foreign: seen.reported() }, where).toEqual({
    pwned: [],
    dialogs: [],
    console: [],
    foreign: [],
  });
  const scriptLinks = page.locator(
    'a[href^="javascript:" i], a[href^="data:" i], a[href^="vbscript:" i], [href*="javascript:" i]',
  );
  await expect(scriptLinks, where).toHaveCount(0);
  expect(await page.locator('script:not([src])').count(), where).toBe(0);
  expect(FOREIGN_HOST).toBe('evil.example');
}

/** Every data cell of a CSV text (header kept: column names come from the store too). */
function cells(csv: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,\r\n]*)(,|\r?\n|$)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(csv.replace(/^\ufeff/, ''))) !== null && m[0] !== '') {
    const raw = m[1] ?? '';
    out.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
  }
  return out;
}

function expectNoFormulaCells(csv: string): void {
  const formulas = cells(csv).filter((c) => /^[=+@]/.test(c) || /^-[^\d.]/.test(c));
  expect(formulas).toEqual([]);
  expect(csv).toContain("'=HYPERLINK");
}

let store: MaliciousStore;
test.beforeAll(() => {
  store = makeMaliciousStore();
});
test.afterAll(() => rmSync(store.dir, { recursive: true, force: true }));

/** Serves the malicious store of `kind`, watched from the first page load, and signs in. */
async function openPoisoned(
  page: Page,
  serve: (...stores: string[]) => Promise<RunlensServer>,
  kind: 'file' | 'sqlite',
) {
  const server = await serve(kind === 'file' ? store.fileStore : store.sqliteStore);
  const seen = await watch(page, server.origin);
  const ui = new ScreensPage(page, server);
  await ui.signIn();
  const storeId = await ui.storeId(kind === 'file' ? 'mlruns' : 'mlflow.db');
  const runId = kind === 'file' ? store.fileRunId : store.sqliteRunId;
  return { server, seen, ui, storeId, runId };
}

const RUN_TABS = ['overview', 'metrics', 'params', 'artifacts', 'tags', 'datasets', 'models'];

for (const kind of ['file', 'sqlite'] as const) {
  test(`${kind} store: runs table, run page tabs and artifact previews run no payload`, async ({
    page,
    serve,
  }) => {
    test.setTimeout(180_000);
    const { seen, ui, storeId, runId } = await openPoisoned(page, serve, kind);

    await ui.open('/');
    await expect(page.getByText('RTL', { exact: false }).first()).toBeVisible();
    await expectClean(page, seen, 'home');

    for (const tab of RUN_TABS) {
      await ui.open(`/run/${storeId}/${runId}?tab=${tab}`);
      await ui.expectReady('Run');
      await expectClean(page, seen, `run tab ${tab}`);
    }
    await ui.open(`/run/${storeId}/${runId}?tab=overview`);
    await expect(ui.screen('Run').getByText('<script>', { exact: false }).first()).toBeVisible();

    for (const name of Object.keys(ARTIFACTS)) {
      await ui.open(`/run/${storeId}/${runId}?tab=artifacts&path=${encodeURIComponent(name)}`);
      await ui.expectReady('Run');
      await expect(ui.preview).toBeVisible();
      await expectClean(page, seen, `artifact ${name}`);
    }
  });

  test(`${kind} store: registry, compare, charts and governance run no payload; CSV exports are neutralised`, async ({
    page,
    serve,
  }) => {
    test.setTimeout(180_000);
    const { server, seen, ui, storeId, runId } = await openPoisoned(page, serve, kind);

    for (const path of [
      `/models/${storeId}`,
      `/models/${storeId}/${store.model}`,
      `/models/${storeId}/${store.model}/2`,
      '/governance',
    ]) {
      await ui.open(path);
      await expect(
        page.locator('[data-state="ready"], [data-state="error"]').first(),
      ).toBeVisible();
      await expectClean(page, seen, path);
    }

    // The runs table of the poisoned experiment, and its CSV export.
    const experiments = await page.request.post(`${server.origin}/api/searchExperiments`, {
      data: { storeId },
    });
    const body = (await experiments.json()) as {
      value: { experiments: { experimentId: string; name: string }[] };
    };
    const poisoned = body.value.experiments.find((e) => e.name.includes('<script>'));
    expect(poisoned).toBeDefined();
    await ui.route('/runs', {
      e: [`${storeId}:${poisoned?.experimentId ?? ''}`],
      cols: [
        'name',
        'experiment',
        'p:formula0',
        'p:formula1',
        'p:formula2',
        'p:formula3',
        'p:evil',
        't:formula',
      ],
    });
    const exportButton = page.getByRole('button', { name: 'Export CSV' });
    await expect(exportButton).toBeEnabled();
    await expectClean(page, seen, 'runs table');
    const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
    const runsCsv = readFileSync((await download.path()) as string, 'utf8');
    expect(runsCsv).toContain('<script>');
    expectNoFormulaCells(runsCsv);

    // Compare (the poisoned run next to another) and a chart's CSV, whose run column is the run name.
    await ui.route('/compare', { runs: [`${storeId}:${runId}`], metrics: ['accuracy'] });
    await expect(page.locator('.compare-page')).toHaveAttribute('data-state', 'ready');
    await expectClean(page, seen, 'compare');
    const chart = await ui.chartReady('accuracy');
    const [chartDownload] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name: 'CSV', exact: true }).click(),
    ]);
    const chartCsv = readFileSync((await chartDownload.path()) as string, 'utf8');
    expect(cells(chartCsv).filter((c) => /^[=+@]/.test(c))).toEqual([]);
    await expectClean(page, seen, 'chart export');
  });
}
