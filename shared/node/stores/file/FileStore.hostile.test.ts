/**
 * Regression tests for hostile stores (issue 11, part 1), on a temp copy of the 2.12 fixture: things a
 * store folder can hold that MLflow never writes there — FIFOs, symlinks out of the store, link loops.
 * Every case must answer (no hang), report the part it refused in problems(), and keep the intact runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore } from './FileStore';
import { copyFixture, fixtureIds } from '../../../../test/support/fileStoreCopies';

const VERSION = 'mlflow-2.12.2.dev0';
const IDS = fixtureIds(VERSION);
const RUN_ID = IDS.runs['iris-0'] as string;
const EXP_ID = IDS.experiments.iris as string;

let root: string;
let runDir: string;
let store: FileStore | undefined;

beforeEach(() => {
  root = copyFixture(VERSION);
  runDir = join(root, EXP_ID, RUN_ID);
});
afterEach(async () => {
  await store?.close();
  store = undefined;
  rmSync(dirname(root), { recursive: true, force: true });
});

function mkfifo(path: string): void {
  rmSync(path, { force: true });
  execFileSync('mkfifo', [path]);
}

async function opened(): Promise<FileStore> {
  store = new FileStore(root);
  await store.open();
  return store;
}

async function allRunIds(s: FileStore): Promise<string[]> {
  const exps = await s.listExperiments();
  return (await s.listRuns(exps.map((e) => e.experimentId))).map((r) => r.info.runId);
}

describe('FIFOs in a store are never opened for a blocking read (defect 1)', () => {
  it('a FIFO as a run meta.yaml: that run is skipped with its reason, the others are listed', async () => {
    const intact = await allRunIds(await opened());
    await store?.close();
    mkfifo(join(runDir, 'meta.yaml'));
    const s = await opened();
    const ids = await allRunIds(s);
    expect(ids.sort()).toEqual(intact.filter((id) => id !== RUN_ID).sort());
    const problem = s.problems().find((p) => p.path.startsWith(runDir));
    expect(problem?.message).toMatch(/not a regular file/);
  }, 20_000);

  it('a FIFO as a metric file: run listing and metric history both answer', async () => {
    mkfifo(join(runDir, 'metrics', 'loss'));
    const s = await opened();
    const run = (await s.listRuns([EXP_ID])).find((r) => r.info.runId === RUN_ID);
    expect(run && Object.keys(run.data.metrics)).not.toContain('loss');
    expect(run && Object.keys(run.data.metrics)).toContain('accuracy');
    await expect(s.getMetricHistory(RUN_ID, 'loss')).rejects.toThrow(/not a regular file/);
    expect(s.problems().map((p) => p.path)).toContain(join(runDir, 'metrics', 'loss'));
  }, 20_000);

  it('five reads of a FIFO artifact are refused at once and do not block other reads', async () => {
    mkdirSync(join(runDir, 'artifacts', 'pipe'));
    mkfifo(join(runDir, 'artifacts', 'pipe', 'fifo'));
    const s = await opened();
    const reads = await Promise.allSettled(
      Array.from({ length: 5 }, () => s.readArtifact(RUN_ID, 'pipe/fifo', 1024)),
    );
    for (const r of reads) {
      expect(r.status).toBe('rejected');
      expect(String((r as PromiseRejectedResult).reason)).toMatch(/not a regular file/);
    }
    expect((await s.getRun(RUN_ID)).info.runId).toBe(RUN_ID);
  }, 20_000);
});

describe('symlinks inside mlruns are never followed (defects 2 and 9)', () => {
  it('metrics/rootlink -> / : listing answers at once, one problem, no key from outside', async () => {
    symlinkSync('/', join(runDir, 'metrics', 'rootlink'));
    symlinkSync('/etc', join(runDir, 'params', 'etc'));
    const s = await opened();
    const run = (await s.listRuns([EXP_ID])).find((r) => r.info.runId === RUN_ID);
    expect(Object.keys(run?.data.metrics ?? {})).toContain('accuracy');
    expect(Object.keys(run?.data.metrics ?? {}).some((k) => k.startsWith('rootlink'))).toBe(false);
    expect(Object.keys(run?.data.params ?? {}).some((k) => k.startsWith('etc'))).toBe(false);
    const paths = s.problems().map((p) => p.path);
    expect(paths.sort()).toEqual(
      [join(runDir, 'metrics', 'rootlink'), join(runDir, 'params', 'etc')].sort(),
    );
    expect(s.problems()[0]?.message).toMatch(/symbolic link, not followed/);
    await expect(s.getMetricHistory(RUN_ID, 'rootlink/etc/passwd')).rejects.toThrow(/not followed/);
    await expect(s.getMetricHistory(RUN_ID, 'rootlink')).rejects.toThrow(/ELOOP|not followed/);
  }, 20_000);

  it('a metrics/ folder that is a link is not read through', async () => {
    rmSync(join(runDir, 'metrics'), { recursive: true });
    symlinkSync('/etc', join(runDir, 'metrics'));
    const s = await opened();
    const run = (await s.listRuns([EXP_ID])).find((r) => r.info.runId === RUN_ID);
    expect(run?.data.metrics).toEqual({});
    await expect(s.getMetricHistory(RUN_ID, 'passwd')).rejects.toThrow(/not followed/);
    expect(s.problems().map((p) => p.path)).toEqual([join(runDir, 'metrics')]);
  }, 20_000);

  it('a run folder swapped for a link after its metrics were read is not read through', async () => {
    const s = await opened();
    expect((await s.getMetricHistory(RUN_ID, 'accuracy')).length).toBeGreaterThan(0);
    const elsewhere = join(dirname(root), 'moved-run');
    renameSync(runDir, elsewhere);
    symlinkSync(elsewhere, runDir);
    await expect(s.getMetricHistory(RUN_ID, 'accuracy')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(s.getMetricSeries(RUN_ID, 'accuracy', { buckets: 10 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    rmSync(runDir);
    renameSync(elsewhere, runDir);
    expect((await s.getMetricHistory(RUN_ID, 'accuracy')).length).toBeGreaterThan(0);
    rmSync(runDir, { recursive: true });
    await expect(s.getMetricHistory(RUN_ID, 'accuracy')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  }, 20_000);

  it('selfloop -> . , a linked run folder and metrics/up -> .. : no phantom, no duplicate, no flood', async () => {
    const intact = await allRunIds(await opened());
    await store?.close();
    const expDir = join(root, EXP_ID);
    symlinkSync('.', join(expDir, 'selfloop'));
    symlinkSync(runDir, join(expDir, 'linkedrun'));
    symlinkSync('..', join(runDir, 'metrics', 'up'));
    symlinkSync('.', join(root, 'rootloop'));
    const s = await opened();
    const ids = await allRunIds(s);
    expect(ids.sort()).toEqual([...intact].sort());
    await expect(s.getRun('linkedrun')).rejects.toThrow();
    await expect(s.getRun('selfloop')).rejects.toThrow();
    expect(
      s
        .problems()
        .map((p) => p.path)
        .sort(),
    ).toEqual(
      [
        join(expDir, 'linkedrun'),
        join(expDir, 'selfloop'),
        join(runDir, 'metrics', 'up'),
        join(root, 'rootloop', 'meta.yaml'),
      ].sort(),
    );
  }, 20_000);
});
