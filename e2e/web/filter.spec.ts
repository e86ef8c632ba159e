/** The filter box speaks MLflow's search syntax; the store parses it and its errors show inline. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppPage } from '../pages/AppPage';
import { RunsPage } from '../pages/RunsPage';
import { capturedRequest, capturedRunIds } from '../support/captures';
import { appUrl, hashRoute } from '../support/routes';
import { fixture, REPO_ROOT } from '../support/runlensServer';
import { expect, test } from '../support/test';

test('a metric filter narrows the runs; a bad filter shows the store message', async ({
  page,
  serve,
}) => {
  const server = await serve(fixture('mlflow-3.1.2.dev0/mlruns'));
  const app = new AppPage(page);
  await app.open(server.url);
  const runs = await app.openExperiment('iris-classification');
  await expect(runs.count).toHaveText('10 runs');

  await runs.filter('metrics.f1 > 0.9');
  await runs.waitReady();
  await expect(runs.count).toHaveText('3 runs');
  expect((await runs.runNames()).sort()).toEqual([
    'hp-sweep-trial-0',
    'hp-sweep-trial-2-refit',
    'hp-sweep-trial-3',
  ]);
  await expect(runs.filterError).toHaveCount(0);

  await runs.filter('metrics.f1 > 0.99');
  await expect(runs.emptyMessage).toHaveText('No runs match this filter.');

  await runs.filter('this is not a filter');
  await expect(runs.table).toHaveAttribute('data-state', 'error');
  await expect(runs.filterError).toBeVisible();
  await expect(runs.filterError).not.toBeEmpty();
  await expect(runs.filterInput).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: join(REPO_ROOT, 'test-results/screens/filter-error.png') });

  await runs.filter('');
  await runs.waitReady();
  await expect(runs.count).toHaveText('10 runs');
  await expect(runs.filterError).toHaveCount(0);
});

/**
 * The filters MLflow answered in the captures (its `runs/search` over a server on the same store),
 * typed into the table: the table shows the same runs. Both versions, both store kinds.
 */
const CAPTURED = [
  { store: 'mlflow-3.1.2.dev0/mlruns', captures: 'mlflow-3.1.2.dev0/rest-filestore' },
  { store: 'mlflow-3.1.2.dev0/mlflow.db', captures: 'mlflow-3.1.2.dev0/rest' },
  { store: 'mlflow-2.12.2.dev0/mlruns', captures: 'mlflow-2.12.2.dev0/rest-filestore' },
  { store: 'mlflow-2.12.2.dev0/mlflow.db', captures: 'mlflow-2.12.2.dev0/rest' },
];

for (const { store, captures } of CAPTURED) {
  test(`MLflow's filters give MLflow's runs (${store})`, async ({ page, serve }) => {
    const server = await serve(fixture(store));
    const app = new AppPage(page);
    await app.open(server.url);
    const runs = new RunsPage(page);

    // A metric and an attribute over two experiments, ordered by the metric: MLflow's first two
    // pages (two runs each) are the table's first four runs.
    const paged = capturedRequest(captures, 'runs-search.page1.json');
    const experiments = (paged.experiment_ids as string[]).map((id) => `s1:${id}`);
    await page.goto(
      appUrl(
        server.url,
        hashRoute('/runs', { e: experiments, filter: paged.filter as string, sort: 'm:f1:desc' }),
      ),
    );
    await runs.waitReady();
    const firstPages = capturedRunIds(captures, 'runs-search.page1.json', 'runs-search.page2.json');
    expect(firstPages).toHaveLength(4);
    await expect
      .poll(async () => (await runs.runIds()).slice(0, 4).sort())
      .toEqual([...firstPages].sort());

    // A param and a tag, ordered by a param, typed into the filter box and sorted from the header.
    const params = capturedRequest(captures, 'runs-search.params_filter.json');
    await page.goto(
      appUrl(
        server.url,
        hashRoute('/runs', {
          e: (params.experiment_ids as string[]).map((id) => `s1:${id}`),
          sort: 'p:window:desc',
        }),
      ),
    );
    await runs.waitReady();
    await runs.filter(params.filter as string);
    await runs.waitReady();
    await expect
      .poll(() => runs.runIds())
      .toEqual(capturedRunIds(captures, 'runs-search.params_filter.json'));
  });
}

/** Issue 10's acceptance filter, written for MLflow; no capture holds MLflow's answer to it. */
const ACCEPTANCE = "metrics.accuracy > 0.9 and params.solver = 'lbfgs'";

interface ListedRun {
  info: { run_id: string; lifecycle_stage: string };
  data: { metrics?: { key: string; value: number }[]; params?: { key: string; value: string }[] };
}

/**
 * The runs of MLflow's own full listing of the experiment (`runs/search`, view ALL) that satisfy the
 * acceptance filter, decided here from MLflow's JSON alone (active runs: the table's default view,
 * MLflow's ACTIVE_ONLY), so the app is held to MLflow's data, not to our own search code.
 */
function acceptedByMlflowJson(captures: string): { experimentId: string; runIds: string[] } {
  const file = 'runs-search.all_exp1_view_all.json';
  const [experimentId] = capturedRequest(captures, file).experiment_ids as string[];
  const body = JSON.parse(readFileSync(join(fixture(captures), file), 'utf8')) as {
    runs: ListedRun[];
  };
  const runIds = body.runs
    .filter((r) => r.info.lifecycle_stage === 'active')
    .filter((r) => (r.data.metrics ?? []).some((m) => m.key === 'accuracy' && m.value > 0.9))
    .filter((r) => (r.data.params ?? []).some((p) => p.key === 'solver' && p.value === 'lbfgs'))
    .map((r) => r.info.run_id);
  return { experimentId: experimentId ?? '', runIds };
}

/**
 * The four local stores. Not the replay of a server: RestStore sends this filter to the server as
 * MLflow's client does, and no capture holds MLflow's answer to it (the replay only answers what
 * was captured, and inventing the answer would test nothing).
 */
const ACCEPTANCE_STORES = CAPTURED;

for (const { store, captures } of ACCEPTANCE_STORES) {
  test(`the filter ${ACCEPTANCE} shows the runs MLflow's JSON satisfies (${store})`, async ({
    page,
    serve,
  }) => {
    const server = await serve(fixture(store));
    const expected = acceptedByMlflowJson(captures);
    expect(expected.runIds.length).toBeGreaterThan(0);
    await new AppPage(page).open(server.url);
    const runs = new RunsPage(page);
    await page.goto(appUrl(server.url, hashRoute('/runs', { e: [`s1:${expected.experimentId}`] })));
    await runs.waitReady();
    await runs.filter(ACCEPTANCE);
    await runs.waitReady();
    await expect(runs.filterError).toHaveCount(0);
    await expect(runs.count).toHaveText(`${expected.runIds.length} runs`);
    await expect
      .poll(async () => (await runs.runIds()).sort())
      .toEqual([...expected.runIds].sort());
  });
}
