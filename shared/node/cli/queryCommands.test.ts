/**
 * The query commands on the real MLflow 3.1 fixtures, both stores, checked against what MLflow's own
 * server answered for the same questions (rest-filestore/ captures).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliOutcome, runCli } from '../../../test/support/cli';

const REPO = resolve(import.meta.dirname, '../../..');
const FIXTURE = join(REPO, 'test/fixtures/mlflow-3.1.2.dev0');
const STORES = { file: join(FIXTURE, 'mlruns'), sqlite: join(FIXTURE, 'mlflow.db') } as const;
const IDS = {
  file: JSON.parse(readFileSync(join(FIXTURE, 'ids-file.json'), 'utf8')) as {
    experiments: Record<string, string>;
    runs: Record<string, string>;
  },
  sqlite: JSON.parse(readFileSync(join(FIXTURE, 'ids-sqlite.json'), 'utf8')) as {
    experiments: Record<string, string>;
    runs: Record<string, string>;
  },
};

const cli = (argv: string[]): Promise<CliOutcome> => runCli(argv, REPO);

async function json(argv: string[]): Promise<Record<string, unknown>> {
  const outcome = await cli([...argv, '--json']);
  expect(outcome.stderr).toBe('');
  expect(outcome.code).toBe(0);
  return JSON.parse(outcome.stdout) as Record<string, unknown>;
}

function capture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(FIXTURE, 'rest-filestore', name), 'utf8')) as Record<
    string,
    unknown
  >;
}

/** Tag order is store-dependent (MLflow too): sort every {key, value} list by key before comparing. */
function sortKeyValueLists(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(sortKeyValueLists);
    const isKv = items.every(
      (i) => typeof i === 'object' && i !== null && 'key' in i && !('step' in i),
    );
    return isKv
      ? [...items].sort((a, b) =>
          String((a as { key: string }).key).localeCompare(String((b as { key: string }).key)),
        )
      : items;
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sortKeyValueLists(v)]));
  }
  return value;
}

type RunJson = {
  info: { run_uuid: string; lifecycle_stage: string; experiment_id: string };
  data?: { metrics?: unknown[] };
};

