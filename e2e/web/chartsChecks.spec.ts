/**
 * Charts beyond the fixtures' short histories, in the app's own screens (run page, runs chart view, compare):
 * - a single spike in a 1,000,000-point history is drawn (at its x, at the top of the plot) with at most
 *   ~2 points per horizontal pixel, and two drag-zooms around it reach full resolution (every step of
 *   the range, the spike among them);
 * - compare across three kinds of store at once: a FileStore run, a SQLite run and a run of a remote
 *   server (the replay of a real `mlflow server` 3.1, test/rest/replayServer.ts);
 * - axe finds no serious or critical violation on the chart, run-metrics, runs-chart and compare views,
 *   light and dark.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { writeFileStore } from '../../scripts/bench/fileStoreGen';
import { startReplayServer } from '../../test/rest/replayServer';
import { ScreensPage } from '../pages/ScreensPage';
import { seriousViolations } from '../support/axe';
import type { SearchValue } from '../support/routes';
import { fixture } from '../support/runlensServer';
import { signedIn } from '../support/signedIn';
import { expect, test } from '../support/test';

const ids = JSON.parse(readFileSync(fixture('mlflow-2.12.2.dev0/ids-file.json'), 'utf8')) as {
  runs: Record<string, string>;
  experiments: Record<string, string>;
};
const ids3 = JSON.parse(readFileSync(fixture('mlflow-3.1.2.dev0/ids-sqlite.json'), 'utf8')) as {
  runs: Record<string, string>;
};
/**
 * A run of the replayed server whose runs/get and whole `loss` history (get-history, max_results=25000)
 * are captured. (prophet-04's mape capture is MLflow 3.1's empty first page with a token, which the
 * replay rightly answers for that request only.)
 */
const REMOTE_RUN = '056b8437ad88432db0c336908112e09f';
const POINTS = 1_000_000;
const SPIKE_STEP = 654_321;

test.describe.configure({ mode: 'serial' });

/** Writes metric `spiky` (sin wave, one spike of 1e6) into the run's folder, MLflow's line format. */
function writeSpikyMetric(runDir: string): void {
  const lines: string[] = new Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    const value = i === SPIKE_STEP ? 1e6 : Math.sin(i / 5000);
    lines[i] = `${1_700_000_000_000 + i} ${value} ${i}`;
  }
  mkdirSync(join(runDir, 'metrics'), { recursive: true });
  writeFileSync(join(runDir, 'metrics', 'spiky'), `${lines.join('\n')}\n`);
}

/** The vertices of an SVG path of straight segments ("M1,2L3,4…", as recharts draws linear lines). */
function seriesOfPath(d: string): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (const m of d.matchAll(/[ML]\s*(-?[\d.e+-]+)[ ,](-?[\d.e+-]+)/g))
    out.push({ x: Number(m[1]), y: Number(m[2]) });
  return out;
}

/** The drawn line of a chart as pixel points (relative to the SVG), and the plot box. */
async function drawn(chart: Locator) {
  const d = (await chart.locator('.chart-line-curve').first().getAttribute('d')) ?? '';
  const box = (await chart.locator('.recharts-surface').first().boundingBox()) as {
    x: number;
    y: number;
    width: number;
    height: number;
  };
  const points = seriesOfPath(d);
  const top = points.reduce((a, p) => (p.y < a.y ? p : a), { x: 0, y: Infinity });
  const ys = points.map((p) => p.y).sort((a, b) => a - b);
  // How far the highest point stands above the line's median, as a share of the plot's height.
  const rise = ((ys[ys.length >> 1] ?? 0) - top.y) / box.height;
  return { points, box, top, rise };
}

/** Drags 3 px either side of svg-relative x `px`, in the middle of the plot. */
async function dragAround(page: Page, box: { x: number; y: number; height: number }, px: number) {
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + px - 3, y);
  await page.mouse.down();
  await page.mouse.move(box.x + px + 3, y, { steps: 3 });
  await page.mouse.up();
}

