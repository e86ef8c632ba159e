/**
 * The desktop shell end to end: the built Electron app (dist/electron/main.cjs) opens the store given
 * after `--`, the renderer loads from app://runlens and lists the experiments through the preload bridge.
 * Skipped where the Electron binary is not installed or there is no display (run under xvfb-run on CI).
 */
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METHOD_NAMES } from '../../shared/common/contract';
import { AppPage } from '../pages/AppPage';
import { fixture, REPO_ROOT } from '../support/runlensServer';
import { displayAvailable, electronBinaryAvailable, electronBinaryPath } from './electronBinary';

const MAIN = join(REPO_ROOT, 'dist/electron/main.cjs');
const SCREENS = join(REPO_ROOT, 'test-results/screens');

test.skip(!electronBinaryAvailable(), 'Electron binary not available on this machine');
test.skip(!displayAvailable(), 'No display (set DISPLAY, or run under xvfb-run)');

let app: ElectronApplication;
let userData: string;

test.beforeEach(async () => {
  // Own user-data folder per test: its own single-instance lock and no state from other runs.
  userData = mkdtempSync(join(tmpdir(), 'runlens-electron-'));
  const executablePath = electronBinaryPath();
  if (!executablePath) throw new Error('unreachable: skipped above');
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  app = await electron.launch({
    executablePath,
    args: [MAIN, '--', fixture('mlflow-3.1.2.dev0/mlruns')],
    cwd: REPO_ROOT,
    env: { ...env, RUNLENS_USER_DATA_DIR: userData },
  });
});

test.afterEach(async () => {
  await app.close();
  rmSync(userData, { recursive: true, force: true });
});

test('opens the command-line store and lists its experiments', async () => {
  const page = await app.firstWindow();
  const shell = new AppPage(page);
  await expect(page.locator('[data-state="ready"]').first()).toBeVisible();
  await expect(shell.experiment('iris-classification')).toBeVisible();
  expect(page.url()).toMatch(/^app:\/\/runlens\//);
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, 'electron-sidebar.png') });
});

test('exposes only the contract to the page, and no Node', async () => {
  const page = await app.firstWindow();
  await expect(page.locator('[data-state="ready"]').first()).toBeVisible();
  const surface = await page.evaluate(() => {
    const scope = globalThis as unknown as Record<string, unknown>;
    const bridge = scope.runlens as Record<string, unknown>;
    const events = scope.runlensEvents as Record<string, unknown>;
    return {
      methods: Object.keys(bridge),
      events: Object.keys(events),
      require: typeof scope.require,
      process: typeof scope.process,
    };
  });
  expect(surface.methods).toEqual(METHOD_NAMES);
  expect(surface.events).toEqual(['onStoresChanged']);
  expect(surface.require).toBe('undefined');
  expect(surface.process).toBe('undefined');
});
