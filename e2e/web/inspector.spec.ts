/**
 * Issue 10's acceptance, screen by screen, in the app: every screen of the inspector on both fixture
 * versions and both store kinds, and on a remote store (the replay of a real MLflow 3.1 server). Each
 * screen is reached by an in-app navigation to its deep link (first content timed in the page), checked
 * with axe, reloaded (same URL, same screen), and Back/Forward walk the screens visited.
 * The times are printed for the report; the bound is generous because this machine is shared.
 */
import { readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { startReplayServer } from '../../test/rest/replayServer';
import { ScreensPage } from '../pages/ScreensPage';
import { hashRoute } from '../support/routes';
import { fixture, type RunlensServer } from '../support/runlensServer';
import { expect, test } from '../support/test';

/**
 * First content on a warm app, on a 2-core machine shared by ~8 test runs (the target is 300 ms on an
 * idle machine; the printed numbers are the measurement, this bound only catches a hang or a regression
 * of an order of magnitude).
 */
const CI_BOUND_MS = 5000;

interface Screen {
  name: string;
  /** Hash path, without the `#`. */
  path: string;
  /** The screen's root, whose data-state says when it is ready. */
  root: string;
  /**
   * False for the runs chart view: its first paint is the charts' work (the chart speed task), measured
   * by chartsScale.spec.ts and printed here, not bounded.
   */
  bounded?: boolean;
}

async function api<T>(
  request: APIRequestContext,
  server: RunlensServer,
  method: string,
  body: object,
) {
  const res = await request.post(`${server.origin}/api/${method}`, { data: body });
  return ((await res.json()) as { value: T }).value;
}

/** The screens a local fixture store has content for (registry, logged models, traces by version). */
async function localScreens(
  ui: ScreensPage,
  server: RunlensServer,
  version: string,
  kind: 'file' | 'sqlite',
): Promise<Screen[]> {
  const ids = JSON.parse(readFileSync(fixture(`${version}/ids-${kind}.json`), 'utf8')) as {
    experiments: Record<string, string>;
    runs: Record<string, string>;
  };
  const s = await ui.storeId(kind === 'file' ? 'mlruns' : 'mlflow.db');
  const iris = ids.runs['iris-0'] ?? '';
  const runs = { e: [`${s}:${ids.experiments.iris ?? ''}`] };
  const screens: Screen[] = [
    { name: 'runs', path: hashRoute('/runs', runs).slice(1), root: 'section.runs-view' },
    {
      name: 'runs chart',
      path: hashRoute('/runs', { ...runs, view: 'chart' }).slice(1),
      root: '.runs-chart-view',
      bounded: false,
    },
    { name: 'run overview', path: `/run/${s}/${iris}`, root: '.run-page' },
    { name: 'run metrics', path: `/run/${s}/${iris}?tab=metrics`, root: '.run-page' },
    { name: 'run params', path: `/run/${s}/${iris}?tab=params`, root: '.run-page' },
    { name: 'run artifacts', path: `/run/${s}/${iris}?tab=artifacts`, root: '.run-page' },
    {
      name: 'compare',
      path: hashRoute('/compare', {
        runs: [`${s}:${iris}`, `${s}:${ids.runs['iris-1'] ?? ''}`],
      }).slice(1),
      root: '.compare-page',
    },
    { name: 'models', path: `/models/${s}`, root: '.models-page' },
  ];
  const models = await api<{
    registeredModels: { name: string; latestVersions?: { version: string }[] }[];
  }>(ui.page.request, server, 'searchRegisteredModels', { storeId: s });
  const model = models.registeredModels[0];
  if (model) {
    const name = encodeURIComponent(model.name);
    screens.push({ name: 'model', path: `/models/${s}/${name}`, root: '.model-page' });
    const v = model.latestVersions?.[0]?.version;
    if (v)
      screens.push({
        name: 'model version',
        path: `/models/${s}/${name}/${v}`,
        root: '.model-version-page',
      });
  }
  const logged = await api<{ modelId: string }[]>(ui.page.request, server, 'searchLoggedModels', {
    storeId: s,
  });
  if (logged[0])
    screens.push({
      name: 'logged model',
      path: `/logged-models/${s}/${logged[0].modelId}`,
      root: '.logged-model-page',
    });
  const traces = await api<{ traceId: string }[]>(ui.page.request, server, 'searchTraces', {
    storeId: s,
  });
  if (traces[0]) {
    screens.push({ name: 'trace', path: `/traces/${s}/${traces[0].traceId}`, root: '.trace-page' });
    screens.push({
      name: 'experiment traces',
      path: hashRoute('/runs', { e: [`${s}:${ids.experiments.llm ?? ''}`], tab: 'traces' }).slice(
        1,
      ),
      root: '.traces-list',
    });
  }
  return screens;
}

/** Every screen: timed navigation, axe, reload; then Back and Forward over the visited screens. */
async function walk(ui: ScreensPage, screens: Screen[], label: string): Promise<void> {
  const page = ui.page;
  const times: string[] = [];
  for (const screen of screens) {
    const { ms, state } = await ui.navigateTimed(screen.path, screen.root);
    times.push(`${screen.name} ${Math.round(ms)}`);
    expect(state, `${label}: ${screen.name}`).toBe('ready');
    if (screen.bounded !== false)
      expect.soft(ms, `${label}: ${screen.name} first content`).toBeLessThan(CI_BOUND_MS);
    expect(await ui.seriousViolations(), `${label}: ${screen.name}`).toEqual([]);
    const url = page.url();
    await page.reload();
    await expect(
      page.locator(screen.root).first(),
      `${label}: ${screen.name} after reload`,
    ).toHaveAttribute('data-state', 'ready');
    expect(page.url()).toBe(url);
  }
  console.log(`first content (ms), ${label}: ${times.join(', ')}`);
  test
    .info()
    .annotations.push({ type: 'first content ms', description: `${label}: ${times.join(', ')}` });
  // Back leaves the last screen for the one before, Forward returns; the app stays on its origin.
  const [before, last] = screens.slice(-2);
  if (!before || !last) return;
  await page.goBack();
  await expect(page.locator(before.root).first()).toHaveAttribute('data-state', 'ready');
  expect(page.url()).toContain(`#${before.path}`);
  await page.goForward();
  await expect(page.locator(last.root).first()).toHaveAttribute('data-state', 'ready');
  expect(page.url()).toContain(`#${last.path}`);
}

const STORES = [
  { version: 'mlflow-3.1.2.dev0', kind: 'file', theme: 'light' },
  { version: 'mlflow-3.1.2.dev0', kind: 'sqlite', theme: 'dark' },
  { version: 'mlflow-2.12.2.dev0', kind: 'file', theme: 'dark' },
  { version: 'mlflow-2.12.2.dev0', kind: 'sqlite', theme: 'light' },
] as const;

for (const { version, kind, theme } of STORES) {
  test(`every screen on the ${version} ${kind} store (${theme}): deep link, axe, reload, Back/Forward`, async ({
    page,
    serve,
  }) => {
    test.setTimeout(240_000);
    await page.emulateMedia({ colorScheme: theme });
    const server = await serve(fixture(`${version}/${kind === 'file' ? 'mlruns' : 'mlflow.db'}`));
    const ui = new ScreensPage(page, server);
    await ui.signIn();
    await expect(page.locator('.app')).toHaveAttribute('data-state', 'ready');
    const screens = await localScreens(ui, server, version, kind);
    expect(screens.length).toBeGreaterThanOrEqual(8);
    await walk(ui, screens, `${version} ${kind}`);
  });
}

test('every screen on a remote store (replay of an MLflow 3.1 server)', async ({ page, serve }) => {
  test.setTimeout(240_000);
  const replay = await startReplayServer(fixture('mlflow-3.1.2.dev0/rest'));
  try {
    const server = await serve(replay.url);
    const ui = new ScreensPage(page, server);
    await ui.signIn();
    await expect(page.locator('.app')).toHaveAttribute('data-state', 'ready');
    const s = await ui.storeId(''); // the only store: the server
    // The objects the captures hold (test/fixtures/mlflow-3.1.2.dev0/rest/index.json).
    const run = '056b8437ad88432db0c336908112e09f';
    await walk(
      ui,
      [
        {
          name: 'runs',
          path: hashRoute('/runs', { e: [`${s}:1`] }).slice(1),
          root: 'section.runs-view',
        },
        { name: 'run overview', path: `/run/${s}/${run}`, root: '.run-page' },
        { name: 'run artifacts', path: `/run/${s}/${run}?tab=artifacts`, root: '.run-page' },
        { name: 'models', path: `/models/${s}`, root: '.models-page' },
        { name: 'model', path: `/models/${s}/iris-classifier`, root: '.model-page' },
        {
          name: 'model version',
          path: `/models/${s}/iris-classifier/2`,
          root: '.model-version-page',
        },
        {
          name: 'logged model',
          path: `/logged-models/${s}/m-fb7993a54ced4d0595073e955a0a1188`,
          root: '.logged-model-page',
        },
        {
          name: 'trace',
          path: `/traces/${s}/tr-9a1de644815ef6d13b8faa1837f8a88b`,
          root: '.trace-page',
        },
      ],
      'remote 3.1',
    );
  } finally {
    await replay.close();
  }
});
