/**
 * No path escapes through `app://` (issue 11, part 2 item 2): the handler the desktop app registers
 * (taken from the fake Electron, as startDesktopApp installs it) gets every path of the shared hostile
 * table as a URL path, raw and percent-encoded once and twice; it answers the app's own index.html or
 * 404, never a file outside the renderer folder. (Links inside the installed renderer folder are trusted:
 * that folder is the installation's own, and in a packaged app it lives in the asar archive.)
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { InspectorService } from '../shared/node/service/InspectorService';
import { HOSTILE_ARTIFACT_PATHS, OUTSIDE_SECRET } from '../test/support/hostilePaths';
import { startDesktopApp, type DesktopService } from './desktopApp';
import { fakeElectron } from './testing/fakeElectron';

const INDEX = '<!doctype html><div id="root"></div>';
let base: string;
let serve: (request: Request) => Promise<Response>;
const services: DesktopService[] = [];

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'runlens-app-escape-'));
  const renderer = join(base, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), INDEX);
  writeFileSync(join(base, 'secret.txt'), OUTSIDE_SECRET);
  mkdirSync(join(base, 'outside'));
  writeFileSync(join(base, 'outside', 'secret.txt'), OUTSIDE_SECRET);
  vi.stubEnv('RUNLENS_CACHE_DIR', join(base, 'cache'));
  const fake = fakeElectron({
    userData: join(base, 'userData'),
    rendererDir: renderer,
    createService: () => {
      const service = new InspectorService();
      services.push(service);
      return service;
    },
  });
  startDesktopApp(fake.deps);
  await vi.waitFor(() => expect(fake.protocolHandlers.get('app')).toBeDefined());
  serve = fake.protocolHandlers.get('app')!;
});

afterAll(async () => {
  await Promise.all(services.map((s) => s.dispose()));
  vi.unstubAllEnvs();
  rmSync(base, { recursive: true, force: true });
});

/** Either the app's own page (client-route fallback) or a 404: nothing else may come back. */
async function expectConfined(url: string): Promise<void> {
  let response: Response;
  try {
    response = await serve(new Request(url));
  } catch {
    return; // a URL the Request constructor refuses never reaches the disk
  }
  const body = await response.text();
  expect(body, url).not.toContain(OUTSIDE_SECRET);
  if (response.status === 200) expect(body, url).toBe(INDEX);
  else expect(response.status, url).toBe(404);
}

describe('app:// handler confines every hostile path to the renderer folder', () => {
  it('serves the app itself (the setup is sound)', async () => {
    const page = await serve(new Request('app://runlens/index.html'));
    expect(await page.text()).toBe(INDEX);
  });

  it.each(HOSTILE_ARTIFACT_PATHS.map((h) => [h.why, h.path]))('%s', async (_why, path) => {
    const once = encodeURIComponent(path);
    for (const form of [path.replace(/\0/g, '%00'), once, encodeURIComponent(once)]) {
      await expectConfined(`app://runlens/${form}`);
      await expectConfined(`app://runlens/assets/${form}`);
    }
  });

  it('never reaches the secret next to the renderer folder, however the path is written', async () => {
    for (const url of [
      'app://runlens/../secret.txt',
      'app://runlens/%2e%2e/secret.txt',
      'app://runlens/..%2fsecret.txt',
      'app://runlens/..%5csecret.txt',
      'app://runlens/%252e%252e%252fsecret.txt',
      'app://runlens/assets/..%2f..%2foutside/secret.txt',
      'app://runlens/%2e%2e%2foutside%2fsecret.txt',
    ])
      await expectConfined(url);
  });
});
