/**
 * RunDirCache: a run's folder is looked up once (or taken from the index's hint) and then only checked
 * (one lstat); a folder that is gone, or was replaced by a link, is looked up afresh; at most `limit`
 * runs are remembered.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IoLimiter } from './io';
import { RunDirCache } from './runDirCache';

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'rundircache-'));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** A lookup that answers `dir` and counts its calls. */
function finder(dir: () => string) {
  const calls: number[] = [];
  return {
    calls,
    find: async () => {
      calls.push(1);
      return dir();
    },
  };
}

describe('RunDirCache', () => {
  it('looks a run up once while its folder stays', async () => {
    const dir = join(tmp, '1', 'run-a');
    mkdirSync(dir, { recursive: true });
    const cache = new RunDirCache(new IoLimiter());
    const lookup = finder(() => dir);
    expect(await cache.dirOf('run-a', lookup.find)).toBe(dir);
    expect(await cache.dirOf('run-a', lookup.find)).toBe(dir);
    expect(lookup.calls).toHaveLength(1);
  });

  it('looks it up again when the folder is gone or is now a link', async () => {
    const first = join(tmp, '1', 'run-a');
    const moved = join(tmp, '2', 'run-a');
    mkdirSync(first, { recursive: true });
    mkdirSync(moved, { recursive: true });
    const cache = new RunDirCache(new IoLimiter());
    let answer = first;
    const lookup = finder(() => answer);
    await cache.dirOf('run-a', lookup.find);
    rmSync(first, { recursive: true });
    answer = moved;
    expect(await cache.dirOf('run-a', lookup.find)).toBe(moved);
    rmSync(moved, { recursive: true });
    symlinkSync(tmp, moved);
    answer = 'looked up';
    expect(await cache.dirOf('run-a', lookup.find)).toBe('looked up');
    expect(lookup.calls).toHaveLength(3);
  });

  it("takes the index's folder without a lookup while it is a real folder, else looks up", async () => {
    const indexed = join(tmp, '1', 'run-a');
    const found = join(tmp, '2', 'run-a');
    mkdirSync(indexed, { recursive: true });
    const lookup = finder(() => found);
    const cache = new RunDirCache(new IoLimiter());
    expect(await cache.dirOf('run-a', lookup.find, indexed)).toBe(indexed);
    expect(lookup.calls).toHaveLength(0);
    // A hint that is gone, or is a link, is not used.
    const other = new RunDirCache(new IoLimiter());
    expect(await other.dirOf('run-b', lookup.find, join(tmp, 'gone'))).toBe(found);
    symlinkSync(indexed, join(tmp, 'link'));
    expect(await other.dirOf('run-c', lookup.find, join(tmp, 'link'))).toBe(found);
    expect(lookup.calls).toHaveLength(2);
  });

  it('remembers at most `limit` runs, forgetting the oldest', async () => {
    const cache = new RunDirCache(new IoLimiter(), 2);
    const dirs = ['a', 'b', 'c'].map((id) => join(tmp, id));
    for (const d of dirs) mkdirSync(d);
    const lookup = finder(() => 'unused');
    for (const [i, id] of ['a', 'b', 'c'].entries())
      await cache.dirOf(id, async () => dirs[i] as string);
    expect(await cache.dirOf('c', lookup.find)).toBe(dirs[2]);
    expect(await cache.dirOf('b', lookup.find)).toBe(dirs[1]);
    expect(lookup.calls).toHaveLength(0);
    expect(await cache.dirOf('a', lookup.find)).toBe('unused');
    expect(lookup.calls).toHaveLength(1);
  });

  it('does not remember a failed lookup', async () => {
    const cache = new RunDirCache(new IoLimiter());
    await expect(
      cache.dirOf('gone', async () => {
        throw new Error('not found');
      }),
    ).rejects.toThrow('not found');
    const dir = join(tmp, 'gone');
    mkdirSync(dir);
    expect(await cache.dirOf('gone', async () => dir)).toBe(dir);
  });
});
