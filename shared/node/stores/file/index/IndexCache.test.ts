/**
 * The persistent cache is never trusted blindly: garbage files, other schema versions and other roots are
 * rebuilt; an unusable cache folder means no cache, a warning, and the same answers; and the answers with
 * a cache are exactly the answers without one.
 */
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileStore } from '../FileStore';
import { openCacheDb } from './cacheDb';
import { defaultCacheDir } from './cacheDir';
import { cacheFileOf, IndexCache, SCHEMA_VERSION } from './IndexCache';
import {
  copyFixture,
  FIXTURES,
  openStore,
  tempDir,
  VERSIONS,
} from '../../../../../test/support/fileStoreCopies';

const cleanup: string[] = [];
afterEach(() => {
  for (const dir of cleanup.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function temp(prefix: string): string {
  const dir = tempDir(prefix);
  cleanup.push(dir);
  return dir;
}

function storeCopy(): string {
  const root = copyFixture();
  cleanup.push(join(root, '..'));
  return root;
}

async function everything(store: FileStore): Promise<unknown> {
  await store.open();
  const ids = (await store.listExperiments()).map((e) => e.experimentId);
  const runs = await store.listRuns(ids);
  const one = runs[0] ? await store.getRun(runs[0].info.runId) : undefined;
  return { runs, one, problems: store.problems() };
}

describe.each(VERSIONS)('on %s', (version) => {
  it('answers with a cache exactly as without one (cold and warm)', async () => {
    const root = join(FIXTURES, version, 'mlruns');
    const cacheDir = temp('cache');
    const plain = await everything(new FileStore(root));
    expect(await everything(new FileStore(root, { cacheDir }))).toEqual(plain);
    const warm = new FileStore(root, { cacheDir });
    expect(await everything(warm)).toEqual(plain);
    expect(warm.indexStats().runsRead).toBe(0);
  });
});

describe('a cache that must not be trusted', () => {
  async function coldThenCheck(
    root: string,
    cacheDir: string,
    damage: (file: string) => void,
  ): Promise<FileStore> {
    const expected = await everything(new FileStore(root));
    const filled = new FileStore(root, { cacheDir });
    await everything(filled);
    await filled.close();
    damage(cacheFileOf(cacheDir, root));
    const store = new FileStore(root, { cacheDir });
    expect(await everything(store)).toEqual(expected);
    return store;
  }

  it('garbage bytes: rebuilt', async () => {
    const root = storeCopy();
    const cacheDir = temp('cache');
    const store = await coldThenCheck(root, cacheDir, (file) => {
      rmSync(`${file}-wal`, { force: true });
      rmSync(`${file}-shm`, { force: true });
      writeFileSync(file, Buffer.alloc(8192, 0xa5));
    });
    expect(store.indexStats().runsReused).toBe(0);
    expect(readFileSync(cacheFileOf(cacheDir, root)).subarray(0, 15).toString()).toBe(
      'SQLite format 3',
    );
    // Rebuilt for good: the next store reads nothing.
    const next = new FileStore(root, { cacheDir });
    await everything(next);
    expect(next.indexStats().runsRead).toBe(0);
  });

  it('another schema version: rebuilt', async () => {
    const root = storeCopy();
    const cacheDir = temp('cache');
    const store = await coldThenCheck(root, cacheDir, (file) => {
      const db = openCacheDb(file);
      db.prepare("UPDATE meta SET value = ? WHERE key = 'schema'").run(String(SCHEMA_VERSION + 1));
      db.close();
    });
    expect(store.indexStats().runsReused).toBe(0);
  });

  it("removes the root's cache files of earlier versions, and only those, when it makes its own", () => {
    const cacheDir = temp('cache');
    const earlier = cacheFileOf(cacheDir, '/store', SCHEMA_VERSION - 1);
    const otherRoot = cacheFileOf(cacheDir, '/other', SCHEMA_VERSION - 1);
    for (const file of [earlier, `${earlier}-wal`, otherRoot]) writeFileSync(file, 'old');
    const cache = IndexCache.open(cacheDir, '/store', () => undefined);
    void cache?.close();
    expect([earlier, `${earlier}-wal`, otherRoot].map((file) => existsSync(file))).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('the cache of another root (copied over): nothing of it is used', async () => {
    const root = storeCopy();
    const other = storeCopy();
    const cacheDir = temp('cache');
    const filled = new FileStore(other, { cacheDir });
    await everything(filled);
    await filled.close();
    const store = await coldThenCheck(root, cacheDir, (file) =>
      copyFileSync(cacheFileOf(cacheDir, other), file),
    );
    expect(store.indexStats().runsReused).toBe(0);
  });

  it('a damaged row: that run is read again, the others are not', async () => {
    const root = storeCopy();
    const cacheDir = temp('cache');
    const store = await coldThenCheck(root, cacheDir, (file) => {
      const db = openCacheDb(file);
      db.prepare('UPDATE runs SET summary = ? WHERE dir = (SELECT MIN(dir) FROM runs)').run(
        '{"ok": tru',
      );
      db.close();
    });
    expect(store.indexStats().runsRead).toBe(1);
  });
});

describe('a cache folder that cannot be used', () => {
  it('works without a cache, with one warning naming the cache file, and never throws', async () => {
    const root = join(FIXTURES, 'mlflow-3.1.2.dev0', 'mlruns');
    const blocker = join(temp('cache'), 'a-file');
    writeFileSync(blocker, 'not a folder');
    const cacheDir = join(blocker, 'cache');
    const expected = (await everything(new FileStore(root))) as { runs: unknown };
    const store = new FileStore(root, { cacheDir });
    const got = (await everything(store)) as {
      runs: unknown;
      problems: { path: string; message: string }[];
    };
    expect(got.runs).toEqual(expected.runs);
    expect(got.problems).toEqual([
      {
        path: cacheFileOf(cacheDir, root),
        message: expect.stringContaining('Index cache not used'),
      },
    ]);
    expect(await store.refresh()).toMatchObject({ changedRunIds: [], removedRunIds: [] });
  });

  it('without a cacheDir nothing is written anywhere', async () => {
    // A store no other test opens, so that no cache file of its root can exist but by this store.
    const { store } = await openStore(storeCopy());
    await everything(store);
    expect(existsSync(cacheFileOf(defaultCacheDir(), store.location))).toBe(false);
  });
});

describe('two stores (two Runlens processes) on one cache', () => {
  it('index and refresh concurrently without errors or wrong answers', async () => {
    const root = storeCopy();
    const cacheDir = temp('cache');
    const expected = await everything(new FileStore(root));
    const [a, b] = [new FileStore(root, { cacheDir }), new FileStore(root, { cacheDir })];
    const answers = await Promise.all([everything(a), everything(b)]);
    await Promise.all([a.refresh(), b.refresh(), a.refresh()]);
    expect(answers).toEqual([expected, expected]);
    const c = new FileStore(root, { cacheDir });
    expect(await everything(c)).toEqual(expected);
    expect(c.indexStats().runsRead).toBe(0);
  });
});

describe('defaultCacheDir', () => {
  it('prefers RUNLENS_CACHE_DIR, then an absolute XDG_CACHE_HOME, then ~/.cache', () => {
    expect(defaultCacheDir({ RUNLENS_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' })).toBe('/c');
    expect(defaultCacheDir({ XDG_CACHE_HOME: '/x' })).toBe(join('/x', 'runlens'));
    expect(defaultCacheDir({ XDG_CACHE_HOME: 'relative' })).toMatch(/\.cache[\\/]runlens$/);
  });
});

describe('writing the cache', () => {
  it('drops the rows of every experiment folder not kept, and only those', () => {
    const cache = IndexCache.open(temp('cache'), '/store', () => undefined);
    if (!cache) throw new Error('no index cache');
    const folders = ['1', '12', '.trash/5', 'straße', 'a b', '1/x'];
    const row = (dir: string) => ({ dir, paths: '', hash: 'h', summary: () => '{}' });
    cache.write(
      folders.flatMap((f) => [row(`${f}/r1`), row(`${f}/r2`)]),
      [],
    );
    cache.write([], [], new Set(['1', '.trash/5', 'straße']));
    const left = folders.map((f) => [f, cache.countRows(f)]);
    void cache.close();
    expect(left).toEqual([
      ['1', 2],
      ['12', 0],
      ['.trash/5', 2],
      ['straße', 2],
      ['a b', 0],
      ['1/x', 0],
    ]);
  });

  it('looks for rows to drop only when the kept folders differ from the last time', async () => {
    const dir = temp('cache');
    const row = (d: string) => ({ dir: d, paths: '', hash: 'h', summary: () => '{}' });
    const first = IndexCache.open(dir, '/store', () => undefined);
    if (!first) throw new Error('no index cache');
    first.write([row('1/r'), row('2/r')], []);
    first.write([], [], new Set(['1', '.trash/2']));
    expect([first.countRows('1'), first.countRows('2')]).toEqual([1, 0]);
    // A row of a folder that is not kept, as another process still indexing it could write.
    first.write([row('3/r')], []);
    await first.close();
    // A later launch (a new process) with the same folders, in another order: nothing is looked for.
    const again = IndexCache.open(dir, '/store', () => undefined);
    if (!again) throw new Error('no index cache');
    again.write([], [], new Set(['.trash/2', '1']));
    expect(again.countRows('3')).toBe(1);
    // The store's folders changed: the rows of every folder not kept go.
    again.write([], [], new Set(['1', '.trash/2', '4']));
    expect([again.countRows('1'), again.countRows('3')]).toEqual([1, 0]);
    await again.close();
  });

  /** Rows whose summary text takes ~0.1 ms to make: 300 of them are more than one slice (15 ms). */
  const slowRows = (n: number, prefix: string, text = '{}') =>
    Array.from({ length: n }, (_, i) => ({
      dir: `1/${prefix}${i}`,
      paths: '',
      hash: 'h',
      summary: () => {
        const until = performance.now() + 0.1;
        while (performance.now() < until);
        return text;
      },
    }));

  it('writes a big change in slices that let the event loop in, in the order asked, all by flushed()', async () => {
    const cache = IndexCache.open(temp('cache'), '/store', () => undefined);
    if (!cache) throw new Error('no index cache');
    cache.write(slowRows(300, 'old-'), []);
    cache.write(slowRows(2000, 'r'), ['1/old-0']);
    // Asked after the big one, so written after it: its row wins, and removals come last.
    cache.write(slowRows(1, 'r', '{"last":1}'), []);
    const atReturn = cache.countRows('1');
    let ticks = 0;
    const ticking = setInterval(() => ticks++, 0);
    await cache.flushed();
    clearInterval(ticking);
    expect(atReturn).toBeLessThan(2300);
    expect(ticks).toBeGreaterThan(3);
    expect(cache.countRows('1')).toBe(2299);
    expect(cache.loadRows('1').get('1/r0')?.summary).toBe('{"last":1}');
    expect(cache.loadRows('1').has('1/old-0')).toBe(false);
    await cache.close();
  });

  it('finishes the writes asked for before it closes', async () => {
    const dir = temp('cache');
    const cache = IndexCache.open(dir, '/store', () => undefined);
    if (!cache) throw new Error('no index cache');
    cache.write(slowRows(1500, 'r'), []);
    await cache.close();
    const again = IndexCache.open(dir, '/store', () => undefined);
    expect(again?.countRows('1')).toBe(1500);
    await again?.close();
  });
});
