/**
 * The on-screen scale: 50 runs × 3 metrics × 10,000 steps in the runs view's chart view (`view=chart`),
 * on a synthetic FileStore from the bench generator. Checks what is drawn (150 lines, every run in the
 * tooltip) and records timings as annotations — numbers for the report, not timing assertions (this
 * machine is shared; the bench is where targets are judged):
 * - first paint from navigation (server answers included) and from the query cache (renderer only:
 *   the view is left and opened again, so the 150 series are already in the cache);
 * - hover: one synthetic pointer move per animation frame across the plot, dispatched in the page (not
 *   through Playwright, whose per-action round trips and trace snapshots would be measured instead),
 *   and the frame intervals while it sweeps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileStore } from '../../scripts/bench/fileStoreGen';
import { ScreensPage } from '../pages/ScreensPage';
import { expect, test } from '../support/test';

const SHAPE = { runs: 50, experiments: 1, params: 3, metrics: 3, steps: 10_000, tags: 5 };

// Trace snapshots walk the whole DOM (150 long paths) on every action.
test.use({ trace: 'off' });

/** The page's globals used below (no DOM types in the e2e tsconfig). */
interface PageGlobals {
  location: { hash: string };
  document: {
    querySelectorAll(s: string): { length: number };
    elementFromPoint(x: number, y: number): { dispatchEvent(e: unknown): void } | null;
  };
  MouseEvent: new (type: string, init: object) => unknown;
  requestAnimationFrame(cb: (t: number) => void): void;
}

test('50 runs × 3 metrics × 10,000 steps: every line drawn, every run in the tooltip', async ({
  page,
  serve,
}) => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'runlens-chart-scale-'));
  try {
    const runIds = writeFileStore(join(dir, 'mlruns'), {
      seed: 8,
      shape: SHAPE,
      bigMetricPoints: 0,
    });
    const server = await serve(join(dir, 'mlruns'));
    const h = new ScreensPage(page, server);
    await h.signIn();
    const store = await h.storeId('mlruns');
    const experiments = await page.request.post(`${server.origin}/api/searchExperiments`, {
      data: { storeId: store },
    });
    const body = (await experiments.json()) as {
      value: { experiments: { experimentId: string }[] };
    };
    const e = body.value.experiments.map((x) => `${store}:${x.experimentId}`);
    expect(runIds).toHaveLength(50);
    const started = Date.now();
    // No selection: the chart view draws the runs the table has loaded (all 50 here).
    await h.route('/runs', { e, view: 'chart' });
    const charts = page.locator('figure.metric-chart[data-state="ready"]:has(.chart-line)');
    await expect(charts).toHaveCount(3, { timeout: 90_000 });
    await expect(page.locator('.chart-line')).toHaveCount(150, { timeout: 30_000 });
    const firstPaintMs = Date.now() - started;

    // From the cache: leave the view, come back, time until the 150 lines are in the page.
    const hash = await page.evaluate(() => (globalThis as unknown as PageGlobals).location.hash);
    await page.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.hash = '#/compare?runs=%5B%5D';
    });
    await expect(page.locator('.chart-line')).toHaveCount(0);
    const cachedPaintMs = await page.evaluate(
      (h0) =>
        new Promise<number>((resolve) => {
          const g = globalThis as unknown as PageGlobals;
          const t0 = performance.now();
          g.location.hash = h0;
          const poll = () => {
            if (g.document.querySelectorAll('.chart-line').length === 150)
              g.requestAnimationFrame(() => resolve(performance.now() - t0));
            else g.requestAnimationFrame(poll);
          };
          poll();
        }),
      hash,
    );

    const plot = charts.first().locator('.recharts-surface').first();
    const box = (await plot.boundingBox()) as {
      x: number;
      y: number;
      width: number;
      height: number;
    };
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    await expect(page.locator('.chart-tooltip-row')).toHaveCount(30);
    await expect(page.locator('.chart-tooltip-more')).toHaveText('+20 more');
    const frames = await page.evaluate(
      ({ x0, x1, y }) =>
        new Promise<number[]>((resolve) => {
          const g = globalThis as unknown as PageGlobals;
          const out: number[] = [];
          const n = 120;
          let i = 0;
          let last = performance.now();
          const tick = (t: number) => {
            out.push(t - last);
            last = t;
            if (i > n) return resolve(out);
            const x = x0 + ((x1 - x0) * i++) / n;
            const init = { clientX: x, clientY: y, bubbles: true };
            g.document.elementFromPoint(x, y)?.dispatchEvent(new g.MouseEvent('mousemove', init));
            g.requestAnimationFrame(tick);
          };
          g.requestAnimationFrame(tick);
        }),
      { x0: box.x + 70, x1: box.x + box.width - 20, y: box.y + box.height / 2 },
    );
    await expect(page.locator('.chart-tooltip-row')).toHaveCount(30);
    const sorted = frames.slice(2).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
    const line =
      `first paint ${firstPaintMs} ms (from the cache ${Math.round(cachedPaintMs)} ms); ` +
      `hover frames median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`;
    test.info().annotations.push({ type: 'timing', description: line });
    console.log(`chart scale: ${line}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
