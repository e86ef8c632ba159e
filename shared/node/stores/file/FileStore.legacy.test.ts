/**
 * FileStore on synthetic stores in the layouts of older MLflow versions and of odd real-world folders
 * (written to a temp dir by each test).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore } from './FileStore';
import {
  experimentMeta,
  makeTempDir,
  removeDir,
  runMeta,
  writeTree,
} from '../../../../test/support/fileStoreTrees';

const RUN_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const RUN_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

let root: string;
beforeEach(() => {
  root = makeTempDir();
});
afterEach(() => {
  removeDir(root);
});

async function openStore(): Promise<FileStore> {
  const store = new FileStore(root);
  await store.open();
  return store;
}

describe('MLflow 0.1–0.4 layout', () => {
  beforeEach(() => {
    writeTree(root, {
      '0/meta.yaml': 'artifact_location: /Users/jules/mlruns/0\nexperiment_id: 0\nname: Default\n',
      [`0/${RUN_A}/meta.yaml`]: [
        `artifact_uri: /Users/jules/mlruns/0/${RUN_A}/artifacts`,
        'end_time: 1530055078175',
        "entry_point_name: ''",
        'experiment_id: 0',
        'name: Run 1',
        `run_uuid: ${RUN_A}`,
        'source_name: /Users/jules/train.py',
        'source_type: 4',
        'source_version: cf69a55a',
        'start_time: 1530055077203',
        'status: 4',
        'tags: []',
        'user_id: jules',
        '',
      ].join('\n'),
      [`0/${RUN_A}/params/drop_rate`]: '0.2\n',
      [`0/${RUN_A}/params/epochs`]: '20\n',
      [`0/${RUN_A}/metrics/acc`]: '1530055077 0.5\n1530055078 0.75\n',
      [`0/${RUN_A}/artifacts/model.txt`]: 'weights',
    });
  });

  it('reads an int experiment id, no lifecycle_stage and no times', async () => {
    const store = await openStore();
    expect(await store.listExperiments()).toEqual([
      {
        experimentId: '0',
        name: 'Default',
        artifactLocation: '/Users/jules/mlruns/0',
        lifecycleStage: 'active',
        creationTime: null,
        lastUpdateTime: null,
        tags: {},
      },
    ]);
  });

  it('takes the run name from `name:`, the id from run_uuid, and strips the one newline 0.x params carry', async () => {
    const store = await openStore();
    const [run] = await store.listRuns(['0']);
    expect(run?.info).toEqual({
      runId: RUN_A,
      runName: 'Run 1',
      experimentId: '0',
      userId: 'jules',
      status: 'FAILED',
      startTime: 1530055077203,
      endTime: 1530055078175,
      artifactUri: `/Users/jules/mlruns/0/${RUN_A}/artifacts`,
      lifecycleStage: 'active',
    });
    expect(run?.data.params).toEqual({ drop_rate: '0.2', epochs: '20' });
  });

  it('reads 2-column metric lines in seconds as step 0, milliseconds', async () => {
    const store = await openStore();
    const run = await store.getRun(RUN_A);
    expect(run.data.metrics['acc']).toEqual({
      key: 'acc',
      value: 0.75,
      timestamp: 1530055078000,
      step: 0,
    });
    expect((await store.getMetricHistory(RUN_A, 'acc')).map((p) => p.timestamp)).toEqual([
      1530055077000, 1530055078000,
    ]);
  });

  it('finds artifacts in the run folder when the stored path is on another machine', async () => {
    const store = await openStore();
    expect(await store.listArtifacts(RUN_A, '')).toEqual([
      { path: 'model.txt', isDir: false, fileSize: 7 },
    ]);
  });
});

describe('MLflow 1.x layout', () => {
  it("takes the run name from tags/mlflow.runName when meta has name: ''", async () => {
    writeTree(root, {
      '1/meta.yaml':
        "artifact_location: ./mlruns/1\nexperiment_id: '1'\nlifecycle_stage: active\nname: exp-one\n",
      [`1/${RUN_A}/meta.yaml`]: runMeta(RUN_A, '1', {
        name: "''",
        run_uuid: RUN_A,
        run_name: null,
      }),
      [`1/${RUN_A}/tags/mlflow.runName`]: 'bright-owl-7',
      [`1/${RUN_A}/params/text`]: 'ends with a newline\n',
      [`1/${RUN_A}/metrics/loss`]: '1717200000000 1.0 0\n1717200001000 0.5 1\n',
    });
    const store = await openStore();
    const run = await store.getRun(RUN_A);
    expect(run.info.runName).toBe('bright-owl-7');
    expect(run.info.experimentId).toBe('1');
    // From 0.5 on the file holds the raw value: its own trailing newline is part of it.
    expect(run.data.params['text']).toBe('ends with a newline\n');
    expect(run.data.metrics['loss']?.step).toBe(1);
  });
});

describe('odd but valid stores', () => {
  it('reads CRLF meta.yaml, metric and tag files', async () => {
    writeTree(root, {
      '3/meta.yaml': experimentMeta('3', 'windows').replace(/\n/g, '\r\n'),
      [`3/${RUN_A}/meta.yaml`]: runMeta(RUN_A, '3').replace(/\n/g, '\r\n'),
      [`3/${RUN_A}/metrics/loss`]: '1717200000000 1.0 0\r\n1717200001000 0.5 1\r\n',
      [`3/${RUN_A}/tags/note`]: 'line one\r\nline two',
    });
    const store = await openStore();
    const [exp] = await store.listExperiments();
    expect(exp?.name).toBe('windows');
    const run = await store.getRun(RUN_A);
    expect(run.info.status).toBe('FINISHED');
    expect(run.info.runName).toBe(`name-${RUN_A}`);
    expect(run.data.metrics['loss']?.value).toBe(0.5);
    expect(run.data.tags['note']).toBe('line one\r\nline two');
    expect(store.problems()).toEqual([]);
  });

  it('treats an experiment in .trash as deleted, with its runs, even when meta.yaml says active', async () => {
    writeTree(root, {
      '0/meta.yaml': experimentMeta('0', 'Default'),
      '.trash/5/meta.yaml': experimentMeta('5', 'gone', 'active'),
      [`.trash/5/${RUN_A}/meta.yaml`]: runMeta(RUN_A, '5'),
    });
    const store = await openStore();
    expect((await store.getExperiment('5')).lifecycleStage).toBe('deleted');
    expect((await store.getRun(RUN_A)).info.lifecycleStage).toBe('deleted');
    expect((await store.listRuns(['5'])).map((r) => r.info.lifecycleStage)).toEqual(['deleted']);
  });

  it('skips stray files and reserved folders in experiment folders silently, and works without Default', async () => {
    writeTree(root, {
      '.DS_Store': 'x',
      'README.md': '# my runs',
      '7/meta.yaml': experimentMeta('7', 'only-one'),
      '7/README.md': 'notes',
      '7/runs.csv': 'a,b\n',
      '7/tags/team': 'a',
      '7/datasets/abc/meta.yaml': 'digest: x\nname: d\nsource: "{}"\nsource_type: code\n',
      '7/models/m-0123/meta.yaml': "model_id: m-0123\nname: m\nexperiment_id: '7'\nstatus: 1\n",
      '7/traces/tr-1/trace_info.yaml':
        'request_id: tr-1\ntimestamp_ms: 1700000000000\nexecution_time_ms: 5\nstatus: OK\n',
      '7/.ipynb_checkpoints/x': '',
      [`7/${RUN_A}/meta.yaml`]: runMeta(RUN_A, '7'),
      [`7/${RUN_B}/meta.yaml`]: runMeta(RUN_B, '7', { status: 'KILLED' }),
    });
    const store = await openStore();
    expect((await store.listExperiments()).map((e) => e.experimentId)).toEqual(['7']);
    const runs = await store.listRuns(['7']);
    expect(runs.map((r) => [r.info.runId, r.info.status])).toEqual([
      [RUN_A, 'FINISHED'],
      [RUN_B, 'KILLED'],
    ]);
    expect(store.problems()).toEqual([]);
    expect((await store.listLoggedModels()).map((m) => [m.modelId, m.status])).toEqual([
      ['m-0123', 'LOGGED_MODEL_PENDING'],
    ]);
    const traces = await store.listTraces(['7']);
    expect(traces).toEqual([
      {
        traceId: 'tr-1',
        experimentId: '7',
        requestTime: 1700000000000,
        executionDurationMs: 5,
        state: 'OK',
        requestPreview: null,
        responsePreview: null,
        requestMetadata: {},
        tags: {},
      },
    ]);
    expect(await store.getTraceData('tr-1')).toBeNull();
  });

  it('takes experiment tags from tags/ files, not a stale inline map, and keeps quoted names', async () => {
    writeTree(root, {
      '4/meta.yaml':
        "artifact_location: x\nexperiment_id: 4\nlifecycle_stage: active\nname: 'a: quoted name'\ntags:\n  team: stale\n  gone: yes\n",
      '4/tags/team': 'fresh',
      '4/tags/nested/key': 'v',
    });
    const store = await openStore();
    const exp = await store.getExperiment('4');
    expect(exp.name).toBe('a: quoted name');
    expect(exp.tags).toEqual({ team: 'fresh', 'nested/key': 'v' });
  });

  it('reads nested slash keys, multi-line and empty values', async () => {
    writeTree(root, {
      '1/meta.yaml': experimentMeta('1', 'e'),
      [`1/${RUN_A}/meta.yaml`]: runMeta(RUN_A, '1', { status: '1', end_time: 'null' }),
      [`1/${RUN_A}/params/a/b/c`]: 'deep',
      [`1/${RUN_A}/params/multi`]: 'one\ntwo\n',
      [`1/${RUN_A}/params/empty`]: '',
      [`1/${RUN_A}/metrics/train/loss`]: '1717200000000 2 0\n',
      [`1/${RUN_A}/metrics/empty`]: '',
    });
    const store = await openStore();
    const run = await store.getRun(RUN_A);
    expect(run.info.status).toBe('RUNNING');
    expect(run.info.endTime).toBeNull();
    expect(run.data.params).toEqual({ 'a/b/c': 'deep', multi: 'one\ntwo\n', empty: '' });
    expect(Object.keys(run.data.metrics)).toEqual(['train/loss']);
    expect(await store.getMetricHistory(RUN_A, 'train/loss')).toEqual([
      { key: 'train/loss', value: 2, timestamp: 1717200000000, step: 0 },
    ]);
    expect(await store.getMetricHistory(RUN_A, 'empty')).toEqual([]);
    expect(await store.getMetricHistory(RUN_A, '../meta.yaml')).toEqual([]);
  });

  it('opens a store that holds only a model registry', async () => {
    writeTree(root, {
      'models/m/meta.yaml':
        'name: m\ndescription: null\ncreation_timestamp: 1\nlast_updated_timestamp: 2\n',
      'models/m/version-1/meta.yaml':
        "name: m\nversion: 1\ncurrent_stage: Staging\nsource: s\nrun_id: ''\nstatus: READY\n",
      'models/m/version-2/meta.yaml':
        'name: m\nversion: 2\ncurrent_stage: Deleted_Internal\nsource: s\nstatus: READY\n',
      'models/m/version-10/meta.yaml':
        'name: m\nversion: 10\ncurrent_stage: Staging\nsource: s\nstatus: READY\n',
      'models/m/aliases/best': '1',
    });
    const store = await openStore();
    expect(await store.listExperiments()).toEqual([]);
    const [model] = await store.listRegisteredModels();
    expect(model?.latestVersions.map((v) => v.version)).toEqual(['10']);
    const versions = await store.listModelVersions();
    expect(versions.map((v) => [v.version, v.aliases, v.runId])).toEqual([
      ['1', ['best'], null],
      ['10', [], null],
    ]);
  });
});
