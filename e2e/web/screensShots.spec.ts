/**
 * Screenshots of every issue-10 screen in light and dark (test-results/screens/*.png), to be looked at.
 * Each also checks the screen reached `ready`, so the pictures are of real content, not skeletons, and
 * that axe finds nothing serious on it. The app-level screens are in screensShotsApp.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { ScreensPage } from '../pages/ScreensPage';
import { fixture } from '../support/runlensServer';
import { expect, test } from '../support/test';

const V3 = 'mlflow-3.1.2.dev0';

// One test per theme: axe on 16 screens takes minutes on a shared machine.
for (const theme of ['light', 'dark'] as const) {
  test(`screenshots of the run, artifact, registry, logged model and trace screens (${theme})`, async ({
    page,
    serve,
  }) => {
    test.setTimeout(300_000);
    const server = await serve(fixture(`${V3}/mlruns`));
    const ui = new ScreensPage(page, server);
    await ui.signIn();
    const storeId = await ui.storeId('mlruns');
    const ids = JSON.parse(readFileSync(fixture(`${V3}/ids-file.json`), 'utf8')) as {
      runs: Record<string, string>;
    };
    const iris = ids.runs['iris-0'] ?? '';
    const models = await page.request.post(`${server.origin}/api/searchLoggedModels`, {
      data: { storeId },
    });
    const modelId = ((await models.json()) as { value: { modelId: string }[] }).value[0]?.modelId;
    const traces = await page.request.post(`${server.origin}/api/searchTraces`, {
      data: { storeId },
    });
    // An OK trace: the fixture's "broken" one (same timestamp, so any order) shows the error state.
    const traceList = ((await traces.json()) as { value: { traceId: string; state: string }[] })
      .value;
    const traceId = (traceList.find((t) => t.state === 'OK') ?? traceList[0])?.traceId;
    const shots: [string, string, string][] = [
      ['run-overview', `/run/${storeId}/${ids.runs['fc-7']}`, 'Run'],
      ['run-metrics', `/run/${storeId}/${iris}?tab=metrics`, 'Run'],
      ['run-params', `/run/${storeId}/${iris}?tab=params`, 'Run'],
      ['run-artifacts', `/run/${storeId}/${iris}?tab=artifacts`, 'Run'],
      ['run-tags', `/run/${storeId}/${iris}?tab=tags`, 'Run'],
      ['run-datasets', `/run/${storeId}/${iris}?tab=datasets`, 'Run'],
      ['run-models', `/run/${storeId}/${iris}?tab=models`, 'Run'],
      ['artifact-png', `/run/${storeId}/${iris}?tab=artifacts&path=plots%2Floss_curve.png`, 'Run'],
      [
        'artifact-csv',
        `/run/${storeId}/${iris}?tab=artifacts&path=reports%2Feval%2Fconfusion.csv`,
        'Run',
      ],
      ['artifact-md', `/run/${storeId}/${iris}?tab=artifacts&path=reports%2Fsummary.md`, 'Run'],
      [
        'artifact-bin',
        `/run/${storeId}/${iris}?tab=artifacts&path=reports%2Feval%2Fweights.bin`,
        'Run',
      ],
      ['models', `/models/${storeId}`, 'Registered models'],
      ['model', `/models/${storeId}/iris-classifier`, 'Registered model'],
      ['model-version', `/models/${storeId}/iris-classifier/2`, 'Model version'],
      ['logged-model', `/logged-models/${storeId}/${modelId}`, 'Logged model'],
      ['trace', `/traces/${storeId}/${traceId}`, 'Trace'],
    ];
    for (const [name, path, label] of shots) {
      await ui.open(path, theme);
      await ui.expectReady(label);
      await expect(page.locator('.pk-skeleton')).toHaveCount(0);
      await page.waitForTimeout(150); // images decode, hashes finish
      expect(await ui.seriousViolations(), `${name} (${theme})`).toEqual([]);
      await page.screenshot({ path: `test-results/screens/${name}-${theme}.png` });
    }
  });
}
