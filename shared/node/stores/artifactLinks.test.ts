/**
 * Artifact symlinks never lead out of the artifact root (issue 11, defect 3), for both store kinds, on
 * temp copies of the 2.12 fixture: a link to a file or folder outside is refused when read and left out
 * of listings, and the listing that meets it says so in the store's problems (without the target's path);
 * a link that stays inside still works.
 */
import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore } from './file/FileStore';
import { fixtureIds as fileFixtureIds } from '../../../test/support/fileStoreCopies';
import { SqliteStore } from './sqlite/SqliteStore';
import { fixtureIds } from '../../../test/support/sqlite';
import type { TrackingStore } from './TrackingStore';
import { findRunArtifactsDir } from '../../../test/support/artifactLinks';

const VERSION = 'mlflow-2.12.2.dev0';
const FIXTURE = join(import.meta.dirname, '../../../test/fixtures', VERSION);

interface Kind {
  name: string;
  open: (copy: string) => Promise<{ store: TrackingStore; artifacts: string; runId: string }>;
}

const KINDS: Kind[] = [
  {
    name: 'FileStore',
    open: async (copy) => {
      const runId = fileFixtureIds(VERSION).runs['iris-0'] as string;
      const store = new FileStore(join(copy, 'mlruns'));
      await store.open();
      return { store, runId, artifacts: findRunArtifactsDir(join(copy, 'mlruns'), runId) };
    },
  },
  {
    name: 'SqliteStore',
    open: async (copy) => {
      const runId = fixtureIds(VERSION).runs['iris-0'] as string;
      const store = new SqliteStore(join(copy, 'mlflow.db'));
      await store.open();
      return { store, runId, artifacts: findRunArtifactsDir(join(copy, 'mlartifacts'), runId) };
    },
  },
];

describe.each(KINDS)('artifact symlinks in a $name', (kind) => {
  let copy: string;
  let store: TrackingStore | undefined;
  let runId: string;
  const live = (): TrackingStore => {
    if (!store) throw new Error('store not opened');
    return store;
  };
  beforeAll(async () => {
    copy = mkdtempSync(join(tmpdir(), 'runlens-links-'));
    cpSync(FIXTURE, copy, { recursive: true });
    const opened = await kind.open(copy);
    ({ store, runId } = opened);
    symlinkSync('/etc/passwd', join(opened.artifacts, 'evil'));
    symlinkSync('/etc', join(opened.artifacts, 'etcdir'));
    symlinkSync('logs', join(opened.artifacts, 'alias'));
  });
  afterAll(async () => {
    await store?.close();
    rmSync(copy, { recursive: true, force: true });
  });

  it('a file link to /etc/passwd is refused, and left out of the listing', async () => {
    await expect(live().readArtifact(runId, 'evil', 1 << 16)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringMatching(/outside the run's artifacts/) as unknown,
    });
    const names = (await live().listArtifacts(runId, '')).map((f) => f.path);
    expect(names).not.toContain('evil');
    expect(names).not.toContain('etcdir');
    expect(names).toContain('logs');
  });

  it('a folder link to /etc is neither listed nor read through', async () => {
    await expect(live().listArtifacts(runId, 'etcdir')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(live().readArtifact(runId, 'etcdir/passwd', 1 << 16)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it("a listing that meets a link leading outside puts it in the store's problems", async () => {
    await live().listArtifacts(runId, '');
    await expect(live().listArtifacts(runId, 'etcdir')).rejects.toThrow();
    const links = live()
      .problems()
      .filter((p) => /[\\/](evil|etcdir)$/.test(p.path));
    expect(links.map((p) => p.path.split(/[\\/]/).pop()).sort()).toEqual(['etcdir', 'evil']);
    for (const problem of links) {
      expect(problem.path.startsWith(copy)).toBe(true);
      expect(problem.message).toMatch(/points outside the artifact root/);
      expect(problem.message).not.toMatch(/\/etc|passwd/);
    }
    // Listing again does not repeat them, and the link that stays inside is no problem.
    await live().listArtifacts(runId, '');
    expect(
      live()
        .problems()
        .filter((p) => /[\\/](evil|etcdir)$/.test(p.path)),
    ).toHaveLength(2);
    expect(
      live()
        .problems()
        .some((p) => p.path.endsWith('alias')),
    ).toBe(false);
  });

  it('a link that stays inside the artifacts still works', async () => {
    const direct = await live().readArtifact(runId, 'logs/train.log', 1 << 20);
    const viaLink = await live().readArtifact(runId, 'alias/train.log', 1 << 20);
    expect(Buffer.from(viaLink.bytes)).toEqual(Buffer.from(direct.bytes));
    expect((await live().listArtifacts(runId, '')).map((f) => f.path)).toContain('alias');
  });
});
