/**
 * Index invalidation on a temp copy of the 3.1 fixture: each change MLflow makes is seen by refresh(),
 * both re-checking everything by stat and given the changed paths (as a watcher would), and unchanged runs
 * are never read again. Changes are made the way MLflow writes them (append, overwrite in place, rename).
 */
import {
  cpSync,
  mkdirSync,
  renameSync,
  rmSync,
  utimesSync,
  statSync,
  writeFileSync,
  readFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileStore } from '../FileStore';
import {
  copyFixture,
  fixtureIds,
  logMetric,
  openStore,
  setMetaField,
  setTag,
  tempDir,
} from '../../../../../test/support/fileStoreCopies';

const ids = fixtureIds();
const FORECASTING = ids.experiments['forecasting'] as string;
const IRIS = ids.experiments['iris'] as string;
const RUNNING = ids.runs['fc-9'] as string;
const FINISHED = ids.runs['fc-0'] as string;

let root: string;
let cacheDir: string;
beforeEach(() => {
  root = copyFixture();
  cacheDir = tempDir('cache');
});
afterEach(() => {
  rmSync(join(root, '..'), { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

const runDir = (experimentId: string, runId: string): string => join(root, experimentId, runId);

async function listed(
  store: FileStore,
): Promise<Map<string, Awaited<ReturnType<FileStore['listRuns']>>[number]>> {
  const experiments = (await store.listExperiments()).map((e) => e.experimentId);
  return new Map((await store.listRuns(experiments)).map((r) => [r.info.runId, r]));
}

async function indexed(): Promise<FileStore> {
  const { store } = await openStore(root, { cacheDir });
  await listed(store);
  return store;
}

describe('unchanged runs', () => {
  it('are read once: a second store on the same cache reads none, and gives the same answer', async () => {
    const first = await indexed();
    const runFolders = first.indexStats().runsRead;
    expect(runFolders).toBeGreaterThanOrEqual(31);
    const again = await openStore(root, { cacheDir });
    const before = await listed(first);
    expect(await listed(again.store)).toEqual(before);
    expect(again.store.indexStats()).toMatchObject({ runsRead: 0, runsReused: runFolders });
    expect(await again.store.refresh()).toEqual({
      changedRunIds: [],
      removedRunIds: [],
      experimentIds: [],
      experimentsChanged: false,
    });
    expect(again.store.indexStats().runsRead).toBe(0);
    expect(again.store.problems()).toEqual(first.problems());
  });

  it('read again but showing the same are not reported as changed', async () => {
    const store = await indexed();
    const read = store.indexStats().runsRead;
    const before = (await listed(store)).get(FINISHED);
    const meta = join(runDir(FORECASTING, FINISHED), 'meta.yaml');
    const later = new Date(statSync(meta).mtimeMs + 60_000);
    utimesSync(meta, later, later);
    expect((await store.refresh()).changedRunIds).toEqual([]);
    expect(store.indexStats().runsRead).toBe(read + 1);
    expect((await listed(store)).get(FINISHED)).toEqual(before);
  });

  it('are not read when another run changes', async () => {
    const store = await indexed();
    const read = store.indexStats().runsRead;
    logMetric(runDir(FORECASTING, RUNNING), 'loss', 0.5, 1000);
    expect((await store.refresh()).changedRunIds).toEqual([RUNNING]);
    expect(store.indexStats().runsRead).toBe(read + 1);
  });
});

// Each change is checked both ways a refresh is asked for.
describe.each([
  ['re-checking everything', (_paths: string[]) => undefined],
  ['given the changed paths', (paths: string[]) => paths],
])('refresh, %s', (_mode, pathsFor) => {
  it('sees a metric point appended to a RUNNING run', async () => {
    const store = await indexed();
    const dir = runDir(FORECASTING, RUNNING);
    logMetric(dir, 'loss', 0.125, 1000);
    const result = await store.refresh(pathsFor([join(dir, 'metrics', 'loss')]));
    expect(result).toEqual({
      changedRunIds: [RUNNING],
      removedRunIds: [],
      experimentIds: [FORECASTING],
      experimentsChanged: false,
    });
    expect((await listed(store)).get(RUNNING)?.data.metrics['loss']).toMatchObject({
      value: 0.125,
      step: 1000,
    });
  });

  it('hands out Runs it never mutates: a change or a lifecycle move shows in the next listing only', async () => {
    const store = await indexed();
    const before = await listed(store);
    const again = await listed(store);
    expect(again.get(FINISHED)).toEqual(before.get(FINISHED));
    const dir = runDir(FORECASTING, FINISHED);
    const oldLoss = before.get(FINISHED)?.data.metrics['loss'];
    logMetric(dir, 'loss', 0.25, 2000);
    await store.refresh();
    const changed = await listed(store);
    expect(changed.get(FINISHED)?.data.metrics['loss']).toMatchObject({ value: 0.25, step: 2000 });
    // The Runs handed out before are never mutated.
    expect(before.get(FINISHED)?.data.metrics['loss']).toEqual(oldLoss);
    setMetaField(join(root, FORECASTING, 'meta.yaml'), 'lifecycle_stage', 'deleted');
    // A watcher's paths elsewhere: the experiment's lifecycle is its only change, its runs are not re-read.
    await store.refresh(pathsFor([join(root, IRIS, 'meta.yaml')]));
    const experiments = (await store.listExperiments()).map((e) => e.experimentId);
    const trashed = (await store.listRuns(experiments)).find((r) => r.info.runId === FINISHED);
    expect(trashed?.info.lifecycleStage).toBe('deleted');
    expect(changed.get(FINISHED)?.info.lifecycleStage).toBe('active');
  });

  it('sees a new tag, and a tag overwritten', async () => {
    const store = await indexed();
    const dir = runDir(FORECASTING, FINISHED);
    setTag(dir, 'reviewed', 'yes');
    expect((await store.refresh(pathsFor([join(dir, 'tags', 'reviewed')]))).changedRunIds).toEqual([
      FINISHED,
    ]);
    setTag(dir, 'model_type', 'overwritten');
    expect(
      (await store.refresh(pathsFor([join(dir, 'tags', 'model_type')]))).changedRunIds,
    ).toEqual([FINISHED]);
    const tags = (await listed(store)).get(FINISHED)?.data.tags;
    expect(tags).toMatchObject({ reviewed: 'yes', model_type: 'overwritten' });
  });

  it('sees a new run', async () => {
    const store = await indexed();
    const newId = 'f'.repeat(32);
    const dir = runDir(FORECASTING, newId);
    cpSync(runDir(FORECASTING, FINISHED), dir, { recursive: true });
    setMetaField(join(dir, 'meta.yaml'), 'run_id', newId);
    const result = await store.refresh(pathsFor([dir]));
    expect(result).toEqual({
      changedRunIds: [newId],
      removedRunIds: [],
      experimentIds: [FORECASTING],
      experimentsChanged: false,
    });
    expect((await listed(store)).has(newId)).toBe(true);
  });

  it('sees a run deleted (lifecycle_stage in its meta.yaml)', async () => {
    const store = await indexed();
    const meta = join(runDir(FORECASTING, FINISHED), 'meta.yaml');
    setMetaField(meta, 'lifecycle_stage', 'deleted');
    expect((await store.refresh(pathsFor([meta]))).changedRunIds).toEqual([FINISHED]);
    expect((await listed(store)).get(FINISHED)?.info.lifecycleStage).toBe('deleted');
  });

  it('sees a run folder removed', async () => {
    const store = await indexed();
    const dir = runDir(FORECASTING, FINISHED);
    rmSync(dir, { recursive: true });
    expect(await store.refresh(pathsFor([dir]))).toEqual({
      changedRunIds: [],
      removedRunIds: [FINISHED],
      experimentIds: [FORECASTING],
      experimentsChanged: false,
    });
    expect((await listed(store)).has(FINISHED)).toBe(false);
  });

  it('sees an experiment moved to .trash: its runs are deleted', async () => {
    const store = await indexed();
    const runs = [...(await listed(store)).values()].filter((r) => r.info.experimentId === IRIS);
    const trashed = join(root, '.trash', IRIS);
    mkdirSync(join(root, '.trash'), { recursive: true });
    setMetaField(join(root, IRIS, 'meta.yaml'), 'lifecycle_stage', 'deleted');
    renameSync(join(root, IRIS), trashed);
    const result = await store.refresh(pathsFor([join(root, IRIS), trashed]));
    expect(result.experimentsChanged).toBe(true);
    expect(result.removedRunIds).toEqual([]);
    expect(result.experimentIds).toEqual([IRIS]);
    expect(result.changedRunIds.sort()).toEqual(
      runs
        .filter((r) => r.info.lifecycleStage === 'active')
        .map((r) => r.info.runId)
        .sort(),
    );
    const after = [...(await listed(store)).values()].filter((r) => r.info.experimentId === IRIS);
    expect(after.map((r) => r.info.lifecycleStage)).toEqual(runs.map(() => 'deleted'));
    // The cache followed the move: a new store reads nothing.
    const again = await openStore(root, { cacheDir });
    expect((await listed(again.store)).size).toBe((await listed(store)).size);
    expect(again.store.indexStats().runsRead).toBe(0);
  });

  it('sees an experiment renamed, with no run changed', async () => {
    const store = await indexed();
    const meta = join(root, IRIS, 'meta.yaml');
    setMetaField(meta, 'name', 'iris-renamed');
    expect(await store.refresh(pathsFor([meta]))).toEqual({
      changedRunIds: [],
      removedRunIds: [],
      experimentIds: [],
      experimentsChanged: true,
    });
    expect((await store.getExperiment(IRIS)).name).toBe('iris-renamed');
  });

  it('keeps what it learned: a new store on the cache reads nothing and sees the change', async () => {
    const store = await indexed();
    const dir = runDir(FORECASTING, RUNNING);
    logMetric(dir, 'loss', 0.25, 2000);
    await store.refresh(pathsFor([join(dir, 'metrics', 'loss')]));
    // Back-date what was written, so its fingerprint is not racy (see fingerprint.ts).
    utimesSync(
      join(dir, 'metrics', 'loss'),
      new Date(Date.now() - 3600_000),
      new Date(Date.now() - 3600_000),
    );
    await store.refresh(pathsFor([join(dir, 'metrics', 'loss')]));
    const again = await openStore(root, { cacheDir });
    expect((await listed(again.store)).get(RUNNING)?.data.metrics['loss']?.value).toBe(0.25);
    expect(again.store.indexStats().runsRead).toBe(0);
  });
});

describe('fingerprint precision', () => {
  it('sees a same-size rewrite whose old mtime was put back (cp -p, rsync -t): ctime differs', async () => {
    const store = await indexed();
    const path = join(runDir(FORECASTING, FINISHED), 'tags', 'model_type');
    const old = statSync(path);
    const value = readFileSync(path, 'utf8');
    writeFileSync(path, value.split('').reverse().join(''));
    utimesSync(path, old.atime, old.mtime);
    expect((await store.refresh()).changedRunIds).toEqual(
      value === value.split('').reverse().join('') ? [] : [FINISHED],
    );
  });

  it('re-reads a run written within the racy window until its files are older', async () => {
    const store = await indexed();
    const dir = runDir(FORECASTING, RUNNING);
    logMetric(dir, 'loss', 0.5, 3000);
    await store.refresh();
    const read = store.indexStats().runsRead;
    // Written a moment ago: not trusted, read again (and found unchanged: not reported).
    expect((await store.refresh()).changedRunIds).toEqual([]);
    expect(store.indexStats().runsRead).toBe(read + 1);
  });
});
