// Tests (not shipped code) read MLflow's real captures from disk; the purity rule is for runtime code.
// eslint-disable-next-line no-restricted-imports
import { readdirSync, readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  experimentFromJson,
  experimentsSearchJson,
  experimentToJson,
  floatToJson,
  loggedModelFromJson,
  loggedModelsSearchJson,
  loggedModelToJson,
  metricFromJson,
  metricHistoryJson,
  metricToJson,
  modelVersionFromJson,
  modelVersionsSearchJson,
  modelVersionToJson,
  registeredModelFromJson,
  registeredModelsSearchJson,
  registeredModelToJson,
  runFromJson,
  runsSearchJson,
  runToJson,
  type JsonObject,
} from './mlflowJson';
import type { Run } from './types';

const FIXTURES = resolve(import.meta.dirname, '../../test/fixtures');
const CAPTURE_DIRS = readdirSync(FIXTURES)
  .filter((v) => v.startsWith('mlflow-'))
  .flatMap((v) => ['rest', 'rest-filestore'].map((s) => join(v, s)));

function load(dir: string, file: string): JsonObject {
  return JSON.parse(readFileSync(join(FIXTURES, dir, file), 'utf8')) as JsonObject;
}

function files(dir: string, prefix: string): string[] {
  return readdirSync(join(FIXTURES, dir)).filter(
    (f) => f.startsWith(prefix) && f.endsWith('.json'),
  );
}

/**
 * FileStore servers add run_id to each metric (3.x runs/get and paged get-history): an input-only
 * field, dropped before comparing.
 */
function withoutMetricRunIds(json: JsonObject): JsonObject {
  const copy = structuredClone(json) as {
    data?: { metrics?: JsonObject[] };
    metrics?: JsonObject[];
  };
  for (const m of [...(copy.data?.metrics ?? []), ...(copy.metrics ?? [])]) delete m.run_id;
  return copy as JsonObject;
}

/** Byte-level comparison: same keys in the same order, same values. */
function expectSameJson(actual: unknown, expected: unknown): void {
  expect(JSON.stringify(actual, null, 2)).toBe(JSON.stringify(expected, null, 2));
}

describe.each(CAPTURE_DIRS)('round trip of the captures in %s', (dir) => {
  it('runs/get and runs/search: toJson(fromJson(x)) equals x, key order included', () => {
    let count = 0;
    for (const file of files(dir, 'runs-')) {
      const body = load(dir, file);
      const runs =
        (body.runs as JsonObject[] | undefined) ??
        (body.run === undefined ? [] : [body.run as JsonObject]);
      for (const json of runs) {
        const expected = withoutMetricRunIds(json);
        const outputs = 'outputs' in json;
        expectSameJson(runToJson(runFromJson(json), { outputs }), expected);
        count++;
      }
      if (file.startsWith('runs-search')) {
        const page = {
          runs: runs.map(runFromJson),
          nextPageToken: body.next_page_token as string | undefined,
        };
        const outputs = runs.some((r) => 'outputs' in r);
        const expected =
          body.runs === undefined ? body : { ...body, runs: runs.map(withoutMetricRunIds) };
        expectSameJson(runsSearchJson(page, { outputs }), expected);
      }
    }
    expect(count).toBeGreaterThan(20);
  });

  it('experiments: entity and search page round trip', () => {
    for (const file of files(dir, 'experiments-')) {
      const body = load(dir, file);
      if (body.experiment !== undefined)
        expectSameJson(experimentToJson(experimentFromJson(body.experiment)), body.experiment);
      if (body.experiments !== undefined) {
        const page = {
          experiments: (body.experiments as unknown[]).map(experimentFromJson),
          nextPageToken: body.next_page_token as string | undefined,
        };
        expectSameJson(experimentsSearchJson(page), body);
      }
    }
  });

  it('registered models and model versions round trip', () => {
    for (const file of [...files(dir, 'registered-models-'), ...files(dir, 'model-versions-')]) {
      const body = load(dir, file);
      if (body.registered_model !== undefined) {
        expectSameJson(
          registeredModelToJson(registeredModelFromJson(body.registered_model)),
          body.registered_model,
        );
      }
      if (body.registered_models !== undefined) {
        const page = {
          registeredModels: (body.registered_models as unknown[]).map(registeredModelFromJson),
          nextPageToken: body.next_page_token as string | undefined,
        };
        expectSameJson(registeredModelsSearchJson(page), body);
      }
      if (body.model_version !== undefined)
        expectSameJson(
          modelVersionToJson(modelVersionFromJson(body.model_version)),
          body.model_version,
        );
      if (body.model_versions !== undefined) {
        const page = {
          modelVersions: (body.model_versions as unknown[]).map(modelVersionFromJson),
        };
        expectSameJson(modelVersionsSearchJson(page), body);
      }
    }
  });

  it('metric histories round trip ("NaN", "Infinity" and clamped values included)', () => {
    for (const file of files(dir, 'metrics-get-history')) {
      const body = load(dir, file);
      const points = ((body.metrics as unknown[] | undefined) ?? []).map(metricFromJson);
      expectSameJson(
        metricHistoryJson(points, body.next_page_token as string | undefined),
        withoutMetricRunIds(body),
      );
    }
  });

  it('logged models round trip (MLflow 3)', () => {
    for (const file of files(dir, 'logged-models-')) {
      const body = load(dir, file);
      if (body.model !== undefined)
        expectSameJson(loggedModelToJson(loggedModelFromJson(body.model)), body.model);
      if (body.models !== undefined) {
        const page = {
          models: (body.models as unknown[]).map(loggedModelFromJson),
          nextPageToken: body.next_page_token as string | undefined,
        };
        expectSameJson(loggedModelsSearchJson(page), body);
      }
    }
  });
});