test('a single spike in 1,000,000 points is drawn; two zooms reach full resolution', async ({
  page,
  serve,
}) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), 'runlens-spike-'));
  try {
    const shape = { runs: 1, experiments: 1, params: 1, metrics: 1, steps: 10, tags: 1 };
    const [runId] = writeFileStore(join(dir, 'mlruns'), { seed: 5, shape, bigMetricPoints: 0 });
    const root = join(dir, 'mlruns');
    const experiment = readdirSync(root).find((e) => existsSync(join(root, e, runId as string)));
    writeSpikyMetric(join(root, experiment as string, runId as string));
    const { ui: h, storeId: store } = await signedIn(page, serve, [join(dir, 'mlruns')], 'mlruns');
    await h.open(`/run/${store}/${runId as string}?tab=metrics&metric=spiky`);
    const chart = await h.chartReady('spiky');
    const first = await drawn(chart);
    const { points } = first;
    let { box, top } = first;
    // ≤ ~2 points per horizontal pixel, and the spike is the line's highest point, at its x.
    expect(points.length).toBeLessThanOrEqual(2 * box.width);
    expect(Number(await chart.getAttribute('data-points'))).toBe(points.length);
    expect(first.rise).toBeGreaterThan(0.6);
    const left = Math.min(...points.map((p) => p.x));
    const right = Math.max(...points.map((p) => p.x));
    expect((top.x - left) / (right - left)).toBeCloseTo(SPIKE_STEP / (POINTS - 1), 2);

    await dragAround(page, box, top.x);
    await expect(chart.locator('.metric-chart-zoom')).toHaveText('zoomed');
    // Until the zoomed range's own answer arrives, the earlier (coarser) lines stay drawn.
    await expect(chart).toHaveAttribute('data-resolution', 'current');
    await expect.poll(async () => (await drawn(chart)).rise).toBeGreaterThan(0.6);
    ({ box, top } = await drawn(chart));
    const firstZoom = Number(await chart.getAttribute('data-points'));
    await dragAround(page, box, top.x);
    await expect
      .poll(async () => Number(await chart.getAttribute('data-points')))
      .toBeLessThan(firstZoom);
    await expect(chart).toHaveAttribute('data-resolution', 'current');
    // Full resolution: the plotted data is every step of the range, the spike among them.
    const rows = (await h.csvRows(chart, 'CSV')).map((r) => r.map(Number));
    const steps = rows.map((r) => r[1] as number);
    expect(steps.length).toBeGreaterThan(2);
    expect(steps).toEqual(steps.map((_, i) => (steps[0] as number) + i));
    expect(rows.find((r) => r[3] === 1e6)?.[1]).toBe(SPIKE_STEP);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('compare: a FileStore run, a SQLite run and a remote run side by side', async ({
  page,
  serve,
}) => {
  const replay = await startReplayServer(fixture('mlflow-3.1.2.dev0/rest'));
  try {
    const server = await serve(
      fixture('mlflow-2.12.2.dev0/mlruns'),
      fixture('mlflow-3.1.2.dev0/mlflow.db'),
      replay.url,
    );
    const h = new ScreensPage(page, server);
    await h.signIn();
    const file = await h.storeId('mlruns');
    const sqlite = await h.storeId('mlflow.db');
    const remote = await h.storeId(new URL(replay.url).host).catch(() => h.storeId('/'));
    const runs = [
      `${file}:${ids.runs['fc-4'] as string}`,
      `${sqlite}:${ids3.runs['fc-0'] as string}`,
      `${remote}:${REMOTE_RUN}`,
    ];
    await h.route('/compare', { runs, metrics: ['loss'] });
    await expect(page.locator('.compare-page')).toHaveAttribute('data-state', 'ready');
    await expect(page.locator('.compare-store')).toHaveText([file, sqlite, remote]);
    await expect(page.locator('.params-table thead th')).toHaveCount(4);
    const chart = await h.chartReady('loss');
    await expect(chart.locator('.chart-line')).toHaveCount(3);
    await expect(chart.locator('.chart-line-curve')).toHaveCount(3);
    // The remote line came from the server's history (bulk-interval is not captured: get-history).
    const history = replay.requests.find((r) => r.path.endsWith('/metrics/get-history'));
    expect(history?.capture).toBe('metrics-get-history.loss.max_results_25000.json');
  } finally {
    await replay.close();
  }
});

test('axe: no serious or critical violation on the chart and compare views', async ({
  page,
  serve,
}) => {
  test.setTimeout(120_000);
  const server = await serve(
    fixture('mlflow-2.12.2.dev0/mlruns'),
    fixture('mlflow-3.1.2.dev0/mlflow.db'),
  );
  const h = new ScreensPage(page, server);
  await h.signIn();
  const file = await h.storeId('mlruns');
  const sqlite = await h.storeId('mlflow.db');
  const fc4Id = ids.runs['fc-4'] as string;
  const fc4 = `${file}:${fc4Id}`;
  const runs = [fc4, `${sqlite}:${ids3.runs['fc-0'] as string}`];
  const forecasting = `${file}:${ids.experiments.forecasting as string}`;
  const views: [string, Record<string, SearchValue>, string][] = [
    [
      `/run/${file}/${fc4Id}`,
      { tab: 'metrics', metric: 'mape' },
      'figure.metric-chart[data-state="ready"]',
    ],
    [`/run/${file}/${fc4Id}`, { tab: 'metrics' }, 'figure.metric-chart[data-state="ready"]'],
    [
      '/runs',
      { e: [forecasting], view: 'chart' },
      '.runs-chart-view figure.metric-chart[data-state="ready"]',
    ],
    ['/compare', { runs, metrics: ['mape'] }, '.compare-page[data-state="ready"]'],
  ];
  for (const theme of ['light', 'dark'] as const) {
    for (const [route, search, ready] of views) {
      await h.route(route, search, theme);
      await expect(page.locator(ready).first()).toBeVisible();
      // Charts draw once near the viewport (compare puts them below its tables).
      await page.locator('figure.metric-chart').first().scrollIntoViewIfNeeded();
      await expect(page.locator('.chart-line').first()).toBeVisible();
      expect(await seriousViolations(page), `${route} (${theme})`).toEqual([]);
    }
  }
});

test("the chart view's code failing to load says so, and Reload draws it", async ({
  page,
  serve,
}) => {
  const server = await serve(fixture('mlflow-2.12.2.dev0/mlruns'));
  const h = new ScreensPage(page, server);
  // Refused before the app loads, so that no idle preload fetches it first.
  await page.route('**/assets/RunsChartView-*.js', (r) => r.abort('connectionreset'));
  await h.signIn();
  const file = await h.storeId('mlruns');
  await h.route('/runs', {
    e: [`${file}:${ids.experiments.forecasting as string}`],
    view: 'chart',
  });
  const banner = page.getByRole('alert').filter({ hasText: 'The chart view could not be loaded' });
  await expect(banner).toBeVisible();
  await page.unroute('**/assets/RunsChartView-*.js');
  await banner.getByRole('button', { name: 'Reload' }).click();
  await expect(
    page.locator('.runs-chart-view figure.metric-chart[data-state="ready"]').first(),
  ).toBeVisible();
  await expect(banner).toHaveCount(0);
});
