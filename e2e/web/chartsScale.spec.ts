/**
 * The on-screen scale: 50 runs × 3 metrics × 10,000 steps in the runs view's chart view (`view=chart`),
 * on a synthetic FileStore from the bench generator. Checks what is drawn (150 lines, every run in the
 * tooltip) and records first paint and hover frame times as annotations — numbers for the report, not
 * timing assertions (this machine is shared; the bench is where targets are judged).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileStore } from '../../scripts/bench/fileStoreGen';
import { ScreensPage } from '../pages/ScreensPage';
import { expect, test } from '../support/test';

const SHAPE = { runs: 50, experiments: 1, params: 3, metrics: 3, steps: 10_000, tags: 5 };

test('50 runs × 3 metrics × 10,000 steps: every line drawn, every run in the tooltip', async ({
  page,
  serve,
}) => {
  test.setTimeout(120_000);
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
    const charts = page.locator('figure.metric-chart[data-state="ready"]:has(.recharts-line)');
    await expect(charts).toHaveCount(3, { timeout: 60_000 });
    await expect(page.locator('.recharts-line')).toHaveCount(150);
    const firstPaintMs = Date.now() - started;

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
    // Frame times while the pointer sweeps the plot (one move per animation frame).
    // The page's globals (no DOM types in the e2e tsconfig).
    type PageGlobals = { frames_: number[]; requestAnimationFrame(cb: (t: number) => void): void };
    await page.evaluate(() => {
      const w = globalThis as unknown as PageGlobals;
      w.frames_ = [];
      let last = performance.now();
      const tick = (t: number) => {
        w.frames_.push(t - last);
        last = t;
        if (w.frames_.length < 400) w.requestAnimationFrame(tick);
      };
      w.requestAnimationFrame(tick);
    });
    for (let i = 0; i <= 60; i++)
      await page.mouse.move(box.x + 70 + ((box.width - 90) * i) / 60, box.y + box.height / 2);
    const frames = await page.evaluate(() => (globalThis as unknown as PageGlobals).frames_);
    const sorted = frames.slice(2).sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
    test.info().annotations.push({
      type: 'timing',
      description: `first paint ${firstPaintMs} ms; hover frames median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`,
    });
    console.log(
      `chart scale: first paint ${firstPaintMs} ms; hover frame median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
