/**
 * The desktop app end to end: the built Electron app (dist/electron/main.cjs) opens a store given on
 * the command line or by a runlens:// link, and the renderer, loaded from app://runlens through the
 * preload bridge, shows runs table → run page → compare.
 * Reported as skipped, with the reason, where the Electron binary is not installed or there is no
 * display (Linux CI: `xvfb-run -a npm run test:electron`); never as passed there.
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METHOD_NAMES } from '../../shared/common/contract';
import { formatDeepLink } from '../../shared/node/desktop/deepLink';
import { AppPage } from '../pages/AppPage';
import { fixture, REPO_ROOT } from '../support/runlensServer';
import { displayAvailable, electronBinaryAvailable, electronBinaryPath } from './electronBinary';

const MAIN = join(REPO_ROOT, 'dist/electron/main.cjs');
const SCREENS = join(REPO_ROOT, 'test-results/screens');
const MLRUNS = fixture('mlflow-3.1.2.dev0/mlruns');
const IDS = JSON.parse(readFileSync(fixture('mlflow-3.1.2.dev0/ids-file.json'), 'utf8')) as {
  runs: Record<string, string>;
};

test.skip(!electronBinaryAvailable(), 'not run: the Electron binary is not installed here');
test.skip(!displayAvailable(), 'not run: no display (set DISPLAY, or run under xvfb-run)');

let app: ElectronApplication;
let userData: string;

async function launch(...targets: string[]): Promise<ElectronApplication> {
  // Own user-data folder per test: its own single-instance lock, recent list and window state.
  userData = mkdtempSync(join(tmpdir(), 'runlens-electron-'));
  const executablePath = electronBinaryPath();
  if (!executablePath) throw new Error('unreachable: skipped above');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  app = await electron.launch({
    executablePath,
    args: [MAIN, '--', ...targets],
    cwd: REPO_ROOT,
    env: { ...env, RUNLENS_USER_DATA_DIR: userData },
  });
  return app;
}

test.afterEach(async () => {
  await app?.close();
  rmSync(userData, { recursive: true, force: true });
});

test('opens the command-line store: experiments, runs table, run page, compare', async () => {
  await launch(MLRUNS);
  const page = await app.firstWindow();
  const shell = new AppPage(page);
  await expect(page.locator('[data-state="ready"]').first()).toBeVisible();
  expect(page.url()).toMatch(/^app:\/\/runlens\//);
  const runs = await shell.openExperiment('iris-classification');
  await expect(runs.rows.first()).toBeVisible();
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, 'electron-runs.png') });

  const runIds = await runs.rows.evaluateAll((rows) =>
    rows.slice(0, 2).map((row) => row.getAttribute('data-run-id') ?? ''),
  );
  await runs.rows.first().locator('.run-name').click();
  await expect(page).toHaveURL(/#\/run\/[^/]+\/[0-9a-f]+/);
  await expect(page.locator('[data-state="ready"]').first()).toBeVisible();

  const storeId = /#\/run\/([^/]+)\//.exec(page.url())?.[1] ?? '';
  const selection = JSON.stringify(runIds.map((id) => `${storeId}:${id}`));
  await page.evaluate(
    (hash) => {
      (globalThis as unknown as { location: { hash: string } }).location.hash = hash;
    },
    `#/compare?runs=${encodeURIComponent(selection)}`,
  );
  await expect(page).toHaveURL(/#\/compare/);
  await expect(page.locator('[data-state="ready"]').first()).toBeVisible();
  await page.screenshot({ path: join(SCREENS, 'electron-compare.png') });
});

test('a runlens:// link opens its store at the run', async () => {
  const runId = IDS.runs['iris-0'] ?? '';
  await launch(formatDeepLink({ location: MLRUNS, runId }));
  const page = await app.firstWindow();
  await expect(page).toHaveURL(new RegExp(`#/run/[^/]+/${runId}`));
  await expect(page.locator('[data-state="ready"]').first()).toBeVisible();
});

test('exposes only the contract and the desktop bridges to the page, and no Node', async () => {
  await launch(MLRUNS);
  const page = await app.firstWindow();
  await expect(page.locator('[data-state="ready"]').first()).toBeVisible();
  const surface = await page.evaluate(() => {
    const scope = globalThis as unknown as Record<string, Record<string, unknown> | undefined>;
    return {
      methods: Object.keys(scope.runlens ?? {}),
      events: Object.keys(scope.runlensEvents ?? {}),
      desktop: Object.keys(scope.runlensDesktop ?? {}),
      require: typeof scope.require,
      process: typeof scope.process,
    };
  });
  expect(surface.methods).toEqual(METHOD_NAMES);
  expect(surface.events).toEqual(['onStoresChanged', 'onEvent']);
  expect(surface.desktop).toEqual(['openDroppedFiles', 'onCommand']);
  expect(surface.require).toBe('undefined');
  expect(surface.process).toBe('undefined');
  // A window.open is denied: still one window.
  await page.evaluate(() =>
    (globalThis as unknown as { open(url: string): unknown }).open('https://example.com'),
  );
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});