describe('number encoding', () => {
  it.each([
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
    [0.5, 0.5],
    [-0, -0],
    [1.7976931348623157e308, 1.7976931348623157e308],
  ])('floatToJson(%s) = %s', (input, expected) => {
    expect(floatToJson(input)).toBe(expected);
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
    [2.5, 2.5],
    ['7', 7],
  ])('metricFromJson reads value %s', (value, expected) => {
    expect(metricFromJson({ key: 'k', value, timestamp: '1717200000000', step: 3 })).toEqual({
      key: 'k',
      value: expected,
      timestamp: 1717200000000,
      step: 3,
    });
  });

  it('writes NaN as a string that survives JSON.stringify', () => {
    expect(JSON.stringify(metricToJson({ key: 'rmse', value: NaN, timestamp: 1, step: 0 }))).toBe(
      '{"key":"rmse","value":"NaN","timestamp":1,"step":0}',
    );
  });
});

describe('omitted fields and defaults', () => {
  const bare: Run = {
    info: {
      runId: 'abc',
      runName: '',
      experimentId: '0',
      userId: 'u',
      status: 'RUNNING',
      startTime: 5,
      endTime: null,
      artifactUri: '',
      lifecycleStage: 'active',
    },
    data: { metrics: {}, params: {}, tags: {} },
    inputs: { datasetInputs: [] },
    outputs: { modelOutputs: [] },
  };

  it('a run without anything optional keeps only required keys', () => {
    expect(runToJson(bare)).toEqual({
      info: {
        run_uuid: 'abc',
        experiment_id: '0',
        user_id: 'u',
        status: 'RUNNING',
        start_time: 5,
        lifecycle_stage: 'active',
        run_id: 'abc',
      },
      data: {},
      inputs: {},
      outputs: {},
    });
    expect(runToJson(bare, { outputs: false })).not.toHaveProperty('outputs');
    expect(runFromJson(runToJson(bare))).toEqual(bare);
  });

  it('an empty search page is {} (MLflow returns {} when nothing matched)', () => {
    expect(runsSearchJson({ runs: [] })).toEqual({});
    expect(experimentsSearchJson({ experiments: [] })).toEqual({});
    expect(registeredModelsSearchJson({ registeredModels: [] })).toEqual({});
    expect(modelVersionsSearchJson({ modelVersions: [] })).toEqual({});
    expect(metricHistoryJson([])).toEqual({});
  });

  it('reads run_uuid when run_id is absent and falls back to the mlflow.runName tag', () => {
    const run = runFromJson({
      info: { run_uuid: 'old', experiment_id: 3, status: 'FINISHED', start_time: '10' },
      data: { tags: [{ key: 'mlflow.runName', value: 'legacy' }] },
    });
    expect(run.info).toMatchObject({
      runId: 'old',
      runName: 'legacy',
      experimentId: '3',
      startTime: 10,
      endTime: null,
    });
    expect(run.inputs.datasetInputs).toEqual([]);
  });

  it('rejects an unknown run status and a non-object', () => {
    expect(() => runFromJson({ info: { status: 'WEIRD' } })).toThrow(/unknown run status 'WEIRD'/);
    expect(() => experimentFromJson([])).toThrow(/not an object/);
  });
});
