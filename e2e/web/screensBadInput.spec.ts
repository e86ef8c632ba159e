/**
 * Hostile and huge input on the run page, in a temporary copy of the 2.12 FileStore (test/fixtures is
 * never modified): a description with <script>, javascript: links and <img onerror>, an HTML artifact
 * with scripts, an SVG with an onload handler, a binary file, a sparse 1 GB file and a Markdown file over
 * its preview cap ("Open anyway"), a link leading out of the artifacts (left out, named in the store's
 * Problems). Nothing may run, nothing may freeze, each gives a clear message.
 */
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppPage } from '../pages/AppPage';
import { fixture } from '../support/runlensServer';
import { signedIn } from '../support/signedIn';
import { expect, test } from '../support/test';
import { treeHash } from '../support/treeHash';

const EVIL_MD = [
  '# Notes',
  '<script>window.__pwned = 1; alert("script")</script>',
  '[click me](javascript:alert("js-link"))',
  '<img src="x" onerror="alert(\'onerror\')">',
  '[ok link](https://mlflow.org)',
].join('\n\n');

function runDir(root: string, runId: string): string {
  for (const exp of readdirSync(root)) {
    const dir = join(root, exp, runId);
    if (existsSync(join(dir, 'meta.yaml'))) return dir;
  }
  throw new Error(`run ${runId} not in ${root}`);
}

