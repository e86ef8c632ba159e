/**
 * The search grammar against MLflow's own answers: every captured search request is replayed over
 * the captured universe (all runs of experiment 1, all experiments, all registered models, all
 * versions) and must give the same objects in the same order, with the same page tokens.
 */
// Tests (not shipped code) read MLflow's real captures from disk; the purity rule is for runtime code.
// eslint-disable-next-line no-restricted-imports
import { readdirSync, readFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../errors';
import {
  experimentFromJson,
  modelVersionFromJson,
  registeredModelFromJson,
  runFromJson,
  type JsonObject,
} from '../mlflowJson';
import type { Run, ViewType } from '../types';
import {
  searchExperiments,
  searchModelVersions,
  searchRegisteredModels,
  searchRuns,
} from './index';

const FIXTURES = resolve(import.meta.dirname, '../../../test/fixtures');
const CAPTURE_DIRS = readdirSync(FIXTURES)
  .filter((v) => v.startsWith('mlflow-'))
  .flatMap((v) => ['rest', 'rest-filestore'].map((s) => join(v, s)));

interface Capture {
  file: string;
  method: string;
  query: Record<string, string | number>;
  body: Record<string, unknown> | null;
  status: number;
}

/** The request's parameters, whether sent as a query string (GET) or a JSON body (POST). */
interface Request {
  experiment_ids?: string[];
  filter?: string;
  order_by?: string[] | string;
  max_results?: number;
  page_token?: string;
  view_type?: ViewType;
  run_view_type?: ViewType;
}

function load(dir: string, file: string): JsonObject {
  return JSON.parse(readFileSync(join(FIXTURES, dir, file), 'utf8')) as JsonObject;
}

function captures(dir: string, prefix: string): Capture[] {
  return (load(dir, 'index.json') as unknown as Capture[]).filter(
    (c) => c.file.startsWith(prefix) && c.file.endsWith('.json'),
  );
}

function request(c: Capture): Request {
  return (c.body ?? c.query) as Request;
}

function query(r: Request): {
  filter?: string;
  orderBy?: string[];
  maxResults?: number;
  pageToken?: string;
} {
  const orderBy =
    r.order_by === undefined ? undefined : Array.isArray(r.order_by) ? r.order_by : [r.order_by];
  return {
    filter: r.filter,
    orderBy,
    maxResults: r.max_results === undefined ? undefined : Number(r.max_results),
    pageToken: r.page_token,
  };
}

function inView<T extends { lifecycleStage: string }>(
  view: ViewType | undefined,
  item: T,
): boolean {
  if (view === 'ALL') return true;
  return item.lifecycleStage === (view === 'DELETED_ONLY' ? 'deleted' : 'active');
}

const runIds = (runs: unknown): string[] =>
  ((runs as JsonObject[] | undefined) ?? []).map((r) => runFromJson(r).info.runId);

describe.each(CAPTURE_DIRS)('MLflow search answers in %s', (dir) => {
  const universe = ((load(dir, 'runs-search.all_exp1_view_all.json').runs as unknown[]) ?? []).map(
    runFromJson,
  );
  const exp1 = universe[0]?.info.experimentId ?? '';
  const runRequests = captures(dir, 'runs-search').filter((c) => {
    const ids = request(c).experiment_ids;
    return ids?.length === 1 && ids[0] === exp1;
  });

  it('has the universe and requests to replay', () => {
    expect(universe.length).toBeGreaterThan(10);
    expect(runRequests.map((c) => c.file).sort()).toEqual([
      'runs-search.all_exp1_view_all.json',
      'runs-search.children_of_parent.json',
      'runs-search.default_view.json',
    ]);
  });

  it.each(runRequests.map((c) => [c.file, c] as const))('runs: %s', (file, c) => {
    const r = request(c);
    const runs = universe.filter((run) => inView(r.run_view_type, run.info));
    const expected = load(dir, file);
    const page = searchRuns(runs, query(r));
    expect(page.runs.map((run) => run.info.runId)).toEqual(runIds(expected.runs));
    expect(page.nextPageToken).toBe(expected.next_page_token);
  });

  it('runs: page1 / page2 over experiments 1 and 2 (MLflow tokens accepted)', () => {
    // Experiment 2's runs are known only from the captures that return them; enough for these pages.
    const exp2: Run[] = [];
    for (const file of [
      'runs-search.params_filter.json',
      'runs-search.status_failed.json',
      'runs-search.page1.json',
      'runs-search.page2.json',
    ]) {
      for (const json of (load(dir, file).runs as unknown[] | undefined) ?? []) {
        const run = runFromJson(json);
        if (run.info.experimentId !== exp1 && !exp2.some((x) => x.info.runId === run.info.runId))
          exp2.push(run);
      }
    }
    const runs = [...universe, ...exp2].filter((run) => inView(undefined, run.info));
    for (const file of ['runs-search.page1.json', 'runs-search.page2.json']) {
      const c = captures(dir, file)[0] as Capture;
      const expected = load(dir, file);
      const page = searchRuns(runs, query(request(c)));
      expect(
        page.runs.map((run) => run.info.runId),
        file,
      ).toEqual(runIds(expected.runs));
      if (file.endsWith('page1.json')) expect(page.nextPageToken).toBe(expected.next_page_token);
    }
  });

  it.each(captures(dir, 'error.runs-search').map((c) => [c.file, c] as const))(
    'runs: %s is rejected too',
    (_file, c) => {
      const r = request(c);
      expect(() => searchRuns(universe, query(r))).toThrow(StoreError);
    },
  );

  it('runs: constructed queries agree with the captured data', () => {
    const active = universe.filter((run) => run.info.lifecycleStage === 'active');
    const sweep = active.find((run) => run.info.runName === 'hp-sweep') as Run;
    const children = searchRuns(active, {
      filter: `tags.mlflow.parentRunId = '${sweep.info.runId}'`,
      orderBy: ['metrics.f1 DESC'],
    });
    const f1 = children.runs.map((run) => run.data.metrics.f1?.value ?? NaN);
    expect(children.runs.map((run) => run.info.runName).sort()).toEqual([
      'hp-sweep-trial-0',
      'hp-sweep-trial-1',
      'hp-sweep-trial-2',
      'hp-sweep-trial-3',
    ]);
    expect(f1).toEqual([...f1].sort((a, b) => b - a));
    const trained = searchRuns(universe, {
      filter: "datasets.name = 'iris' AND datasets.context = 'training'",
    });
    expect(trained.runs.map((run) => run.info.runName)).toEqual(['logreg-C1', 'logreg-C0']);
    const either = searchRuns(universe, {
      filter:
        "run_name = 'hp-sweep' OR (tags.mlflow.parentRunId = '" +
        sweep.info.runId +
        "' AND metrics.f1 > 100)",
    });
    expect(either.runs.map((run) => run.info.runName)).toEqual(['hp-sweep']);
  });

  const experiments = (
    (load(dir, 'experiments-search.GET.view_all.json').experiments as unknown[]) ?? []
  ).map(experimentFromJson);
  it.each(captures(dir, 'experiments-search').map((c) => [c.file, c] as const))(
    'experiments: %s',
    (file, c) => {
      const r = request(c);
      const expected = load(dir, file);
      const page = searchExperiments(
        experiments.filter((e) => inView(r.view_type, e)),
        query(r),
      );
      expect(page.experiments.map((e) => e.name)).toEqual(
        ((expected.experiments as unknown[]) ?? []).map((e) => experimentFromJson(e).name),
      );
      expect(page.nextPageToken).toBe(expected.next_page_token);
    },
  );

  const models = (
    (load(dir, 'registered-models-search.json').registered_models as unknown[]) ?? []
  ).map(registeredModelFromJson);
  it.each(captures(dir, 'registered-models-search').map((c) => [c.file, c] as const))(
    'registered models: %s',
    (file, c) => {
      const expected = load(dir, file);
      const page = searchRegisteredModels(models, query(request(c)));
      expect(page.registeredModels.map((m) => m.name)).toEqual(
        ((expected.registered_models as unknown[]) ?? []).map(
          (m) => registeredModelFromJson(m).name,
        ),
      );
      expect(page.nextPageToken).toBe(expected.next_page_token);
    },
  );

  const versions = (
    (load(dir, 'model-versions-search.all.json').model_versions as unknown[]) ?? []
  ).map(modelVersionFromJson);
  it.each(captures(dir, 'model-versions-search').map((c) => [c.file, c] as const))(
    'model versions: %s',
    (file, c) => {
      const expected = load(dir, file);
      const page = searchModelVersions(versions, query(request(c)));
      const key = (v: { name: string; version: string }): string => `${v.name}/${v.version}`;
      expect(page.modelVersions.map(key)).toEqual(
        ((expected.model_versions as unknown[]) ?? []).map((v) => key(modelVersionFromJson(v))),
      );
      expect(page.nextPageToken).toBe(expected.next_page_token);
    },
  );
});
