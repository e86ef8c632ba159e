import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type TreeWatch, watchTree } from './treeWatcher';

let root: string | undefined;
let tree: TreeWatch | undefined;
afterEach(() => {
  tree?.close();
  tree = undefined;
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** A tree a/b/c with a file in c, watched; `seen` collects the reported paths. */
async function watched(options: Parameters<typeof watchTree>[3] = {}) {
  root = mkdtempSync(join(tmpdir(), 'runlens-tree-'));
  mkdirSync(join(root, 'a', 'b', 'c'), { recursive: true });
  writeFileSync(join(root, 'a', 'b', 'c', 'f'), '1');
  const seen = new Set<string>();
  const failures: unknown[] = [];
  tree = watchTree(
    root,
    (p) => seen.add(p),
    (e) => failures.push(e),
    { batchSize: 1, ...options },
  );
  await tree.ready;
  return { root, seen, failures };
}

describe('watchTree', () => {
  it('reports a change deep in the tree once the walk is done', async () => {
    const { root, seen } = await watched();
    appendFileSync(join(root, 'a', 'b', 'c', 'f'), '2');
    await vi.waitFor(() => expect(seen).toContain(join('a', 'b', 'c', 'f')));
  });

  it('watches folders created later, and reports them again once watched', async () => {
    const { root, seen } = await watched();
    mkdirSync(join(root, 'n', 'm'), { recursive: true });
    // Written before the new folders' watches can exist: covered by reporting the folder itself.
    writeFileSync(join(root, 'n', 'm', 'early'), '1');
    await vi.waitFor(() => expect(seen).toContain(join('n', 'm')));
    seen.clear();
    appendFileSync(join(root, 'n', 'm', 'early'), '2');
    await vi.waitFor(() => expect(seen).toContain(join('n', 'm', 'early')));
  });

  it('drops the watches of a removed folder and watches it again when it comes back', async () => {
    const { root, seen, failures } = await watched();
    rmSync(join(root, 'a'), { recursive: true });
    await vi.waitFor(() => expect(seen).toContain('a'));
    mkdirSync(join(root, 'a', 'x'), { recursive: true });
    await vi.waitFor(() => expect(seen).toContain(join('a', 'x')));
    seen.clear();
    writeFileSync(join(root, 'a', 'x', 'g'), '1');
    await vi.waitFor(() => expect(seen).toContain(join('a', 'x', 'g')));
    expect(failures).toEqual([]);
  });

  it('does not watch below a folder `include` leaves out', async () => {
    const { root, seen } = await watched({ include: (parts) => parts.length < 3 });
    appendFileSync(join(root, 'a', 'b', 'c', 'f'), '2');
    writeFileSync(join(root, 'a', 'b', 'g'), '1');
    await vi.waitFor(() => expect(seen).toContain(join('a', 'b', 'g')));
    expect(seen).not.toContain(join('a', 'b', 'c', 'f'));
  });

  it('walks no further while `beforeBatch` holds it, and finishes once it lets go', async () => {
    root = mkdtempSync(join(tmpdir(), 'runlens-tree-'));
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    let open: () => void = () => undefined;
    let gate = new Promise<void>((resolve) => (open = resolve));
    let asked = 0;
    let walked = false;
    tree = watchTree(
      root,
      () => undefined,
      () => undefined,
      {
        batchSize: 1,
        beforeBatch: () => {
          asked++;
          return gate;
        },
      },
    );
    void tree.ready.then(() => (walked = true));
    await vi.waitFor(() => expect(asked).toBe(1));
    await new Promise((r) => setTimeout(r, 50));
    // Held before listing the root: nothing below it is walked yet.
    expect(asked).toBe(1);
    expect(walked).toBe(false);
    open();
    gate = Promise.resolve();
    await tree.ready;
    // The root's listing, then one batch per folder (a, a/b).
    expect(asked).toBe(3);
  });

  it('throws at once when the root cannot be watched', () => {
    expect(() =>
      watchTree(
        join(tmpdir(), 'runlens-no-such-tree'),
        () => undefined,
        () => undefined,
      ),
    ).toThrow();
  });
});
