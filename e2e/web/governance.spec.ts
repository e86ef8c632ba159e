/**
 * Governance in the app on the governance-demo fixture (a copy with the demo policy beside it), both
 * store kinds: the dashboard's counts equal `runlens governance check --format json` for the same
 * as-of; the non-compliant model shows its failing rules and fixes; the monitoring timeline shows the
 * breach; the audit report is the CLI's; axe finds nothing serious; a deep link survives a reload.
 * Screenshots (light, dark) go to test-results/governance/.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GovernancePage } from '../pages/Governance';
import { fixture, REPO_ROOT } from '../support/runlensServer';
import { expect, test } from '../support/test';

const AS_OF = '2027-01-15';
const CLI = join(REPO_ROOT, 'bin/runlens.js');

interface CheckJson {
  summary: {
    entities: number;
    compliant: number;
    nonCompliant: number;
    waived: number;
    errors: number;
  };
}

/** The fixture copied next to the demo policy (the fixture itself has none, and is never written). */
function demoCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runlens-gov-e2e-'));
  for (const part of ['mlruns', 'mlflow.db', 'mlartifacts'])
    cpSync(fixture(`governance-demo/${part}`), join(dir, part), { recursive: true });
  copyFileSync(
    join(REPO_ROOT, 'demo/governance-demo/runlens-policy.yaml'),
    join(dir, 'runlens-policy.yaml'),
  );
  return dir;
}

function cli(args: string[]): string {
  try {
    return execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  } catch (err) {
    // `check` exits 1 when something is non-compliant; its output is still the answer.
    const out = (err as { stdout?: string }).stdout;
    if (typeof out === 'string' && out.length > 0) return out;
    throw err;
  }
}

