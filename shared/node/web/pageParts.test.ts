import { describe, expect, it } from 'vitest';
import type { StoreInfo } from '../../common/contract';
import { BOOT_DATA_ELEMENT_ID, type BootAnswer } from '../../common/firstScreen';
import { fromWireJson } from '../../common/wire';
import { pageParts, THEME_SCRIPT_FILE, type FirstScreen } from './pageParts';

const HEAD =
  '<!doctype html><html><head><title>Runlens</title>' +
  '<script type="module" crossorigin src="./assets/index-1.js"></script>' +
  '<link rel="stylesheet" crossorigin href="./assets/index-1.css"></head><body>';
const PAGE = `${HEAD}<div id="root"></div></body></html>`;
const STORES = [{ storeId: 's1', kind: 'file', state: 'ready' }] as unknown as StoreInfo[];
const ANSWERS: BootAnswer[] = [{ method: 'listStores', request: {}, value: STORES }];

async function whole(
  screen: FirstScreen | Promise<FirstScreen>,
  themeScript = false,
  html = PAGE,
): Promise<{ start: string; page: string }> {
  const parts = pageParts(html, Promise.resolve(screen), { themeScript });
  return { start: parts.start, page: parts.start + (await parts.rest) };
}

describe('pageParts', () => {
  it('sends the head at once, then the answers and the shell in the app root', async () => {
    const { start, page } = await whole({ answers: ANSWERS, shell: '<div class="app">s</div>' });
    expect(start).toBe(HEAD);
    expect(page).toMatch(
      /<\/script><div id="root"><div class="app">s<\/div><\/div><\/body><\/html>$/,
    );
    const block = new RegExp(
      `<script type="application/json" id="${BOOT_DATA_ELEMENT_ID}">(.*)</script><div id="root">`,
    ).exec(page);
    expect(fromWireJson(block?.[1] ?? '')).toEqual(ANSWERS);
  });

  it('waits for the first screen: the rest comes only once it is there', async () => {
    let give: (screen: FirstScreen) => void = () => undefined;
    const parts = pageParts(PAGE, new Promise((r) => (give = r)), { themeScript: false });
    let rest: string | undefined;
    void parts.rest.then((r) => (rest = r));
    await new Promise((r) => setTimeout(r, 10));
    expect(rest).toBeUndefined();
    give({ answers: [] });
    expect(await parts.rest).toBe('<div id="root"></div></body></html>');
  });

  it('never lets a value end the data block (an experiment named with a closing script tag)', async () => {
    const hostile = '</script><script>alert(1)</script><!--';
    const { page } = await whole({
      answers: [{ method: 'listConnections', request: {}, value: [{ name: hostile }] as never }],
    });
    expect(page.match(/<\/script>/g)).toHaveLength(2); // the app's module script and the block
    expect(page).not.toContain('<script>alert');
    const json = /id="runlens-boot">(.*?)<\/script>/.exec(page)?.[1] ?? '';
    expect(JSON.stringify(fromWireJson(json))).toContain(hostile.replace(/"/g, '\\"'));
  });

  it('adds the theme script at the end of the head, after the app script and stylesheet, when asked', async () => {
    const { start } = await whole({ answers: [] }, true);
    expect(start).toBe(
      HEAD.replace('</head>', `<script src="./${THEME_SCRIPT_FILE}"></script></head>`),
    );
    expect((await whole({ answers: [] }, false)).start).toBe(HEAD);
  });

  it('sends the page as built when there is nothing to add, or a failure', async () => {
    expect((await whole({ answers: [] })).page).toBe(PAGE);
    expect((await whole(Promise.reject(new Error('no answers')))).page).toBe(PAGE);
  });

  it('sends a page without the app root as it is', async () => {
    const other = '<!doctype html><p>x</p>';
    expect(await whole({ answers: ANSWERS, shell: '<b>s</b>' }, true, other)).toEqual({
      start: other,
      page: other,
    });
  });
});
