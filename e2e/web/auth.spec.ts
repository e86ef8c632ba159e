/** The web host only serves the app to the page opened with the printed token. */
import { fixture } from '../support/runlensServer';
import { hashRoute } from '../support/routes';
import { expect, test } from '../support/test';

test('without the token the server answers 401 and the app does not load', async ({
  page,
  serve,
}) => {
  const server = await serve(fixture('mlflow-3.1.2.dev0/mlruns'));

  const response = await page.goto(`${server.origin}/`);
  expect(response?.status()).toBe(401);
  await expect(page.locator('body')).toContainText('token');
  await expect(page.locator('[data-state]')).toHaveCount(0);

  const wrong = await page.goto(`${server.origin}/?token=not-the-token`);
  expect(wrong?.status()).toBe(401);
  await expect(page.locator('[data-state]')).toHaveCount(0);
});

test('the printed URL opens the app at once: no redirect, the token leaves the address bar, the sidebar needs no round trip', async ({
  page,
  serve,
}) => {
  const server = await serve(fixture('mlflow-3.1.2.dev0/mlruns'));
  const asked: string[] = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname));

  const response = await page.goto(server.url);
  expect(response?.status()).toBe(200);
  expect(response?.request().redirectedFrom()).toBeNull();
  await expect(page.locator('.experiment-name').first()).toBeVisible();
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  // The page carried the store list and the experiments: the sidebar showed without asking for them.
  expect(asked).not.toContain('/api/searchExperiments');
  expect(await page.locator('#runlens-boot').count()).toBe(0);

  // Signed in by the cookie from then on: a reload without the token still opens the app.
  await page.reload();
  await expect(page.locator('.experiment-name').first()).toBeVisible();
});

test('a launch commits the sidebar before the screen: the screen’s first render does not hold it back', async ({
  page,
  serve,
}) => {
  const server = await serve(fixture('mlflow-3.1.2.dev0/mlruns'));
  // What each DOM commit left on the page, in order (a MutationObserver callback runs once per task).
  await page.addInitScript(() => {
    const commits: { sidebar: boolean; screen: boolean }[] = [];
    (window as unknown as { __commits: typeof commits }).__commits = commits;
    new MutationObserver(() => {
      commits.push({
        sidebar: document.querySelector('nav .experiment-name') !== null,
        screen: document.querySelector('main#main > *') !== null,
      });
    }).observe(document, { subtree: true, childList: true });
  });
  await page.goto(`${server.url}${hashRoute('/runs', { e: ['s1:784481848334759391'] })}`);
  await expect(page.locator('section.runs-view [role="row"][data-run-id]').first()).toBeVisible();
  const commits = await page.evaluate(
    () => (window as unknown as { __commits: { sidebar: boolean; screen: boolean }[] }).__commits,
  );
  const first = commits.find((c) => c.sidebar);
  expect(first).toEqual({ sidebar: true, screen: false });
  expect(commits.some((c) => c.sidebar && c.screen)).toBe(true);
});
