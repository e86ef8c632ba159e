/**
 * Connecting to a tracking server from the UI: `runlens serve` on a local store, and a replay of a real
 * `mlflow server` 3.1 (test/rest/replayServer.ts answers with the bytes MLflow sent) behind a Bearer
 * token check. The dialog tests the connection (failure reason, then the server's version), connects,
 * and the server's experiments and runs show in the sidebar like a local store's. The token goes from
 * the page to the host once and never comes back.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startReplayServer, type ReplayServer } from '../../test/rest/replayServer';
import { AppPage } from '../pages/AppPage';
import { ServersPanel } from '../pages/ConnectDialog';
import { fixture, REPO_ROOT } from '../support/runlensServer';
import { expect, test } from '../support/test';

const SCREENS = join(REPO_ROOT, 'test-results/screens');
const CAPTURES = fixture('mlflow-3.1.2.dev0/rest');
const TOKEN = 'dapi-e2e-0123456789abcdef';

let replay: ReplayServer;
test.beforeEach(async () => {
  replay = await startReplayServer(CAPTURES, {
    gate: (req, res) => {
      if (req.headers.authorization === `Bearer ${TOKEN}`) return false;
      res.statusCode = 401;
      res.setHeader('Content-Type', 'text/plain');
      res.end(
        'You are not authenticated. Please see https://www.mlflow.org/docs/latest/auth/index.html',
      );
      return true;
    },
  });
});
test.afterEach(async () => {
  await replay.close();
});

test('connects to a tracking server from the dialog and browses it like a local store', async ({
  page,
  serve,
}) => {
  const server = await serve(fixture('mlflow-2.12.2.dev0/mlruns'));
  // Every answer the host sends to the page, to prove the token never comes back.
  const answers: Promise<string>[] = [];
  page.on('response', (response) => {
    // Contract answers only (POST): the event stream never ends, so its body never resolves.
    if (
      response.request().method() === 'POST' &&
      new URL(response.url()).pathname.startsWith('/api/')
    ) {
      answers.push(response.text().catch(() => ''));
    }
  });
  const app = new AppPage(page);
  await app.open(server.url);
  const servers = new ServersPanel(page);
  const dialog = await servers.openDialog();

  await dialog.url.fill(replay.url);
  await dialog.name.fill('Team MLflow 3.1');
  // No credentials: the server's refusal, in words.
  await dialog.test();
  await expect(dialog.testResult).toHaveAttribute('data-state', 'failed');
  await expect(dialog.testResult).toContainText(/401|credentials|sign/i);

  await dialog.auth('Bearer token').check();
  await dialog.token.fill(TOKEN);
  await dialog.insecure.check();
  await expect(dialog.insecureWarning).toBeVisible();
  await expect(dialog.caCert).toBeDisabled();
  mkdirSync(SCREENS, { recursive: true });
  await dialog.root.screenshot({ path: join(SCREENS, 'connect-dialog-insecure.png') });
  await dialog.insecure.uncheck();
  await expect(dialog.insecureWarning).toHaveCount(0);

  await dialog.test();
  const version = readFileSync(join(CAPTURES, 'version.txt'), 'utf8').trim();
  await expect(dialog.testResult).toHaveAttribute('data-state', 'ok');
  await expect(dialog.testResult).toContainText(`MLflow ${version}`);
  await page.screenshot({ path: join(SCREENS, 'connect-dialog.png') });

  await dialog.connectButton.click();
  await expect(dialog.root).toHaveCount(0);
  const remote = app.store('Team MLflow 3.1');
  await expect(remote.locator('.badge-rest')).toHaveText('Server');
  await expect(remote).toHaveAttribute('data-store-state', 'ready');
  await expect(app.experiment('team-a/forecasting', remote)).toBeVisible();
  expect(replay.requests.some((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);

  // The saved profile is listed; this host keeps the token in memory only, and says so.
  const profile = servers.profile('Team MLflow 3.1');
  await expect(profile.getByTestId('secret-status')).toHaveText('token for this session');

  // The replay holds MLflow's runs/search answers for iris-classification (experiment 1).
  const runs = await app.openExperiment('iris-classification', remote);
  await expect(runs.title).toHaveText('iris-classification');
  await expect(runs.rows).toHaveCount(10);
  // Rows of a remote store select like local ones (the selection feeds the compare view).
  await runs.row('logreg-C0').click();
  await expect(runs.row('logreg-C0')).toHaveAttribute('aria-selected', 'true');
  await expect(runs.compareButton).toHaveText('Compare (1)');
  await page.screenshot({ path: join(SCREENS, 'remote-store.png') });

  const bodies = await Promise.all(answers);
  expect(bodies.length).toBeGreaterThan(0);
  for (const body of bodies) expect(body).not.toContain(TOKEN);
});

test('deletes a saved connection after confirmation', async ({ page, serve }) => {
  const server = await serve(fixture('mlflow-2.12.2.dev0/mlruns'));
  const app = new AppPage(page);
  await app.open(server.url);
  const servers = new ServersPanel(page);
  const dialog = await servers.openDialog();
  await dialog.url.fill(replay.url);
  await dialog.saveButton.click();
  const host = new URL(replay.url).host;
  const profile = servers.profile(host);
  await expect(profile).toBeVisible();

  await profile.getByRole('button', { name: `Delete ${host}` }).click();
  await expect(profile).toHaveAttribute('data-state', 'confirm-delete');
  await profile.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(profile).toHaveCount(0);
});
