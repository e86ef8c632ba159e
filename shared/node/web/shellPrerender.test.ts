import { build } from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BootAnswer } from '../../common/firstScreen';
import { SHELLS_KEPT, shellKey, shellPrerenderer, type ShellPrerenderer } from './shellPrerender';

/**
 * The real worker entry (built here, as scripts/build.mjs builds it) with a stand-in for the
 * renderer's bundle: the shell is what the bundle renders, and the bundle is the renderer's to test
 * (renderer/src/prerender/renderShell.test.tsx).
 */
let dir: string;
let worker: string;
const BUNDLE = `export async function renderShell(answers) {
  if (answers.some((a) => a.method === 'listConnections')) throw new Error('cannot render that');
  return '<div class="app" data-state="prerendered">' + answers.map((a) => a.method).join(',') + '</div>';
}\n`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'runlens-prerender-'));
  worker = join(dir, 'worker.mjs');
  await build({
    entryPoints: [resolve(import.meta.dirname, 'shellPrerenderWorker.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: worker,
    logLevel: 'warning',
  });
  return () => rmSync(dir, { recursive: true, force: true });
});

let made: ShellPrerenderer[] = [];
afterEach(async () => {
  await Promise.all(made.map((p) => p.close()));
  made = [];
});

const stores = (id: string): BootAnswer[] => [
  { method: 'listStores', request: {}, value: [{ storeId: id }] as never },
];

function setup(options: { bundle?: string; whenIdle?: Promise<void> } = {}) {
  const cacheDir = mkdtempSync(join(dir, 'cache-'));
  const bundle = join(cacheDir, 'bundle.mjs');
  writeFileSync(bundle, options.bundle ?? BUNDLE);
  const make = () => {
    const p = shellPrerenderer({
      cacheDir,
      whenIdle: options.whenIdle ?? Promise.resolve(),
      files: { worker, bundle },
    });
    if (!p) throw new Error('no prerenderer');
    made.push(p);
    return p;
  };
  const shells = () =>
    existsSync(join(cacheDir, 'shells')) ? readdirSync(join(cacheDir, 'shells')) : [];
  return { cacheDir, bundle, make, shells };
}

describe('shellPrerenderer', () => {
  it('answers a miss at once with nothing, renders it when idle, and answers it from then on', async () => {
    const { make, shells } = setup();
    const first = make();
    expect(await first.shellFor(stores('s1'))).toBeUndefined();
    await first.idle();
    expect(shells()).toHaveLength(1);
    const html = '<div class="app" data-state="prerendered">listStores</div>';
    expect(await first.shellFor(stores('s1'))).toBe(html);
    // A later launch (a new prerenderer on the same folder) finds it, with no worker at all.
    expect(await make().shellFor(stores('s1'))).toBe(html);
  });

  it('keys shells by the exact answers and by the build', async () => {
    const { make, bundle } = setup();
    const p = make();
    await p.shellFor(stores('s1'));
    await p.idle();
    expect(await p.shellFor(stores('s2'))).toBeUndefined();
    const later = new Date(Date.now() + 60_000);
    utimesSync(bundle, later, later);
    expect(await make().shellFor(stores('s1'))).toBeUndefined();
    expect(shellKey('a', stores('s1'))).not.toBe(shellKey('b', stores('s1')));
    expect(shellKey('a', stores('s1'))).not.toBe(shellKey('a', stores('s2')));
  });

  it('renders nothing before the launch is over', async () => {
    let over: () => void = () => undefined;
    const { make, shells } = setup({ whenIdle: new Promise((r) => (over = r)) });
    const p = make();
    await p.shellFor(stores('s1'));
    await new Promise((r) => setTimeout(r, 300));
    expect(shells()).toEqual([]);
    over();
    await p.idle();
    expect(shells()).toHaveLength(1);
  });

  it('keeps no shell for a render that fails, and goes on rendering others', async () => {
    const { make, shells } = setup();
    const p = make();
    const failing: BootAnswer[] = [{ method: 'listConnections', request: {}, value: [] }];
    expect(await p.shellFor(failing)).toBeUndefined();
    await p.idle();
    expect(shells()).toEqual([]);
    await p.shellFor(stores('s1'));
    await p.idle();
    expect(shells()).toHaveLength(1);
  });

  it('keeps a bundle that cannot load from failing the page', async () => {
    const { make, shells } = setup({ bundle: 'this is not javascript' });
    const p = make();
    expect(await p.shellFor(stores('s1'))).toBeUndefined();
    await p.idle();
    expect(shells()).toEqual([]);
  });

  it(`keeps the ${SHELLS_KEPT} newest shells`, async () => {
    const { make, shells } = setup();
    const p = make();
    for (let i = 0; i < SHELLS_KEPT + 2; i++) await p.shellFor(stores(`s${i}`));
    await p.idle();
    expect(shells()).toHaveLength(SHELLS_KEPT);
    expect(shells().every((n) => n.endsWith('.html'))).toBe(true);
  }, 30_000);

  it('writes nothing once closed', async () => {
    let over: () => void = () => undefined;
    const { make, shells } = setup({ whenIdle: new Promise((r) => (over = r)) });
    const p = make();
    await p.shellFor(stores('s1'));
    await p.close();
    over();
    await p.idle();
    expect(shells()).toEqual([]);
  });

  it('is not there without a build of the prerender', () => {
    const cacheDir = mkdtempSync(join(dir, 'cache-'));
    const missing = { worker: join(cacheDir, 'none.mjs'), bundle: join(cacheDir, 'none.mjs') };
    expect(
      shellPrerenderer({ cacheDir, whenIdle: Promise.resolve(), files: missing }),
    ).toBeUndefined();
  });
});
