import { describe, expect, it } from 'vitest';
import type { LoadedExperiment } from './experiments';
import {
  assembleRun,
  decodeSummary,
  encodeSummary,
  metricsOf,
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
  ...metricsOf([
    { key: 'loss', value: 0.5, timestamp: 10, step: 3, min: 0.25, max: 2 },
    { key: 'mape', value: NaN, timestamp: 11, step: 4, min: -Infinity, max: Infinity },
    { key: '7', value: 1, timestamp: 12, step: 0, min: NaN, max: NaN },
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
  it('keep the latest point and the extremes of every metric, by key', () => {
    expect(summary.metrics['loss']).toEqual({ key: 'loss', value: 0.5, timestamp: 10, step: 3 });
    expect(summary.metricExtents).toEqual({
      loss: { min: 0.25, max: 2 },
      mape: { min: -Infinity, max: Infinity },
      '7': { min: NaN, max: NaN },
    });
  });

  it('go through the cache text unchanged, NaN and infinities included', () => {
    const text = encodeSummary(summary);
    expect(decodeSummary(text)).toEqual(summary);
    expect(encodeSummary(decodeSummary(text))).toBe(text);
  });

  it('read the cache text of earlier versions (metrics as [key, value, timestamp, step, min, max])', () => {
    const { metrics: _m, metricExtents: _e, ...rest } = summary;
    const earlier = JSON.stringify({
      ...rest,
      metrics: [['loss', 0.5, 10, 3, 0.25, 2]],
    });
    const decoded = decodeSummary(earlier);
    expect(decoded.ok && decoded.metrics).toEqual({
      loss: { key: 'loss', value: 0.5, timestamp: 10, step: 3 },
    });
    expect(decoded.ok && decoded.metricExtents).toEqual({ loss: { min: 0.25, max: 2 } });
  });

  it('assemble Runs that share their metrics, params and tags instead of copying them', () => {
    const run = assembleRun(summary, exp);
    expect(run.data.metrics).toBe(summary.metrics);
    expect(run.data.params).toBe(summary.params);
    expect(run.info).toMatchObject({ runId: 'r1', experimentId: '1', lifecycleStage: 'active' });
    expect(assembleRun({ ...summary, deletedInMeta: true }, exp).info.lifecycleStage).toBe(
      'deleted',
    );
  });
});
