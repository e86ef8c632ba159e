/**
 * The Playwright `test` for web specs: `serve(...stores)` starts a `runlens serve` for this test and
 * stops it when the test ends, pass or fail.
 */
import { test as base } from '@playwright/test';
import { startRunlensServer, type RunlensServer } from './runlensServer';

interface Fixtures {
  serve: (...stores: string[]) => Promise<RunlensServer>;
}

export const test = base.extend<Fixtures>({
  // Playwright reads the fixtures a fixture needs from its first parameter: this one needs none.
  // eslint-disable-next-line no-empty-pattern
  serve: async ({}, use) => {
    const servers: RunlensServer[] = [];
    await use(async (...stores) => {
      const server = await startRunlensServer(stores);
      servers.push(server);
      return server;
    });
    await Promise.all(servers.map((s) => s.stop()));
  },
});

export { expect } from '@playwright/test';
