/** Runs for the runs feature's unit tests. */
import type { Run } from '../../../shared/common/types';

export function testRun(
  runId: string,
  opts: {
    start?: number | null;
    end?: number | null;
    metrics?: Record<string, number>;
    params?: Record<string, string>;
    tags?: Record<string, string>;
    experimentId?: string;
  } = {},
): Run {
  return {
    info: {
      runId,
      runName: runId,
      experimentId: opts.experimentId ?? '1',
      userId: 'u',
      status: 'FINISHED',
      startTime: opts.start === undefined ? 0 : opts.start,
      endTime: opts.end === undefined ? 1 : opts.end,
      artifactUri: '',
      lifecycleStage: 'active',
    },
    data: {
      metrics: Object.fromEntries(
        Object.entries(opts.metrics ?? {}).map(([key, value]) => [
          key,
          { key, value, step: 0, timestamp: 0 },
        ]),
      ),
      params: opts.params ?? {},
      tags: opts.tags ?? {},
    },
    inputs: { datasetInputs: [] },
    outputs: { modelOutputs: [] },
  };
}