let dir = '';
test.beforeAll(() => {
  dir = demoCopy();
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

for (const store of ['mlruns', 'mlflow.db']) {
  test(`dashboard on ${store} counts what the CLI counts, filters, and explains`, async ({
    page,
    serve,
  }) => {
    test.setTimeout(90_000);
    const location = join(dir, store);
    const expected = JSON.parse(
      cli(['governance', 'check', location, '--as-of', AS_OF, '--format', 'json']),
    ) as CheckJson;
    const gov = new GovernancePage(page, await serve(location));
    await gov.signIn();
    await expect(gov.sidebarLink).toBeVisible();
    await gov.open(`/governance?asOf=${AS_OF}`);
    await gov.expectReady(gov.dashboard);

    expect(await gov.cardValue('compliant')).toBe(expected.summary.compliant);
    expect(await gov.cardValue('noncompliant')).toBe(expected.summary.nonCompliant);
    expect(await gov.cardValue('waived')).toBe(expected.summary.waived);
    expect(await gov.cardValue('errors')).toBe(expected.summary.errors);
    await expect(gov.matrixRows).toHaveCount(expected.summary.entities);
    await expect(gov.policy).toContainText('credit-risk');
    await expect(gov.policy.getByTestId('policy-sha256')).toHaveText(/^[0-9a-f]{64}$/);

    // The non-compliant card filters the matrix (and the URL keeps it).
    await gov.card('noncompliant').click();
    await expect(gov.matrixRows).toHaveCount(expected.summary.nonCompliant);
    await expect(page).toHaveURL(/outcome=noncompliant/);

    // quick-hack's checklist: the failing rules with their exact MLflow fixes.
    await gov.matrixRow('registered_model:quick-hack').getByRole('button').click();
    await expect(gov.checklist).toContainText('Non-compliant');
    await expect(gov.checklistRow('model-described')).toHaveAttribute('data-outcome', 'FAIL');
    await expect(gov.checklistRow('model-described')).toContainText(
      'client.update_registered_model("quick-hack"',
    );
    await expect(gov.checklistRow('model-card-tags')).toHaveAttribute('data-outcome', 'FAIL');
    await expect(gov.checklistRow('model-card-tags')).toContainText('set_registered_model_tag');

    expect(await gov.seriousViolations()).toEqual([]);

    // A deep link survives a reload: same filter, same checklist.
    await page.reload();
    await gov.expectReady(gov.dashboard);
    await expect(gov.matrixRows).toHaveCount(expected.summary.nonCompliant);
    await expect(gov.checklistRow('model-described')).toHaveAttribute('data-outcome', 'FAIL');

    // The rule filter: quick-hack/1 alone fails approved-before-prod.
    await gov.card('noncompliant').click();
    await gov.filter('Rule').selectOption('approved-before-prod');
    await gov.filter('Outcome').selectOption('FAIL');
    await expect(gov.matrixRows).toHaveCount(1);
    await expect(gov.matrixRow('model_version:quick-hack/1')).toBeVisible();
  });

  test(`model page on ${store}: monitoring breach, lifecycle, audit report`, async ({
    page,
    serve,
  }) => {
    test.setTimeout(90_000);
    const location = join(dir, store);
    const gov = new GovernancePage(page, await serve(location));
    await gov.signIn();
    const storeId = await gov.storeId(store);
    await gov.open(`/governance/${storeId}/model/credit-approval?asOf=${AS_OF}`);
    const screen = gov.modelScreen('credit-approval');
    await gov.expectReady(screen);

    await expect(gov.monitoringAlert).toHaveAttribute('data-alert', 'breach');
    await expect(gov.monitoringAlert).toContainText('accuracy');
    await expect(gov.monitoringChart('accuracy')).toHaveAttribute('data-breaches', '2');
    await expect(gov.monitoringChart('accuracy').locator('[data-breach="true"]')).toHaveCount(2);
    await expect(gov.monitoringChart('accuracy')).toContainText('weekly-2027-01-11');
    await expect(gov.lifecycle).toContainText('@champion');
    await expect(gov.lifecycle.locator('[data-chain="ok"]')).toBeVisible();
    await expect(page.locator('tr[data-version="2"]')).toContainText('Compliant');

    expect(await gov.seriousViolations()).toEqual([]);

    // The audit report is the CLI's, byte for byte (same store, policy and as-of: same hash).
    const out = join(dir, `report-${store}.json`);
    cli([
      'governance',
      'report',
      location,
      '--model',
      'credit-approval',
      '--as-of',
      AS_OF,
      '--out',
      out,
    ]);
    const cliHash = (JSON.parse(readFileSync(out, 'utf8')) as { integrity: { sha256: string } })
      .integrity.sha256;
    await gov.reportPanel.getByRole('button', { name: 'Build audit report' }).click();
    await expect(gov.reportPanel).toHaveAttribute('data-state', 'ready');
    await expect(gov.reportPanel.getByTestId('report-sha256')).toHaveText(cliHash);
    const frame = gov.reportFrame.contentFrame();
    await expect(frame.getByRole('heading', { level: 1 })).toContainText('credit-approval');
    // A browser has no Export PDF (the desktop app's main process prints); Print remains.
    await expect(gov.reportPanel.getByRole('button', { name: 'Export PDF…' })).toHaveCount(0);
    await expect(gov.reportPanel.getByRole('button', { name: /^Print/ })).toBeVisible();
    const download = page.waitForEvent('download');
    await gov.reportPanel.getByRole('button', { name: /^Save HTML/ }).click();
    expect((await download).suggestedFilename()).toBe(`audit-credit-approval-v2-${AS_OF}.html`);

    // Reload keeps the page.
    await page.reload();
    await gov.expectReady(gov.modelScreen('credit-approval'));
  });
}

test('in the desktop app, Export PDF hands the main process the report exactly as shown', async ({
  page,
  serve,
}) => {
  test.setTimeout(90_000);
  // The preload's bridge, as the page sees it (electron/desktopBridge.ts); main's side is unit-tested.
  await page.addInitScript(() => {
    const calls: unknown[] = [];
    Object.assign(window, {
      pdfExports: calls,
      runlensDesktop: {
        openDroppedFiles: async () => ({ opened: 0, failed: 0 }),
        onCommand: () => () => undefined,
        exportPdf: async (request: { html: string; fileName: string }) => {
          calls.push(request);
          return { saved: true, fileName: 'credit-approval.pdf' };
        },
      },
    });
  });
  const gov = new GovernancePage(page, await serve(join(dir, 'mlflow.db')));
  await gov.signIn();
  const storeId = await gov.storeId('mlflow.db');
  await gov.open(`/governance/${storeId}/model/credit-approval?asOf=${AS_OF}`);
  await gov.expectReady(gov.modelScreen('credit-approval'));
  await gov.reportPanel.getByRole('button', { name: 'Build audit report' }).click();
  await expect(gov.reportPanel).toHaveAttribute('data-state', 'ready');
  await gov.reportPanel.getByRole('button', { name: 'Export PDF…' }).click();
  await expect(gov.reportPanel.getByRole('status')).toHaveText('Saved credit-approval.pdf.');
  const shown = await gov.reportFrame.getAttribute('srcdoc');
  const sent = await page.evaluate(
    () => (window as unknown as { pdfExports: { html: string; fileName: string }[] }).pdfExports,
  );
  expect(sent).toEqual([{ html: shown, fileName: `audit-credit-approval-v2-${AS_OF}.html` }]);
});

test('screenshots of the dashboard, a model page and the report, light and dark', async ({
  page,
  serve,
}) => {
  test.setTimeout(120_000);
  const gov = new GovernancePage(page, await serve(join(dir, 'mlruns')));
  await gov.signIn();
  const storeId = await gov.storeId('mlruns');
  // The screen scrolls inside the app's main area, so a full-page shot needs a tall window.
  for (const theme of ['light', 'dark'] as const) {
    await page.setViewportSize({ width: 1440, height: 2300 });
    await gov.open(`/governance?asOf=${AS_OF}&entity=registered_model%3Aquick-hack`, theme);
    await gov.expectReady(gov.dashboard);
    await page.screenshot({
      path: `test-results/governance/dashboard-${theme}.png`,
      fullPage: true,
    });
    await gov.open(`/governance/${storeId}/model/credit-approval?asOf=${AS_OF}`, theme);
    await gov.expectReady(gov.modelScreen('credit-approval'));
    await page.waitForTimeout(200);
    await page.screenshot({ path: `test-results/governance/model-${theme}.png`, fullPage: true });
    await gov.reportPanel.getByRole('button', { name: 'Build audit report' }).click();
    await expect(gov.reportFrame).toBeVisible();
    await page.setViewportSize({ width: 1440, height: 900 });
    await gov.reportFrame.scrollIntoViewIfNeeded();
    await gov.reportFrame.screenshot({ path: `test-results/governance/report-${theme}.png` });
  }
});
