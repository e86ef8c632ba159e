import { describe, expect, it } from 'vitest';
import type { LoadedExperiment } from './experiments';
import {
  assembleRun,
  decodeSummary,
  encodeSummary,
  StringPool,
  keptSummary,
  latestMetrics,
  latestValue,
  packLatest,
  type RunSummaryOk,
} from './runSummary';

const summary: RunSummaryOk = {
  ok: true,
  info: {
    runId: 'r1',
    runName: 'one',
    userId: 'u',
    status: 'FINISHED',
    startTime: 1,
    endTime: 2,
    artifactUri: 'file:///a',
  },
  deletedInMeta: false,
  params: { lr: '0.1' },
  tags: { t: 'x' },
  ...packLatest([
    { key: 'loss', value: 0.5, timestamp: 10, step: 3 },
    { key: 'mape', value: NaN, timestamp: 11, step: 4 },
    { key: '7', value: -Infinity, timestamp: 12, step: 0 },
    { key: 'loss', value: 0.25, timestamp: 13, step: 5 },
  ]),
  datasetInputs: [],
  modelOutputs: [],
  problems: [],
};

const exp = {
  dir: '/s/1',
  folderName: '1',
  inTrash: false,
  experiment: { experimentId: '1', lifecycleStage: 'active' },
} as unknown as LoadedExperiment;

describe('run summaries', () => {
  it('keep the latest point of every metric, by key (the last file of a key wins)', () => {
    expect(summary.metricKeys).toEqual(['loss', 'mape', '7']);
    expect(latestValue(summary, 'loss')).toBe(0.25);
    expect(latestValue(summary, 'mape')).toBeNaN();
    expect(latestValue(summary, 'accuracy')).toBeUndefined();
    expect(latestMetrics(summary)).toEqual({
      loss: { key: 'loss', value: 0.25, timestamp: 13, step: 5 },
      mape: { key: 'mape', value: NaN, timestamp: 11, step: 4 },
      '7': { key: '7', value: -Infinity, timestamp: 12, step: 0 },
    });
  });

  it('go through the cache text unchanged, NaN and infinities included', () => {
    const text = encodeSummary(summary);
    expect(decodeSummary(text)).toEqual(summary);
    expect(encodeSummary(decodeSummary(text))).toBe(text);
  });

  it('read the cache text of earlier versions, whose metrics also held the min and max', () => {
    const { metricKeys: _k, metricPoints: _p, ...rest } = summary;
    const earlier = JSON.stringify({ ...rest, metrics: [['loss', 0.5, 10, 3, 0.25, 'Infinity']] });
    const decoded = decodeSummary(earlier);
    expect(decoded.ok && latestMetrics(decoded)).toEqual({
      loss: { key: 'loss', value: 0.5, timestamp: 10, step: 3 },
    });
  });

  it('write the cache text of earlier versions, fields in the same order', () => {
    expect(encodeSummary(summary)).toBe(
      '{"ok":true,"info":{"runId":"r1","runName":"one","userId":"u","status":"FINISHED",' +
        '"startTime":1,"endTime":2,"artifactUri":"file:///a"},"deletedInMeta":false,' +
        '"params":{"lr":"0.1"},"tags":{"t":"x"},"metrics":[["loss",0.25,13,5],["mape","NaN",11,4],' +
        '["7","-Infinity",12,0]],"datasetInputs":[],"modelOutputs":[],"problems":[]}',
    );
  });

  it('share one string a metric key and keep points unboxed, whatever the message held', () => {
    const keys = new StringPool();
    const a = keptSummary(decodeSummary(encodeSummary(summary)), keys);
    const b = keptSummary(structuredClone(summary), keys);
    if (!a.ok || !b.ok) throw new Error('not ok');
    expect(a.metricKeys[0]).toBe(b.metricKeys[0]);
    expect(b.metricPoints).toEqual(summary.metricPoints);
    expect(latestMetrics(b)).toEqual(latestMetrics(summary));
  });

  it('assemble Runs that share their params and tags instead of copying them', () => {
    const run = assembleRun(summary, exp);
    expect(run.data.metrics).toEqual(latestMetrics(summary));
    expect(run.data.params).toBe(summary.params);
    expect(run.info).toMatchObject({ runId: 'r1', experimentId: '1', lifecycleStage: 'active' });
    expect(assembleRun({ ...summary, deletedInMeta: true }, exp).info.lifecycleStage).toBe(
      'deleted',
    );
  });
});
