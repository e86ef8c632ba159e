import { describe, expect, it } from 'vitest';
import { FirstPageLoad, pageAssetPaths } from './firstPageLoad';

const PAGE = `<!doctype html><html><head>
<link rel="icon" href="data:," />
<script type="module" crossorigin src="./assets/index-abc.js"></script>
<link rel="stylesheet" crossorigin href="./assets/index-def.css">
<link rel="preconnect" href="https://example.com">
<script src="https://cdn.example.com/x.js"></script>
</head><body><div id="root"></div></body></html>`;

const state = (p: Promise<void>) =>
  Promise.race([p.then(() => 'loaded'), new Promise((r) => setTimeout(() => r('pending'), 20))]);

describe('pageAssetPaths', () => {
  it('lists the same-origin scripts and stylesheets, resolved against the page', () => {
    expect(pageAssetPaths(PAGE, '/')).toEqual(['/assets/index-abc.js', '/assets/index-def.css']);
    expect(pageAssetPaths(PAGE, '/runs/deep')).toEqual([
      '/runs/assets/index-abc.js',
      '/runs/assets/index-def.css',
    ]);
    expect(pageAssetPaths('<p>no assets</p>', '/')).toEqual([]);
  });
});

describe('FirstPageLoad', () => {
  it('resolves when the first page and every asset it names have been sent', async () => {
    const load = new FirstPageLoad();
    load.fileSent('/assets/index-abc.js');
    expect(await state(load.loaded)).toBe('pending');
    load.pageSent(PAGE, '/');
    load.fileSent('/assets/index-abc.js');
    load.fileSent('/assets/other.js');
    expect(await state(load.loaded)).toBe('pending');
    load.pageSent('<p>a second page names nothing</p>', '/');
    expect(await state(load.loaded)).toBe('pending');
    load.fileSent('/assets/index-def.css');
    expect(await state(load.loaded)).toBe('loaded');
  });

  it('resolves with the page when it names no assets', async () => {
    const load = new FirstPageLoad();
    load.pageSent('<p>plain</p>', '/');
    expect(await state(load.loaded)).toBe('loaded');
  });
});
