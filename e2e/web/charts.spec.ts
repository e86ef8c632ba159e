/**
 * Charts and compare on the real fixtures, in the app (run page's metrics tab with a metric enlarged,
 * `/compare`): `mape` with NaN/±inf, the duplicated `lr` step, drag-zoom and reset, exports (PNG
 * decodes, SVG parses, CSV round-trips), a FileStore run beside a SQLite run on the compare page,
 * screenshots light and dark.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ScreensPage } from '../pages/ScreensPage';
import { fixture, REPO_ROOT } from '../support/runlensServer';
import { expect, test } from '../support/test';

const SCREENS = join(REPO_ROOT, 'test-results/screens');
const ids = JSON.parse(readFileSync(fixture('mlflow-2.12.2.dev0/ids-file.json'), 'utf8')) as {
  runs: Record<string, string>;
};
const ids3 = JSON.parse(readFileSync(fixture('mlflow-3.1.2.dev0/ids-sqlite.json'), 'utf8')) as {
  runs: Record<string, string>;
};
const FC4 = ids.runs['fc-4'] as string; // prophet-04: mape with NaN, +inf, -inf
const IRIS0 = ids.runs['iris-0'] as string; // has `lr` with one step logged twice

test.describe.configure({ mode: 'serial' });

test('mape: NaN and ±inf are marked and counted, never drawn as 0; exports check out', async ({
  page,
  serve,
}) => {
  const server = await serve(fixture('mlflow-2.12.2.dev0/mlruns'));
  const h = new ScreensPage(page, server);
  await h.signIn();
  const store = await h.storeId('mlruns');
  await h.open(`/run/${store}/${FC4}?tab=metrics&metric=mape`);
  const chart = await h.chartReady('mape');
  await expect(chart.locator('.metric-chart-note')).toHaveText('2 NaN, 1 +inf, 1 −inf not drawn');
  await expect(chart.locator('.recharts-reference-line')).toHaveCount(4);

  const save = async (name: string) => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name, exact: true }).click(),
    ]);
    return readFileSync((await download.path()) as string);
  };
  const png = await save('PNG');
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const decoded = await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bmp = await (
      globalThis as unknown as {
        createImageBitmap: (b: Blob) => Promise<{ width: number; height: number }>;
      }
    ).createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    return [bmp.width, bmp.height];
  }, png.toString('base64'));
  expect(decoded[0]).toBeGreaterThan(200);
  const svg = (await save('SVG')).toString();
  const parsed = await page.evaluate((text) => {
    const Parser = (
      globalThis as unknown as {
        DOMParser: new () => {
          parseFromString(
            t: string,
            type: string,
          ): { querySelector(s: string): unknown; querySelectorAll(s: string): { length: number } };
        };
      }
    ).DOMParser;
    const doc = new Parser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror') !== null,
      paths: doc.querySelectorAll('path').length,
    };
  }, svg);
  expect(parsed).toEqual({ error: false, paths: expect.any(Number) });
  expect(parsed.paths).toBeGreaterThan(0);
  const csv = (await save('Raw CSV')).toString().trim().split('\n');
  expect(csv[0]).toBe('run,step,timestamp,value');
  const values = csv.slice(1).map((l) => Number(l.split(',').at(-1)));
  expect(values.filter(Number.isNaN)).toHaveLength(2);
  expect(values.filter((v) => v === Infinity)).toHaveLength(1);
  expect(values.filter((v) => v === -Infinity)).toHaveLength(1);
  // The same history as the API gives, point for point.
  const history = await page.evaluate(
    async ([storeId, runId]) => {
      const r = await fetch('/api/getMetricHistory', {
        method: 'POST',
        body: JSON.stringify({ storeId, runId, key: 'mape' }),
        headers: { 'content-type': 'application/json' },
      });
      return (await r.text()).length;
    },
    [store, FC4],
  );
  expect(history).toBeGreaterThan(0);
  expect(csv.length - 1).toBeGreaterThanOrEqual(values.length);

  mkdirSync(SCREENS, { recursive: true });
  await chart.screenshot({ path: join(SCREENS, 'chart-mape-light.png') });
  await h.open(`/run/${store}/${FC4}?tab=metrics&metric=mape`, 'dark');
  await (await h.chartReady('mape')).screenshot({ path: join(SCREENS, 'chart-mape-dark.png') });
});

test('lr: both points of the duplicated step are kept; drag zooms, double-click resets', async ({
  page,
  serve,
}) => {
  const server = await serve(fixture('mlflow-2.12.2.dev0/mlruns'));
  const h = new ScreensPage(page, server);
  await h.signIn();
  const store = await h.storeId('mlruns');
  await h.open(`/run/${store}/${IRIS0}?tab=metrics&metric=lr`);
  const chart = await h.chartReady('lr');
  const xs = (await h.csvRows(chart, 'CSV')).map((r) => Number(r[1]));
  const dup = xs.find((x, i) => xs.indexOf(x) !== i);
  expect(dup).toBeGreaterThanOrEqual(40);

  const plot = chart.locator('.recharts-surface').first();
  const box = (await plot.boundingBox()) as { x: number; y: number; width: number; height: number };
  const before = Number(await chart.getAttribute('data-points'));
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(chart.locator('.metric-chart-zoom')).toHaveText('zoomed');
  await expect
    .poll(async () => Number(await chart.getAttribute('data-points')))
    .toBeLessThan(before);
  await chart.locator('.chart-hover-layer').dblclick();
  await expect(chart.locator('.metric-chart-zoom')).toHaveCount(0);
  await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBe(before);
});

test('one value per run shows as a number; values stacked at step 0 spread over time', async ({
  page,
  serve,
}) => {
  const server = await serve(fixture('mlflow-2.12.2.dev0/mlruns'));
  const h = new ScreensPage(page, server);
  await h.signIn();
  const store = await h.storeId('mlruns');
  await h.open(`/run/${store}/${IRIS0}?tab=metrics`);
  // auc is logged once (twice, the same value) at step 0: a number, not a dot on a one-tick axis.
  const auc = page.locator('figure.metric-chart[data-metric="auc"]');
  await expect(auc).toHaveAttribute('data-state', 'ready');
  await expect(auc.locator('.single-value-number')).toHaveText(/^0\.9\d*$/);
  await expect(auc.locator('.recharts-surface')).toHaveCount(0);
  // System metrics: every point at step 0, values differing: drawn against time since the start.
  const cpu = page.locator('figure.metric-chart[data-metric="system/cpu_utilization_percentage"]');
  await expect(cpu.locator('.recharts-surface').first()).toBeVisible();
  await expect(cpu.locator('.recharts-cartesian-axis-tick-value').first()).toContainText(' s');
  // Round seconds on the time axis (100 s, 200 s …), not even fifths of the run's span.
  const xTicks = await cpu
    .locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value')
    .allTextContents();
  expect(xTicks.length).toBeGreaterThanOrEqual(2);
  for (const tick of xTicks) expect(tick).toMatch(/^\d+ s$/);
});

test('compare: a FileStore run next to a SQLite run', async ({ page, serve }) => {
  const server = await serve(
    fixture('mlflow-2.12.2.dev0/mlruns'),
    fixture('mlflow-3.1.2.dev0/mlflow.db'),
  );
  const h = new ScreensPage(page, server);
  await h.signIn();
  const file = await h.storeId('mlruns');
  const sqlite = await h.storeId('mlflow.db');
  const runs = [
    `${file}:${FC4}`,
    `${sqlite}:${ids3.runs['fc-0'] as string}`,
    `${file}:${ids.runs['fc-1'] as string}`,
  ];
  for (const theme of ['light', 'dark'] as const) {
    await h.route('/compare', { runs, metrics: ['mape', 'rmse'] }, theme);
    const pageRoot = page.locator('.compare-page');
    await expect(pageRoot).toHaveAttribute('data-state', 'ready');
    await expect(page.locator('.compare-runs li')).toHaveCount(3);
    await expect(page.locator('.compare-store')).toHaveText([file, sqlite, file]);
    await expect(page.locator('.params-table thead th')).toHaveCount(4);
    await expect(page.locator('.metrics-table tr[data-metric="mape"] td.best')).toHaveCount(1);
    await h.chartReady('mape');
    await expect(page.locator('.parallel-coords polyline')).toHaveCount(3);
    await page.screenshot({ path: join(SCREENS, `compare-${theme}.png`), fullPage: true });
  }
  // Brushing the top of the first axis keeps fewer runs.
  const axis = page.locator('.pc-brush-target').first();
  await axis.scrollIntoViewIfNeeded();
  const b = (await axis.boundingBox()) as { x: number; y: number; width: number; height: number };
  await page.mouse.move(b.x + b.width / 2, b.y + 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height * 0.3, { steps: 4 });
  await page.mouse.up();
  await expect(page.locator('.compare-hint[role="status"]')).toContainText('of 3 runs');
});

test('the ten forecasting runs overlaid: ten colours, the same in lines, legend, bars and compare', async ({
  page,
  serve,
}) => {
  const server = await serve(fixture('mlflow-2.12.2.dev0/mlruns'));
  const h = new ScreensPage(page, server);
  await h.signIn();
  const store = await h.storeId('mlruns');
  const found = await page.request.post(`${server.origin}/api/searchExperiments`, {
    data: { storeId: store },
  });
  const { value } = (await found.json()) as {
    value: { experiments: { experimentId: string; name: string }[] };
  };
  const forecasting = value.experiments.find((x) => x.name === 'team-a/forecasting');
  await h.route('/runs', { e: [`${store}:${forecasting?.experimentId}`], view: 'chart' });
  const chart = await h.chartReady('accuracy');
  await expect(chart.locator('.chart-line')).toHaveCount(10);
  await expect(page.locator('.recharts-bar-rectangle')).toHaveCount(10);
  // Computed colours (rgb), by run name: a line's stroke, its legend swatch, its bar.
  const readColours = () =>
    page.evaluate(() => {
      const g = globalThis as unknown as {
        document: {
          querySelectorAll(s: string): Iterable<{
            getAttribute(n: string): string | null;
            textContent: string | null;
            querySelector(s: string): unknown;
          }>;
        };
        getComputedStyle(e: unknown): { stroke: string; backgroundColor: string; fill: string };
      };
      const fig = '.metric-chart[data-metric="accuracy"]';
      const lines = [...g.document.querySelectorAll(`${fig} .chart-line`)].map(
        (l): [string, string] => [
          l.getAttribute('data-run') ?? '',
          g.getComputedStyle(l.querySelector('.chart-line-curve')).stroke,
        ],
      );
      const legend = [...g.document.querySelectorAll(`${fig} .chart-legend-item`)].map(
        (b): [string, string] => [
          (b.textContent ?? '').trim(),
          g.getComputedStyle(b.querySelector('.chart-swatch')).backgroundColor,
        ],
      );
      const bars = [...g.document.querySelectorAll('.recharts-bar-rectangle path')].map(
        (b) => g.getComputedStyle(b).fill,
      );
      return { lines, legend, bars };
    });
  const colours = await readColours();
  const lines = new Map(colours.lines);
  expect(new Set(lines.values()).size).toBe(10);
  expect(new Map(colours.legend)).toEqual(lines);
  expect(new Set(colours.bars)).toEqual(new Set(lines.values()));

  // Three of them compared: each keeps its colour.
  const three = ['fc-0', 'fc-4', 'fc-7'].map((k) => `${store}:${ids.runs[k] as string}`);
  await h.route('/compare', { runs: three, metrics: ['accuracy'] });
  await expect(page.locator('.compare-page')).toHaveAttribute('data-state', 'ready');
  await h.chartReady('accuracy');
  const compared = await readColours();
  expect(compared.lines).toHaveLength(3);
  for (const [run, colour] of compared.lines) expect(colour, run).toBe(lines.get(run));
});
