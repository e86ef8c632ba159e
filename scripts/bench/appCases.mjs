// Bench samples measured the way a user meets them (issue 12): the app in Chromium against
// `runlens serve`, and the CLI as a whole process. Each sample is a fresh `runlens serve` or CLI
// process; the browser is started before the clock, so its own start-up is not counted.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from '@playwright/test';

const CLI = join(import.meta.dirname, '..', '..', 'bin', 'runlens.js');
const SIDEBAR_EXPERIMENT = 'nav[aria-label="Stores and experiments"] .experiment-name';
const RUN_NAME = '[role="row"][data-run-id] .run-name';
/** Rows shown and no longer the cached preview (stale-while-revalidate done: the exact list). */
export const CHECKED_ROWS =
  '.runs-table[data-state="ready"]:not([data-checking]) [role="row"][data-run-id]';

/** The one experiment folder of a generated single-experiment `mlruns` store. */
export function onlyExperimentId(mlruns) {
  const ids = readdirSync(mlruns).filter((n) => /^\d+$/.test(n));
  if (ids.length !== 1)
    throw new Error(`expected one experiment in ${mlruns}, found ${ids.length}`);
  return ids[0];
}

function launchChromium() {
  return chromium.launch({ executablePath: process.env.RUNLENS_CHROMIUM ?? '/usr/bin/chromium' });
}

/** Starts `runlens serve STORE`; resolves the printed URL (with its token) and the process. */
function startServe(store, cacheDir) {
  const child = spawn(process.execPath, [CLI, 'serve', store, '--port', '0'], {
    env: { ...process.env, RUNLENS_CACHE_DIR: cacheDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const url = /(http:\/\/\S+)/.exec(out)?.[1];
      if (url) resolve({ child, url });
    });
    child.on('exit', (code) => reject(new Error(`runlens serve exited (${code}) before its URL`)));
  });
}