test('hostile markdown and artifacts stay inert; 1 GB and binary files give size and a clear note', async ({
  page,
  serve,
}) => {
  // Rendering 2.3 MiB of Markdown after "Open anyway" takes seconds on a busy 2-core machine.
  test.setTimeout(120_000);
  const tmp = mkdtempSync(join(tmpdir(), 'runlens-bad-'));
  try {
    const store = join(tmp, 'mlruns');
    cpSync(fixture('mlflow-2.12.2.dev0/mlruns'), store, { recursive: true });
    const ids = (await import(fixture('mlflow-2.12.2.dev0/ids-file.json'), {
      with: { type: 'json' },
    })) as { default: { runs: Record<string, string> } };
    const runId = ids.default.runs['iris-0'] ?? '';
    const dir = runDir(store, runId);
    writeFileSync(join(dir, 'tags/mlflow.note.content'), EVIL_MD);
    const art = join(dir, 'artifacts');
    writeFileSync(join(art, 'page.html'), '<h1>Report</h1><script>alert("html")</script>');
    writeFileSync(
      join(art, 'evil.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(\'svg\')" width="20" height="20"><rect width="20" height="20"/></svg>',
    );
    writeFileSync(join(art, 'blob.dat'), Buffer.from([0, 1, 2, 255, 254, 0, 7]));
    writeFileSync(join(art, 'huge.log'), '');
    truncateSync(join(art, 'huge.log'), 1024 ** 3); // sparse: 1 GiB of NULs without using disk
    const line = 'step=000000 loss=0.123456 accuracy=0.987654 lr=0.001 note=training progressing\n';
    writeFileSync(join(art, 'big.log'), line.repeat(Math.ceil((20 * 1024 ** 2) / line.length)));
    // Over the 2 MiB Markdown cap: the preview asks first, "Open anyway" shows all of it.
    const paragraph = `${'A line of notes that goes on. '.repeat(40)}\n\n`;
    writeFileSync(
      join(art, 'long-notes.md'),
      `# Long notes\n\n${paragraph.repeat(2000)}## End of the long notes\n`,
    );
    writeFileSync(join(tmp, 'secret.txt'), 'outside the store');
    symlinkSync(join(tmp, 'secret.txt'), join(art, 'outside.txt'));
    writeFileSync(join(art, 'huge.bin'), '');
    truncateSync(join(art, 'huge.bin'), 1024 ** 3);

    const before = treeHash(store);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const { ui, storeId } = await signedIn(page, serve, [store], 'mlruns');
    await ui.open(`/run/${storeId}/${runId}`);
    const root = await ui.expectReady('Run');
    const description = root.locator('.run-description');
    await expect(description.getByRole('heading', { name: 'Notes' })).toBeVisible();
    await expect(description.locator('script, img, [onerror]')).toHaveCount(0);
    await expect(description.locator('a[href^="javascript"]')).toHaveCount(0);
    await expect(description.getByText('click me')).toBeVisible();
    const ok = description.getByRole('link', { name: 'ok link' });
    await expect(ok).toHaveAttribute('target', '_blank');
    await expect(ok).toHaveAttribute('rel', /noopener/);

    await ui.tab(/^Artifacts/).click();
    await expect(ui.file('page.html')).toBeVisible();
    await expect(ui.file('outside.txt')).toHaveCount(0);
    await ui.file('page.html').click();
    const frame = ui.preview.locator('iframe');
    await expect(frame).toHaveAttribute('sandbox', '');
    await expect(
      page.frameLocator('.art-html').getByRole('heading', { name: 'Report' }),
    ).toBeVisible();

    await ui.file('evil.svg').click();
    await expect(ui.preview.locator('img')).toHaveAttribute('src', /^blob:/);
    await expect(ui.preview.locator('svg')).toHaveCount(0);

    await ui.file('blob.dat').click();
    await expect(ui.preview.locator('.art-hash')).toHaveText(/^[0-9a-f]{64}$/);

    await ui.file('long-notes.md').click();
    const capped = ui.preview.locator('.art-capped');
    await expect(capped).toContainText('long-notes.md is 2.3 MiB, larger than the preview reads');
    await expect(ui.preview.getByRole('heading', { name: 'Long notes', exact: true })).toHaveCount(
      0,
    );
    await capped.getByRole('button', { name: 'Open anyway' }).click();
    // 2.3 MiB of Markdown read over HTTP and rendered: slower than a capped preview, on purpose asked for.
    await expect(ui.preview.getByRole('heading', { name: 'Long notes', exact: true })).toBeVisible({
      timeout: 60_000,
    });
    await expect(ui.preview.getByRole('heading', { name: 'End of the long notes' })).toBeAttached();
    await expect(ui.preview.locator('.art-capped')).toHaveCount(0);

    // A 20 MB log: the first 256 KiB at once, more on demand, the window never blocks.
    await ui.file('big.log').click();
    await expect(ui.preview).toContainText('Showing the first 256.0 KiB of 20.0 MiB');
    await ui.preview.getByRole('button', { name: 'Load more' }).click();
    await expect(ui.preview).toContainText('Showing the first 2.3 MiB of 20.0 MiB');
    // 1 GiB log: only the first chunk is read and shown (as binary here, it is all NULs).
    await ui.file('huge.log').click();
    await expect(ui.preview).toContainText('1.00 GiB');
    await ui.file('huge.bin').click();
    await expect(ui.preview).toContainText('too large to hash or download');
    // The window stays responsive: a click elsewhere is handled at once.
    const t0 = Date.now();
    await ui.tab(/^Params/).click();
    await ui.expectReady('Run');
    expect(Date.now() - t0).toBeLessThan(2000);
    // The link the listing left out is named in the store's Problems (its own path, not its target's).
    // The sidebar's count follows without a reload: the service said the store's problems changed.
    const app = new AppPage(page);
    await app.sidebar.getByRole('button', { name: /^1 problem$/ }).click();
    const problem = page
      .getByRole('dialog', { name: /^Problems in/ })
      .getByRole('list', { name: 'Problems' })
      .getByRole('listitem');
    await expect(problem.locator('.problem-path')).toHaveText(join(art, 'outside.txt'));
    await expect(problem.locator('.problem-reason')).toContainText(
      'points outside the artifact root',
    );
    await expect(problem).not.toContainText('secret');
    expect(dialogs).toEqual([]);
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(treeHash(store), 'nothing written to the store').toBe(before);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
