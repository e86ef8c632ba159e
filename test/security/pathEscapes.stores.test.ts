/**
 * No path escapes in the stores (issue 11, part 2 item 2): every path of the shared hostile table is
 * refused with INVALID_ARGUMENT by readArtifact and listArtifacts of the FileStore and of the SQLite
 * store's artifact root, on temp copies of the 2.12 fixture with escape symlinks planted; no answer ever
 * carries the file outside the store, and the fixtures are unchanged afterwards.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackingStore } from '../../shared/node/stores/TrackingStore';
import { FileStore } from '../../shared/node/stores/file/FileStore';
import { SqliteStore } from '../../shared/node/stores/sqlite/SqliteStore';
import { findRunArtifactsDir } from '../support/artifactLinks';
import { copyFixture, fixtureIds as fileIds } from '../support/fileStoreCopies';
import { HOSTILE_ARTIFACT_PATHS, OUTSIDE_SECRET, plantEscapeLinks } from '../support/hostilePaths';
import { fixtureDir, fixtureIds as sqliteIds } from '../support/sqlite';

const VERSION = 'mlflow-2.12.2.dev0';

interface Setup {
  store: TrackingStore;
  runId: string;
  cleanup: () => void;
}

function fileStoreSetup(): Setup {
  const root = copyFixture(VERSION);
  const runId = fileIds(VERSION).runs['iris-0'] as string;
  plantEscapeLinks(findRunArtifactsDir(root, runId), join(root, '..', 'outside'));
  return {
    store: new FileStore(root),
    runId,
    cleanup: () => rmSync(join(root, '..'), { recursive: true, force: true }),
  };
}

function sqliteSetup(): Setup {
  const dir = mkdtempSync(join(tmpdir(), 'runlens-escape-sqlite-'));
  cpSync(fixtureDir(VERSION), join(dir, 'store'), { recursive: true });
  const ids = sqliteIds(VERSION);
  const runId = ids.runs['iris-0'] as string;
  const expId = ids.experiments.iris as string;
  // Where the store finds the run's files: its stored URI rebased under the db's mlartifacts folder.
  plantEscapeLinks(
    join(dir, 'store', 'mlartifacts', expId, runId, 'artifacts'),
    join(dir, 'outside'),
  );
  return {
    store: new SqliteStore(join(dir, 'store', 'mlflow.db')),
    runId,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

describe.each([
  ['FileStore', fileStoreSetup],
  ['SqliteStore', sqliteSetup],
])('%s refuses every hostile artifact path', (_kind, make) => {
  let setup: Setup;
  beforeAll(async () => {
    setup = make();
    await setup.store.open();
  });
  afterAll(async () => {
    await setup.store.close();
    setup.cleanup();
  });

  it('still reads an ordinary artifact (the setup is sound)', async () => {
    const log = await setup.store.readArtifact(setup.runId, 'logs/train.log', 1 << 16);
    expect(log.size).toBeGreaterThan(0);
  });

  it.each(HOSTILE_ARTIFACT_PATHS.map((h) => [h.why, h.path]))(
    'readArtifact: %s',
    async (_why, path) => {
      const answer = setup.store.readArtifact(setup.runId, path, 1 << 16);
      await expect(answer).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    },
  );

  it.each(HOSTILE_ARTIFACT_PATHS.map((h) => [h.why, h.path]))(
    'listArtifacts: %s',
    async (_why, path) => {
      const answer = setup.store.listArtifacts(setup.runId, path);
      await expect(answer).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    },
  );

  it('lists the root without the links that lead out of it', async () => {
    const listed = await setup.store.listArtifacts(setup.runId, '');
    const paths = listed.map((f) => f.path);
    expect(paths).not.toContain('escape-file');
    expect(paths).not.toContain('escape-dir');
    expect(JSON.stringify(listed)).not.toContain(OUTSIDE_SECRET);
  });
});