describe.each(['file', 'sqlite'] as const)('query commands on the %s store', (kind) => {
  const store = STORES[kind];
  const ids = IDS[kind];

  it('runs --json: every run of the active experiments, deleted ones only on request (31 runs, 3 deleted)', async () => {
    const active = (await json(['runs', store])).runs as RunJson[];
    expect(active).toHaveLength(28);
    expect(active.every((r) => r.info.lifecycle_stage === 'active')).toBe(true);
    expect(await json(['runs', store, '--view', 'deleted'])).toMatchObject({
      runs: [{ info: { run_uuid: ids.runs.deleted } }],
    });
    const all = (await json(['runs', store, '--view', 'all'])).runs as RunJson[];
    expect(all).toHaveLength(29);
    const ofDeletedExperiment = (
      await json([
        'runs',
        store,
        '--experiment-id',
        ids.experiments.scratch_deleted ?? '',
        '--view',
        'all',
      ])
    ).runs as RunJson[];
    expect(ofDeletedExperiment).toHaveLength(2);
    expect(new Set([...all, ...ofDeletedExperiment].map((r) => r.info.run_uuid)).size).toBe(31);
    expect(
      await json(['runs', store, '--experiment-id', ids.experiments.scratch_deleted ?? '']),
    ).toEqual({});
  });

  it('runs: --experiment-id repeats, --max-results caps the total, all pages joined, no next_page_token', async () => {
    const two = await json([
      'runs',
      store,
      '--experiment-id',
      ids.experiments.iris ?? '',
      '--experiment-id',
      ids.experiments.llm ?? '',
    ]);
    const runs = two.runs as RunJson[];
    expect(new Set(runs.map((r) => r.info.experiment_id))).toEqual(
      new Set([ids.experiments.iris, ids.experiments.llm]),
    );
    expect(two).not.toHaveProperty('next_page_token');
    expect((await json(['runs', store, '--max-results', '5'])).runs).toHaveLength(5);
  });

  it('runs: filter and order by like MLflow', async () => {
    const failed = (await json(['runs', store, '--filter', "attributes.status = 'FAILED'"]))
      .runs as RunJson[];
    expect(failed.map((r) => r.info.run_uuid)).toEqual([ids.runs['fc-7']]);
    const ordered = (
      await json([
        'runs',
        store,
        '--experiment-id',
        ids.experiments.forecasting ?? '',
        '--order-by',
        'params.changepoint_prior_scale DESC',
      ])
    ).runs as RunJson[];
    expect(ordered[0]?.info.run_uuid).toBe(ids.runs['fc-9']);
  });

  it('runs --csv: the fixed columns, then metrics, params and tags; one row per run', async () => {
    const outcome = await cli([
      'runs',
      store,
      '--csv',
      '--experiment-id',
      ids.experiments.llm ?? '',
    ]);
    expect(outcome.code).toBe(0);
    expect(
      outcome.stdout.startsWith(
        'run_id,run_name,experiment_id,status,start_time,end_time,lifecycle_stage,metrics.',
      ),
    ).toBe(true);
    // prompt_template is multi-line: quoted, so rows are counted by the CRLF that ends a record outside quotes.
    expect(outcome.stdout).toContain('"Answer the question: {question}\nBe concise."');
    const records = outcome.stdout.split(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/).filter((l) => l !== '');
    expect(records).toHaveLength(6);
  });

  it('runs table: run id, name, status, start time and common metrics', async () => {
    const outcome = await cli([
      'runs',
      store,
      '--experiment-id',
      ids.experiments.forecasting ?? '',
    ]);
    const [header, ...rows] = outcome.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^RUN ID +NAME +STATUS +START TIME +\S/);
    expect(rows).toHaveLength(10);
    expect(outcome.stdout).toContain(ids.runs['fc-0']);
  });

  it('metric-history --json keeps NaN and infinities as MLflow spells them', async () => {
    const history = await json(['metric-history', store, ids.runs['fc-4'] ?? '', 'mape']);
    const values = (history.metrics as { value: unknown }[]).map((m) => m.value);
    expect(values.slice(3, 7)).toEqual(['NaN', 0.4, 'Infinity', '-Infinity']);
    const table = await cli(['metric-history', store, ids.runs['fc-4'] ?? '', 'mape']);
    expect(table.stdout).toMatch(/\n3 +\S+ \S+ +NaN\n/);
  });

  it('metric-history of an unknown run exits 2', async () => {
    const outcome = await cli([
      'metric-history',
      store,
      '0123456789abcdef0123456789abcdef',
      'loss',
    ]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/^runlens: .*\n$/);
  });

  it('models and model-versions', async () => {
    const models = (await json(['models', store])).registered_models as { name: string }[];
    expect(models.map((m) => m.name)).toEqual([
      'forecast-model',
      'iris-classifier',
      'iris-logreg-small',
      'undocumented-model',
    ]);
    const versions = (await json(['model-versions', store, '--name', 'iris-classifier']))
      .model_versions as { name: string; version: string }[];
    expect(versions.map((v) => v.version).sort()).toEqual(['1', '2', '3']);
    expect(await json(['model-versions', store, '--name', 'nope'])).toEqual({});
    expect((await cli(['models', store])).stdout).toMatch(/^NAME +LATEST VERSIONS/);
  });
});

describe('--json matches what MLflow served for the same mlruns', () => {
  it('experiments (the capture has one extra experiment created through the server)', async () => {
    const expected = capture('experiments-search.GET.json');
    const experiments = (expected.experiments as { name: string }[]).filter(
      (e) => e.name !== 'remote-proxied',
    );
    expect(sortKeyValueLists(await json(['experiments', STORES.file]))).toEqual(
      sortKeyValueLists({ experiments }),
    );
  });

  it('runs of one experiment, view all: same runs, same order, same fields', async () => {
    const expected = capture('runs-search.all_exp1_view_all.json').runs as RunJson[];
    const actual = (
      await json([
        'runs',
        STORES.file,
        '--experiment-id',
        IDS.file.experiments.iris ?? '',
        '--view',
        'all',
      ])
    ).runs as RunJson[];
    expect(actual.map((r) => r.info.run_uuid)).toEqual(expected.map((r) => r.info.run_uuid));
    expect(actual.map((r) => r.info)).toEqual(expected.map((r) => r.info));
  });

  it('registered models and model versions: same names and versions in the same order', async () => {
    const models = capture('registered-models-search.json').registered_models as { name: string }[];
    const actualModels = (await json(['models', STORES.file])).registered_models as {
      name: string;
    }[];
    expect(actualModels.map((m) => m.name)).toEqual(models.map((m) => m.name));
    const versions = capture('model-versions-search.all.json').model_versions as {
      name: string;
      version: string;
    }[];
    const actualVersions = (await json(['model-versions', STORES.file])).model_versions as {
      name: string;
      version: string;
    }[];
    expect(actualVersions.map((v) => `${v.name}/${v.version}`)).toEqual(
      versions.map((v) => `${v.name}/${v.version}`),
    );
  });
});
