/**
 * Bad input: paths that are not stores fail open() with STORE_UNREADABLE naming the path; broken parts of
 * a readable store are skipped, recorded in problems() with their absolute path, and the rest is read.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../../common/errors';
import { loadExperiments } from './experiments';
import { FileStore } from './FileStore';
import { IoLimiter, ProblemLog } from './io';
import { listRunDirs, readRun } from './runs';
import {
  experimentMeta,
  makeTempDir,
  removeDir,
  runMeta,
  writeTree,
} from '../../../../test/support/fileStoreTrees';
import { copyFixture } from '../../../../test/support/fileStoreCopies';

const GOOD = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const BAD = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

let root: string;
beforeEach(() => {
  root = makeTempDir();
});
afterEach(() => {
  removeDir(root);
});

async function openError(path: string): Promise<StoreError> {
  const err: unknown = await new FileStore(path).open().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(StoreError);
  return err as StoreError;
}

describe('open() on something that is not a store', () => {
  it('a missing path', async () => {
    const path = join(root, 'nope');
    const err = await openError(path);
    expect(err.code).toBe('STORE_UNREADABLE');
    expect(err.message).toContain(path);
    expect(err.message).toContain('does not exist');
  });

  it('a plain file', async () => {
    writeTree(root, { 'mlflow.txt': 'hello' });
    const path = join(root, 'mlflow.txt');
    const err = await openError(path);
    expect(err.code).toBe('STORE_UNREADABLE');
    expect(err.message).toContain(path);
    expect(err.message).toContain('is a file');
  });

  it('an empty folder', async () => {
    const err = await openError(root);
    expect(err.code).toBe('STORE_UNREADABLE');
    expect(err.message).toContain(root);
    expect(err.message).toContain('empty');
  });

  it('a folder of random files and folders', async () => {
    writeTree(root, { 'notes.txt': 'x', 'src/main.py': 'print(1)', 'data/1/file.csv': 'a' });
    const err = await openError(root);
    expect(err.code).toBe('STORE_UNREADABLE');
    expect(err.message).toContain(root);
    expect(err.message).toContain('not an MLflow tracking folder');
  });

  it('the project folder that holds mlruns: says which folder to open', async () => {
    writeTree(root, { 'mlruns/0/meta.yaml': experimentMeta('0', 'Default'), 'train.py': '' });
    const err = await openError(root);
    expect(err.message).toContain(join(root, 'mlruns'));
  });
});

describe('broken parts of a readable store', () => {
  beforeEach(() => {
    writeTree(root, {
      '1/meta.yaml': experimentMeta('1', 'exp'),
      [`1/${GOOD}/meta.yaml`]: runMeta(GOOD, '1'),
      [`1/${GOOD}/metrics/loss`]: '1717200000000 1.0 0\n',
    });
  });

  async function runsAndProblems(): Promise<{ store: FileStore; runIds: string[] }> {
    const store = new FileStore(root);
    await store.open();
    const runs = await store.listRuns(['1']);
    return { store, runIds: runs.map((r) => r.info.runId) };
  }

  it.each([
    [
      'truncated',
      'artifact_uri: file:///x\nend_time: 17172\nrun_id: bbb\nstatus: [3',
      'invalid YAML',
    ],
    ['empty', '', 'empty meta.yaml'],
    ['not a mapping', '- just\n- a list\n', 'not a mapping'],
  ])('a %s run meta.yaml', async (_what, text, message) => {
    writeTree(root, { [`1/${BAD}/meta.yaml`]: text });
    const { store, runIds } = await runsAndProblems();
    expect(runIds).toEqual([GOOD]);
    const [problem] = store.problems();
    expect(problem?.path).toBe(join(root, '1', BAD));
    expect(problem?.message).toContain(join(root, '1', BAD, 'meta.yaml'));
    expect(problem?.message).toContain(message);
    await expect(store.getRun(BAD)).rejects.toMatchObject({ code: 'STORE_UNREADABLE' });
  });

  it('a run folder without meta.yaml', async () => {
    writeTree(root, { [`1/${BAD}/params/p`]: '1' });
    const { store, runIds } = await runsAndProblems();
    expect(runIds).toEqual([GOOD]);
    expect(store.problems()).toEqual([
      { path: join(root, '1', BAD), message: expect.stringContaining('has no meta.yaml') },
    ]);
  });

  it('a metric file with garbage lines: good points kept, one problem naming path and line', async () => {
    writeTree(root, {
      [`1/${GOOD}/metrics/acc`]:
        '1717200000000 0.5 0\nnot a metric\n1717200001000 0.75 1\n\u0000\u0000\n',
    });
    const { store } = await runsAndProblems();
    const run = await store.getRun(GOOD);
    expect(run.data.metrics['acc']?.value).toBe(0.75);
    const path = join(root, '1', GOOD, 'metrics', 'acc');
    expect(store.problems()).toEqual([
      { path, message: expect.stringMatching(/lines 2, 4 of metric file .*acc/) },
    ]);
    expect(store.problems()[0]?.message).toContain(path);
  });

  it('a run folder entry that is a broken symlink', async () => {
    symlinkSync(join(root, 'gone-away'), join(root, '1', BAD));
    const { store, runIds } = await runsAndProblems();
    expect(runIds).toEqual([GOOD]);
    expect(store.problems().map((p) => p.path)).toEqual([join(root, '1', BAD)]);
  });

  it('a param file that is a broken symlink: the param is skipped, the run is kept', async () => {
    writeTree(root, { [`1/${GOOD}/params/ok`]: 'v' });
    symlinkSync(join(root, 'gone-away'), join(root, '1', GOOD, 'params', 'lost'));
    const { store, runIds } = await runsAndProblems();
    expect(runIds).toEqual([GOOD]);
    expect((await store.getRun(GOOD)).data.params).toEqual({ ok: 'v' });
    expect(store.problems().map((p) => p.path)).toEqual([join(root, '1', GOOD, 'params', 'lost')]);
  });

  it('a run folder deleted between listing and reading', async () => {
    writeTree(root, { [`1/${BAD}/meta.yaml`]: runMeta(BAD, '1') });
    const io = new IoLimiter();
    const problems = new ProblemLog();
    const [exp] = await loadExperiments(io, root, problems);
    if (!exp) throw new Error('no experiment');
    const dirs = await listRunDirs(io, exp.dir);
    rmSync(join(root, '1', BAD), { recursive: true });
    const ctx = { io, problems, datasets: new Map() };
    const results = await Promise.allSettled(dirs.map((d) => readRun(ctx, exp, d)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
    const reason = (results[1] as PromiseRejectedResult).reason as Error;
    expect(reason.message).toContain(join(root, '1', BAD));
  });

  it('an invalid experiment meta.yaml: that experiment is skipped, the others are read', async () => {
    writeTree(root, {
      '2/meta.yaml': 'name: [unclosed',
      [`2/${BAD}/meta.yaml`]: runMeta(BAD, '2'),
    });
    const store = new FileStore(root);
    await store.open();
    expect((await store.listExperiments()).map((e) => e.experimentId)).toEqual(['1']);
    expect(store.problems().map((p) => p.path)).toEqual([join(root, '2', 'meta.yaml')]);
    await expect(store.getExperiment('2')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an id-named experiment folder without meta.yaml is recorded; other folders are ignored', async () => {
    writeTree(root, { '3/x': '', 'notes/readme.txt': '' });
    const store = new FileStore(root);
    await store.open();
    expect((await store.listExperiments()).map((e) => e.experimentId)).toEqual(['1']);
    expect(store.problems().map((p) => p.path)).toEqual([join(root, '3', 'meta.yaml')]);
  });

  it('a dataset input whose dataset is missing, and a broken registry version', async () => {
    writeTree(root, {
      [`1/${GOOD}/inputs/i1/meta.yaml`]:
        'source_id: nothere\nsource_type: DATASET\ndestination_type: RUN\ntags: {}\n',
      'models/m/meta.yaml': 'name: m\n',
      'models/m/version-1/meta.yaml': 'name: m\nversion: 1\ncurrent_stage: None\nsource: s\n',
      'models/m/version-2/meta.yaml': 'version: [2',
    });
    const store = new FileStore(root);
    await store.open();
    expect((await store.getRun(GOOD)).inputs.datasetInputs).toEqual([]);
    expect((await store.listModelVersions()).map((v) => v.version)).toEqual(['1']);
    expect(
      store
        .problems()
        .map((p) => p.path)
        .sort(),
    ).toEqual(
      [
        join(root, '1', 'datasets', 'nothere', 'meta.yaml'),
        join(root, 'models', 'm', 'version-2', 'meta.yaml'),
      ].sort(),
    );
  });

  it('reports each broken part once, however often it is read', async () => {
    writeTree(root, { [`1/${BAD}/meta.yaml`]: '' });
    const { store } = await runsAndProblems();
    await store.listRuns(['1']);
    await store.listRuns(['1']);
    expect(store.problems()).toHaveLength(1);
  });
});

describe('read-only', () => {
  function snapshot(dir: string): string {
    const hash = createHash('sha256');
    const walk = (d: string): void => {
      for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) =>
        a.name < b.name ? -1 : 1,
      )) {
        const p = join(d, e.name);
        hash.update(p);
        if (e.isDirectory()) walk(p);
        else if (e.isFile()) hash.update(readFileSync(p));
      }
    };
    walk(dir);
    return hash.digest('hex');
  }

  it('writes nothing into the store, whatever is called', async () => {
    writeTree(root, {
      '1/meta.yaml': experimentMeta('1', 'exp'),
      [`1/${GOOD}/meta.yaml`]: runMeta(GOOD, '1'),
      [`1/${GOOD}/metrics/loss`]: '1717200000000 1.0 0\ngarbage\n',
      [`1/${GOOD}/artifacts/a.txt`]: 'a',
      [`1/${BAD}/meta.yaml`]: '',
      'models/m/meta.yaml': 'name: m\n',
    });
    const before = snapshot(root);
    const store = new FileStore(root);
    await store.open();
    await store.listExperiments();
    await store.listRuns(['1']);
    await store.getRun(GOOD);
    await store.getMetricHistory(GOOD, 'loss');
    await store.listArtifacts(GOOD, '');
    await store.readArtifact(GOOD, 'a.txt', 10);
    await store.listRegisteredModels();
    await store.listModelVersions();
    await store.listLoggedModels();
    await store.listTraces();
    await store.close();
    expect(snapshot(root)).toBe(before);
  });
});

describe('trace data that is not there or not JSON', () => {
  it('is null when traces.json is missing, and STORE_UNREADABLE naming the file when garbage', async () => {
    const copy = copyFixture('mlflow-3.1.2.dev0');
    try {
      const store = new FileStore(copy);
      await store.open();
      const [first, second] = await store.listTraces();
      if (!first || !second) throw new Error('the fixture has traces');
      const fileOf = (traceId: string): string => {
        for (const exp of readdirSync(copy).filter((n) => /^\d+$/.test(n))) {
          const path = join(copy, exp, 'traces', traceId, 'artifacts', 'traces.json');
          if (existsSync(path)) return path;
        }
        throw new Error(`no traces.json for ${traceId}`);
      };
      const garbage = fileOf(first.traceId);
      writeFileSync(garbage, '{"spans": [');
      await expect(store.getTraceData(first.traceId)).rejects.toMatchObject({
        code: 'STORE_UNREADABLE',
        message: expect.stringContaining(`Trace data ${garbage} is not valid JSON`),
      });
      rmSync(fileOf(second.traceId));
      expect(await store.getTraceData(second.traceId)).toBeNull();
      // A trace whose tag points at another trace's artifacts: an unreadable traces.json there is
      // named by its own path, not by the trace's folder.
      const elsewhere = dirname(fileOf(first.traceId));
      rmSync(garbage);
      mkdirSync(garbage);
      const [third] = (await store.listTraces()).filter(
        (t) => t.traceId !== first.traceId && t.traceId !== second.traceId,
      );
      if (!third) throw new Error('the fixture has three traces');
      const thirdDir = dirname(dirname(fileOf(third.traceId)));
      rmSync(join(thirdDir, 'artifacts'), { recursive: true });
      writeFileSync(join(thirdDir, 'tags', 'mlflow.artifactLocation'), `file://${elsewhere}`);
      await expect(store.getTraceData(third.traceId)).rejects.toMatchObject({
        code: 'STORE_UNREADABLE',
        message: expect.stringContaining(garbage),
      });
      await store.close();
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