async function stopServe(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** The store id the app uses in its runs route, asked from a running server. */
async function storeIdOf(url) {
  const token = new URL(url).searchParams.get('token') ?? '';
  const res = await fetch(new URL('/api/listStores', url), {
    method: 'POST',
    headers: { 'X-Runlens-Token': token, 'Content-Type': 'application/json' },
    body: '{}',
  });
  const body = await res.json();
  if (!body.ok || !body.value[0]) throw new Error(`listStores failed: ${JSON.stringify(body)}`);
  return body.value[0].storeId;
}

/**
 * Installed in the page before it loads: on every animation frame, notes the wall-clock time (ms since
 * the epoch) at which each selector first matches an element with a box, i.e. the frame that paints it.
 * Playwright's own waits poll from outside at 0, 20, 50, 100, 100 ms and then every 500 ms, and its
 * rAF polling only starts once its script is injected into the loading page: either added up to
 * ~0.3 s to what these samples reported (in-page sidebar at ~380 ms, seen by `waitFor` at 450–690 ms).
 */
/* eslint-disable no-undef -- evaluated in the page */
function watchShown(selectors) {
  const shown = {};
  window.__runlensShown = shown;
  const look = () => {
    for (const s of selectors) {
      if (shown[s] !== undefined) continue;
      const el = document.querySelector(s);
      if (el && el.getClientRects().length > 0)
        shown[s] = performance.timeOrigin + performance.now();
    }
    if (selectors.some((s) => shown[s] === undefined)) requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
}
/* eslint-enable no-undef */

/** Epoch ms at which the page first painted `selector` (it must be shown by now: waited for first). */
async function shownAt(page, selector) {
  await page.locator(selector).first().waitFor({ state: 'visible', timeout: 120_000 });
  // Playwright may see it before the page's next frame notes it: give the page a few frames.
  const noted = await page
    // eslint-disable-next-line no-undef -- evaluated in the page
    .waitForFunction((s) => window.__runlensShown?.[s], selector, {
      polling: 'raf',
      timeout: 2_000,
    })
    .then((handle) => handle.jsonValue())
    .catch(() => undefined);
  if (typeof noted !== 'number') throw new Error(`the page did not note when ${selector} showed`);
  return noted;
}

/**
 * One sample: ms from spawning `runlens serve` to (a) the experiment in the sidebar, (b) the first
 * run names in the runs table (the cached preview when the index cache was kept) and (c) the exact
 * list (the "checking" state over), opening the runs route directly (`/#/runs?e=<storeId>:<experimentId>`).
 * `storeId` comes from an untimed earlier serve (`prepareApp`); it is derived from the location.
 */
export function firstRowsSample({ store, experimentId, storeId, cacheDir }) {
  return appSample({}, async (page, serveStore) => {
    await page.addInitScript(watchShown, [SIDEBAR_EXPERIMENT, RUN_NAME, CHECKED_ROWS]);
    // Wall clock, as the page notes it (both processes read the same system clock).
    const started = performance.timeOrigin + performance.now();
    const serve = await serveStore(store, cacheDir);
    const target = `${serve.url}#/runs?e=${encodeURIComponent(`${storeId}:${experimentId}`)}`;
    const at = async (selector) => (await shownAt(page, selector)) - started;
    const navigated = page.goto(target);
    const [sidebar, rows, exactRows] = await Promise.all([
      at(SIDEBAR_EXPERIMENT),
      at(RUN_NAME),
      at(CHECKED_ROWS),
    ]);
    const page0 = await (await navigated)?.text();
    const visibleRows = await page.locator(RUN_NAME).count();
    // Whether the page came with a prerendered shell (kept from an earlier launch: shellPrerender.ts).
    const shell = page0?.includes('data-state="prerendered"') ? 1 : 0;
    return { timings: { sidebar, rows, exactRows }, counts: { visibleRows, shell } };
  });
}

/**
 * One app sample: a fresh Chromium page (`pageOptions`) for `measure(page, serveStore)`, which starts
 * `runlens serve` with `serveStore(store, cacheDir)` when its clock says so. The browser and every
 * server it started are stopped afterwards; a failure becomes the sample's `error`.
 */
export async function appSample(pageOptions, measure) {
  const browser = await launchChromium();
  const servers = [];
  try {
    const page = await browser.newPage(pageOptions);
    return await measure(page, async (store, cacheDir) => {
      const serve = await startServe(store, cacheDir);
      servers.push(serve);
      return serve;
    });
  } catch (error) {
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    await browser.close();
    for (const serve of servers) await stopServe(serve.child);
  }
}

/**
 * Untimed: fills `cacheDir` (when given and `primeCache`) and learns the store id the runs route needs.
 */
export async function prepareApp(store, cacheDir, { primeCache = true } = {}) {
  const { child, url } = await startServe(store, cacheDir);
  try {
    const storeId = await storeIdOf(url);
    if (primeCache) {
      // The full list once, so the index cache is written (a kept cache, as after an earlier launch).
      runsJson(store, onlyExperimentId(store), cacheDir);
      // An earlier launch showed the app too: the shell rendered for its page is kept as well.
      await (await fetch(url)).text();
      await shellWritten(cacheDir);
    }
    return { storeId };
  } finally {
    await stopServe(child);
  }
}

/** Waits until `runlens serve` has kept a prerendered shell in `cacheDir` (shellPrerender.ts). */
async function shellWritten(cacheDir, timeoutMs = 20_000) {
  const dir = join(cacheDir, 'shells');
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (existsSync(dir) && readdirSync(dir).some((n) => n.endsWith('.html'))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`runlens serve kept no prerendered shell in ${dir}`);
}

/** `runlens runs STORE --experiment-id X --json`, the whole process timed (node start included). */
export function runsJson(store, experimentId, cacheDir) {
  const started = performance.now();
  const child = spawnSync(
    process.execPath,
    [CLI, 'runs', store, '--experiment-id', experimentId, '--json'],
    {
      env: { ...process.env, RUNLENS_CACHE_DIR: cacheDir },
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    },
  );
  const total = performance.now() - started;
  if (child.status !== 0)
    return {
      error: (child.stderr.trim().split('\n').pop() ?? `exit ${child.status}`).slice(0, 300),
    };
  const runs = JSON.parse(child.stdout).runs?.length ?? 0;
  return { timings: { total }, counts: { runs } };
}
