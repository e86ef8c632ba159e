/**
 * Artifacts of the fixture stores: the runs' stored artifact_uri is another machine's absolute path
 * (/Users/alice/…), so the files are found by rebasing under the db's folder (mlartifacts/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from './SqliteStore';
import {
  FIXTURE_VERSIONS,
  fixtureDb,
  fixtureIds,
  restJson,
  restText,
} from '../../../../test/support/sqlite';

describe.each(FIXTURE_VERSIONS)('SqliteStore artifacts on %s', (version) => {
  const store = new SqliteStore(fixtureDb(version));
  const runId = fixtureIds(version).runs['iris-0'] ?? '';
  beforeAll(() => store.open());
  afterAll(() => store.close());

  it('lists the root like the server did', async () => {
    const rest = restJson<{ files: { path: string; is_dir: boolean; file_size?: number }[] }>(
      version,
      'artifacts-list.json',
    );
    const ours = await store.listArtifacts(runId, '');
    expect(ours).toEqual(
      rest.files.map((f) =>
        f.is_dir
          ? { path: f.path, isDir: true }
          : { path: f.path, isDir: false, fileSize: f.file_size },
      ),
    );
  });

  it('lists a nested folder', async () => {
    const rest = restJson<{ files: { path: string; is_dir: boolean; file_size?: number }[] }>(
      version,
      'artifacts-list.path_nested.json',
    );
    const ours = await store.listArtifacts(runId, 'reports/eval');
    expect(ours.map((f) => [f.path, f.isDir, f.fileSize])).toEqual(
      rest.files.map((f) => [f.path, f.is_dir, f.file_size]),
    );
  });

  it('reads logs/train.log, whole and truncated', async () => {
    const expected = restText(version, 'get-artifact.train_log.txt');
    const whole = await store.readArtifact(runId, 'logs/train.log', 1 << 20);
    expect(Buffer.from(whole.bytes).toString('utf8')).toBe(expected);
    expect(whole.size).toBe(Buffer.byteLength(expected));
    const head = await store.readArtifact(runId, 'logs/train.log', 10);
    expect(head.bytes).toHaveLength(10);
    expect(head.size).toBe(whole.size);
  });

  it('rejects paths escaping the artifact root', async () => {
    for (const path of ['../../../mlflow.db', 'logs/../../x', '..\\..\\mlflow.db']) {
      await expect(store.readArtifact(runId, path, 100)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    }
    // An absolute path is refused outright (test/security/pathEscapes.stores.test.ts has the full table).
    await expect(store.readArtifact(runId, '/etc/passwd', 100)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await expect(store.listArtifacts(runId, '..')).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('gives [] for a run without artifacts and NOT_FOUND for missing files and unknown runs', async () => {
    expect(await store.listArtifacts(fixtureIds(version).runs['default-0'] ?? '', '')).toEqual([]);
    await expect(store.readArtifact(runId, 'logs/nope.log', 10)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(store.listArtifacts('nope', '')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
