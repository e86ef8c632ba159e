import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_RECENT_STORES, RecentStores } from './recentStores';
import { WindowStateFile, initialBounds, parseWindowState } from './windowState';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'runlens-desktop-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('RecentStores', () => {
  const existing = new Set(['/data/mlruns', '/data/mlflow.db']);
  const make = () =>
    new RecentStores(
      dir,
      (path) => existing.has(path),
      () => new Date(0),
    );

  it('keeps the newest first, moves a reopened store up, and marks missing paths', () => {
    const recents = make();
    expect(recents.list()).toEqual([]);
    recents.add('/data/mlruns', 'mlruns');
    recents.add('/gone/mlruns', 'mlruns');
    recents.add('/data/mlflow.db', 'mlflow.db');
    recents.add('/data/mlruns', 'mlruns');
    expect(
      make()
        .list()
        .map((r) => [r.location, r.missing]),
    ).toEqual([
      ['/data/mlruns', false],
      ['/data/mlflow.db', false],
      ['/gone/mlruns', true],
    ]);
    recents.remove('/gone/mlruns');
    expect(make().list()).toHaveLength(2);
    recents.clear();
    expect(make().list()).toEqual([]);
  });

  it(`keeps at most ${MAX_RECENT_STORES}`, () => {
    const recents = make();
    for (let i = 0; i < MAX_RECENT_STORES + 5; i++) recents.add(`/s/${i}`, `${i}`);
    const list = recents.list();
    expect(list).toHaveLength(MAX_RECENT_STORES);
    expect(list[0]?.location).toBe(`/s/${MAX_RECENT_STORES + 4}`);
  });

  it('remembers server URLs without secrets, never URLs with credentials', () => {
    const recents = make();
    expect(recents.add('https://user:pw@mlflow.example', 'x')).toBe(false);
    expect(recents.add('https://mlflow.example/base/?token=abc#x', 'mlflow.example')).toBe(true);
    expect(recents.list()).toEqual([
      {
        location: 'https://mlflow.example/base',
        displayName: 'mlflow.example',
        openedAt: '1970-01-01T00:00:00.000Z',
        missing: false,
      },
    ]);
    expect(readFileSync(recents.path, 'utf8')).not.toContain('pw');
  });

  it('reads a damaged or foreign file as empty, and drops malformed entries', () => {
    const recents = make();
    writeFileSync(recents.path, '{ nope');
    expect(recents.list()).toEqual([]);
    writeFileSync(
      recents.path,
      JSON.stringify({
        stores: [
          { location: 3 },
          null,
          { location: '/data/mlruns', displayName: 'm', openedAt: 't' },
        ],
      }),
    );
    expect(recents.list().map((r) => r.location)).toEqual(['/data/mlruns']);
  });
});

describe('window state', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1040 };
  const second = { x: 1920, y: 0, width: 1280, height: 1000 };
  const saved = (x: number, y: number, width = 1000, height = 700) => ({
    bounds: { x, y, width, height },
    maximized: false,
    fullScreen: false,
  });

  it('opens at the default size the first time', () => {
    expect(initialBounds(null, [screen])).toEqual({
      width: 1280,
      height: 820,
      maximized: false,
      fullScreen: false,
    });
  });

  it('reuses a saved position that is still on a display', () => {
    expect(initialBounds(saved(100, 50), [screen])).toMatchObject({ x: 100, y: 50, width: 1000 });
    expect(initialBounds(saved(2000, 10), [screen, second])).toMatchObject({ x: 2000, y: 10 });
  });

  it('lets the OS place a window whose display is gone, keeping a size that fits', () => {
    const restored = initialBounds(saved(2000, 10, 3000, 2000), [screen]);
    expect(restored).toEqual({ width: 1920, height: 1040, maximized: false, fullScreen: false });
    expect(initialBounds(saved(-5000, -5000), [screen])).not.toHaveProperty('x');
  });

  it('never goes below the minimum size, and keeps maximized', () => {
    const tiny = { ...saved(10, 10, 100, 50), maximized: true };
    expect(initialBounds(tiny, [screen])).toMatchObject({
      width: 720,
      height: 480,
      maximized: true,
    });
  });

  it('parses only well-formed states and round-trips through the file', () => {
    expect(parseWindowState({ bounds: { x: 1, y: 2, width: 0, height: 3 } })).toBeNull();
    expect(parseWindowState({ bounds: { x: 'a', y: 2, width: 5, height: 3 } })).toBeNull();
    expect(parseWindowState(null)).toBeNull();
    const file = new WindowStateFile(dir);
    expect(file.read()).toBeNull();
    file.write({ ...saved(1, 2), maximized: true });
    expect(new WindowStateFile(dir).read()).toEqual({ ...saved(1, 2), maximized: true });
  });
});
