/** The web host only serves the app to the page opened with the printed token. */
import { fixture } from '../support/runlensServer';
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
