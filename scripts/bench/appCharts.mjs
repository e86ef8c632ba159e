// Issue 8's on-screen scale in the bench: the runs view's chart view of 50 runs × 3 metrics × 10,000
// steps, in Chromium against `runlens serve`. First paint is timed from navigating to the chart view
// (the server already running and signed in: the server's own start is the A cases' business) to the
// 150 lines in the page; hover as the interval between frames while the pointer sweeps a plot.
import { appSample } from './appCases.mjs';

const LINES = 150;

/* global document, requestAnimationFrame, MouseEvent -- runs in the page (page.evaluate) */
/** In the page: one pointer move per animation frame across the plot; the frame intervals. */
function sweep({ x0, x1, y, moves }) {
  return new Promise((resolve) => {
    const intervals = [];
    let i = 0;
    let last = performance.now();
    const frame = (now) => {
      intervals.push(now - last);
      last = now;
      if (i > moves) return resolve(intervals.slice(2));
      const x = x0 + ((x1 - x0) * i++) / moves;
      const move = new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true });
      document.elementFromPoint(x, y)?.dispatchEvent(move);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** One sample: sign in, open the chart view of the one experiment, wait for every line, hover. */
export function chartSample({ store, storeId, experimentId, cacheDir }) {
  return appSample({ viewport: { width: 1440, height: 900 } }, async (page, serveStore) => {
    const serve = await serveStore(store, cacheDir);
    await page.goto(serve.url);
    await page
      .locator('nav[aria-label="Stores and experiments"] .experiment-name')
      .first()
      .waitFor();
    const e = encodeURIComponent(JSON.stringify([`${storeId}:${experimentId}`]));
    const started = performance.now();
    await page.goto(`${new URL(serve.url).origin}/#/runs?e=${e}&view=chart`);
    await page.waitForFunction((n) => document.querySelectorAll('.chart-line').length >= n, LINES, {
      timeout: 120_000,
      polling: 'raf',
    });
    const firstPaint = performance.now() - started;
    const lines = await page.locator('.chart-line').count();
    const plot = page.locator('figure.metric-chart .recharts-surface').first();
    const box = await plot.boundingBox();
    if (!box) throw new Error('no plot to hover');
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width / 2, y);
    await page.locator('.chart-tooltip-row').first().waitFor();
    const intervals = await page.evaluate(sweep, {
      x0: box.x + 70,
      x1: box.x + box.width - 20,
      y,
      moves: 120,
    });
    const tooltipRows = await page.locator('.chart-tooltip-row').count();
    const sorted = [...intervals].sort((a, b) => a - b);
    return {
      timings: { firstPaint, p95Frame: sorted[Math.floor(sorted.length * 0.95)] ?? NaN },
      counts: { lines, tooltipRows },
    };
  });
}
