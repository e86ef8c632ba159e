import { describe, expect, it } from 'vitest';
import { StoreError } from '../errors';
import type { Run, Tags } from '../types';
import { compareRuns, matchesRun, parseRunFilter, parseRunOrderBy, searchRuns } from './index';

interface RunSpec {
  id: string;
  name?: string;
  start?: number | null;
  end?: number | null;
  status?: Run['info']['status'];
  user?: string;
  stage?: Run['info']['lifecycleStage'];
  metrics?: Record<string, number>;
  params?: Record<string, string>;
  tags?: Record<string, string>;
  datasets?: { name: string; digest: string; context?: string }[];
}

function run(s: RunSpec): Run {
  return {
    info: {
      runId: s.id,
      runName: s.name ?? s.id,
      experimentId: '1',
      userId: s.user ?? 'alice',
      status: s.status ?? 'FINISHED',
      startTime: s.start === undefined ? 1000 : s.start,
      endTime: s.end === undefined ? 2000 : s.end,
      artifactUri: `file:///mlruns/1/${s.id}/artifacts`,
      lifecycleStage: s.stage ?? 'active',
    },
    data: {
      metrics: Object.fromEntries(
        Object.entries(s.metrics ?? {}).map(([key, value]) => [
          key,
          { key, value, timestamp: 0, step: 0 },
        ]),
      ),
      params: s.params ?? {},
      tags: s.tags ?? {},
    },
    inputs: {
      datasetInputs: (s.datasets ?? []).map((d) => ({
        dataset: {
          name: d.name,
          digest: d.digest,
          sourceType: 'local',
          source: '{}',
          schema: null,
          profile: null,
        },
        tags: (d.context === undefined ? {} : { 'mlflow.data.context': d.context }) as Tags,
      })),
    },
    outputs: { modelOutputs: [] },
  };
}

const RUNS: Run[] = [
  run({
    id: 'a1',
    name: 'alpha',
    start: 500,
    metrics: { acc: 0.95, f1: 0.5, 'my metric': 1 },
    params: { lr: '0.1', 'optimizer/lr': '3' },
    tags: { team: 'a', 'mlflow.parentRunId': 'p0' },
  }),
  run({
    id: 'b2',
    name: 'Beta',
    start: 400,
    metrics: { acc: 0.8, f1: NaN },
    params: { lr: '0.01' },
    tags: { team: 'b' },
    datasets: [{ name: 'iris', digest: 'd1', context: 'training' }],
  }),
  run({
    id: 'c3',
    name: 'gamma_1',
    start: 300,
    end: null,
    status: 'RUNNING',
    metrics: { acc: 0.9, loss: Infinity },
    params: { lr: '0.1' },
    tags: { 'a b': 'spaced' },
  }),
  run({
    id: 'd4',
    name: 'delta',
    start: 300,
    status: 'FAILED',
    user: 'bob',
    metrics: { loss: -Infinity },
    tags: { team: 'A' },
    datasets: [{ name: 'iris-eval', digest: 'd2', context: 'eval' }],
  }),
  run({ id: 'e5', name: 'eps%', start: 100, stage: 'deleted', params: { lr: '0.1' } }),
];

const ids = (filter: string): string[] =>
  RUNS.filter((r) => matchesRun(parseRunFilter(filter), r)).map((r) => r.info.runId);

describe('run filters: which runs match', () => {
  it.each<[string, string[]]>([
    ['', ['a1', 'b2', 'c3', 'd4', 'e5']],
    ['   ', ['a1', 'b2', 'c3', 'd4', 'e5']],
    ['metrics.acc > 0.85', ['a1', 'c3']],
    ['metrics.acc >= 0.9', ['a1', 'c3']],
    ['metrics.acc < 0.9', ['b2']],
    ['metrics.acc <= 0.9', ['b2', 'c3']],
    ['metrics.acc = 0.8', ['b2']],
    ['metric.acc != 0.8', ['a1', 'c3']], // a run without the metric never matches, not even !=
    ['metrics.f1 > 0', ['a1']], // NaN > 0 is false
    ['metrics.f1 != 0.5', ['b2']], // NaN != x is true, as in Python
    ['metrics.f1 = 0.5', ['a1']],
    ['metrics.loss > 1e308', ['c3']],
    ['metrics.loss < -1E300', ['d4']],
    ['metrics.acc > .85', ['a1', 'c3']],
    ['metrics.acc > -1', ['a1', 'b2', 'c3']],
    ['metrics.`my metric` = 1', ['a1']],
    ['metrics."my metric" = 1', ['a1']],
    ['metrics.acc IS NULL', ['d4', 'e5']],
    ['metrics.acc IS NOT NULL', ['a1', 'b2', 'c3']],
    ["params.lr = '0.1'", ['a1', 'c3', 'e5']],
    ['params.lr = "0.1"', ['a1', 'c3', 'e5']],
    ["params.lr != '0.1'", ['b2']],
    ["param.lr LIKE '0.0%'", ['b2']],
    ["parameters.lr like '0._'", ['a1', 'c3', 'e5']],
    ["params.`optimizer/lr` = '3'", ['a1']],
    ["params.optimizer/lr = '3'", ['a1']],
    ["params.lr IN ('0.01', '0.5')", ['b2']],
    ["params.lr NOT IN ('0.01')", ['a1', 'c3', 'e5']],
    ['params.lr IS NULL', ['d4']],
    ["tags.team = 'a'", ['a1']],
    ["tags.team LIKE 'a'", ['a1']],
    ["tags.team ILIKE 'a'", ['a1', 'd4']],
    ["tags.team != 'a'", ['b2', 'd4']],
    ["tags.mlflow.parentRunId = 'p0'", ['a1']],
    ['tags."a b" = \'spaced\'', ['c3']],
    ["tags.`a b` LIKE 'sp%'", ['c3']],
    ['tags.team IS NOT NULL', ['a1', 'b2', 'd4']],
    ["attributes.status = 'FAILED'", ['d4']],
    ["status != 'FINISHED'", ['c3', 'd4']],
    ["attr.user_id = 'bob'", ['d4']],
    ["run.run_name LIKE '%a'", ['a1', 'b2', 'd4']],
    ["attributes.run_name ILIKE 'b%'", ['b2']],
    ["`Run name` = 'alpha'", ['a1']],
    ["run_name LIKE 'gamma\\_1'", ['c3']],
    ["run_name LIKE 'gamma_1'", ['c3']],
    ["run_name LIKE 'eps%%'", ['e5']],
    ["attributes.run_id IN ('a1', 'c3', 'zz')", ['a1', 'c3']],
    ["run_id NOT IN ('a1')", ['b2', 'c3', 'd4', 'e5']],
    ["attributes.artifact_uri LIKE '%/b2/%'", ['b2']],
    ["lifecycle_stage = 'deleted'", ['e5']],
    ['attributes.start_time >= 300', ['a1', 'b2', 'c3', 'd4']],
    ['created < 300', ['e5']],
    ['end_time > 0', ['a1', 'b2', 'd4', 'e5']],
    ['end_time IS NULL', ['c3']],
    ["datasets.name = 'iris'", ['b2']],
    ["dataset.name LIKE 'iris%'", ['b2', 'd4']],
    ["datasets.digest IN ('d2')", ['d4']],
    ["datasets.context = 'eval'", ['d4']],
    ["datasets.name != 'iris'", ['d4']],
    // AND / OR / parentheses (AND binds tighter than OR)
    ["metrics.acc > 0.85 and params.lr = '0.1'", ['a1', 'c3']],
    ["metrics.acc > 0.85 AND params.lr = '0.1' AND tags.team = 'a'", ['a1']],
    ["metrics.acc > 0.9 OR params.lr = '0.01' AND tags.team = 'b'", ['a1', 'b2']],
    ["metrics.acc > 0.9 OR (params.lr = '0.1' AND tags.team = 'a')", ['a1']],
    ["(metrics.acc > 0.9 OR status = 'FAILED') AND user_id = 'bob'", ['d4']],
    ["((tags.team = 'b')) or (run_id = 'e5')", ['b2', 'e5']],
    ["status = 'RUNNING' Or status = 'FAILED'", ['c3', 'd4']],
  ])('%s', (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });
});

describe('run filters: parse tree', () => {
  it('builds AND under OR and canonical keys', () => {
    expect(parseRunFilter("metrics.acc > 0.9 OR (params.lr = '0.1' AND created >= 5)")).toEqual({
      op: 'or',
      clauses: [
        { op: 'clause', clause: { entity: 'metric', key: 'acc', comparator: '>', value: 0.9 } },
        {
          op: 'and',
          clauses: [
            { op: 'clause', clause: { entity: 'param', key: 'lr', comparator: '=', value: '0.1' } },
            {
              op: 'clause',
              clause: { entity: 'attribute', key: 'start_time', comparator: '>=', value: 5 },
            },
          ],
        },
      ],
    });
  });

  it('reads IN lists, IS NOT NULL and escaped quotes', () => {
    expect(
      parseRunFilter("run_id IN ('a', \"b\") and tags.x is not null and params.q = 'it''s'"),
    ).toEqual({
      op: 'and',
      clauses: [
        {
          op: 'clause',
          clause: { entity: 'attribute', key: 'run_id', comparator: 'IN', value: ['a', 'b'] },
        },
        {
          op: 'clause',
          clause: { entity: 'tag', key: 'x', comparator: 'IS NOT NULL', value: null },
        },
        { op: 'clause', clause: { entity: 'param', key: 'q', comparator: '=', value: "it's" } },
      ],
    });
  });
});

describe('run filters: errors name the problem and its position', () => {
  it.each<[string, string]>([
    ['metrics.f1 >>> 0.5', "Invalid filter 'metrics.f1 >>> 0.5': unexpected '>' at position 13"],
    ["metrics.f1 >>> 'abc' and", "unexpected '>' at position 13"],
    ["metrics.f1 > 'abc'", "metrics.f1 needs a numeric value, got 'abc' at position 14"],
    ['params.lr = 0.1', 'params.lr needs a quoted string value, got 0.1 at position 13'],
    ['params.lr = abc', "value 'abc' at position 13 must be quoted"],
    ['this is not a filter', "unexpected 'a' at position 13, expected NULL"],
    ['this filter', "unexpected 'filter' at position 6, expected a comparator"],
    ["params.C = '1.0", "unterminated ' quote starting at position 12"],
    ["foo.bar = 'x'", "unknown entity type 'foo' at position 1"],
    ["attributes.nope = 'x'", "unknown attribute 'nope' at position 1"],
    ["datasets.size = 'x'", "unknown dataset key 'size'"],
    ["metrics.f1 LIKE '0.5'", "comparator 'LIKE' at position 12 is not valid for metrics.f1"],
    [
      "start_time LIKE '1'",
      "comparator 'LIKE' at position 12 is not valid for attribute start_time",
    ],
    ['datasets.name IS NULL', "comparator 'IS NULL' at position 15 is not valid for datasets.name"],
    ['metrics.f1 > 0.5 and', 'unexpected end of filter, expected an identifier'],
    [
      "metrics.f1 > 0.5 params.lr = 'x'",
      "unexpected 'params.lr' at position 18, expected AND, OR or the end of the filter",
    ],
    ['(metrics.f1 > 0.5', "unexpected end of filter, expected ')' closing the '(' at position 1"],
    ['metrics.f1 > 0.5)', "unexpected ')' at position 17"],
    ['run_id IN ()', "unexpected ')' at position 12, expected a value"],
    ["run_id IN ('a' 'b')", "unexpected ''b'' at position 16, expected ',' or ')'"],
    ['run_id IN (1, 2)', "list at position 11 must hold quoted strings, got '1'"],
    ["run_id NOT LIKE 'a'", "unexpected 'LIKE' at position 12, expected IN after NOT"],
    ["tags.x IS 'a'", "unexpected ''a'' at position 11, expected NULL"],
    ['metrics.f1 == 1', "unexpected '=' at position 13, expected a value"],
    ['metrics.f1 > 1abc', "unexpected 'a' at position 15"],
    ["params.lr = 'x' ; drop", "unexpected ';' at position 17"],
  ])('%s', (filter, message) => {
    let error: unknown;
    try {
      parseRunFilter(filter);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('INVALID_ARGUMENT');
    expect((error as StoreError).message).toContain(message);
    expect((error as StoreError).message).toContain(`Invalid filter '${filter}'`);
  });
});

describe('run order_by', () => {
  const order = (orderBy: string[], runs: Run[] = RUNS): string[] =>
    [...runs].sort(compareRuns(parseRunOrderBy(orderBy))).map((r) => r.info.runId);

  it.each<[string[], string[]]>([
    // default: start_time DESC, then run_id ASC (c3 and d4 share start 300)
    [[], ['a1', 'b2', 'c3', 'd4', 'e5']],
    [['start_time'], ['e5', 'c3', 'd4', 'b2', 'a1']],
    [['attributes.start_time ASC'], ['e5', 'c3', 'd4', 'b2', 'a1']],
    [['created DESC'], ['a1', 'b2', 'c3', 'd4', 'e5']],
    // values, then NaN, then missing — in both directions
    [['metrics.f1 ASC'], ['a1', 'b2', 'c3', 'd4', 'e5']],
    [['metrics.f1 DESC'], ['a1', 'b2', 'c3', 'd4', 'e5']],
    [['metrics.acc'], ['b2', 'c3', 'a1', 'd4', 'e5']],
    [['metrics.acc desc'], ['a1', 'c3', 'b2', 'd4', 'e5']],
    [['metrics.loss'], ['d4', 'c3', 'a1', 'b2', 'e5']],
    [['metrics.loss DESC'], ['c3', 'd4', 'a1', 'b2', 'e5']],
    [['metrics.`my metric` DESC'], ['a1', 'b2', 'c3', 'd4', 'e5']],
    [
      ['params.lr DESC', 'run_id DESC'],
      ['e5', 'c3', 'a1', 'b2', 'd4'],
    ],
    [
      ['params.lr', 'start_time ASC'],
      ['b2', 'e5', 'c3', 'a1', 'd4'],
    ],
    [['tags.team'], ['d4', 'a1', 'b2', 'c3', 'e5']],
    [['tags.team DESC'], ['b2', 'a1', 'd4', 'c3', 'e5']],
    [['attributes.run_name'], ['b2', 'a1', 'd4', 'e5', 'c3']],
    [['end_time DESC'], ['a1', 'b2', 'd4', 'e5', 'c3']],
    [
      ['status', 'user_id DESC'],
      ['d4', 'a1', 'b2', 'e5', 'c3'],
    ],
  ])('%j', (orderBy, expected) => {
    expect(order(orderBy)).toEqual(expected);
  });

  it('parses entity, key and direction', () => {
    expect(
      parseRunOrderBy(['metrics.`my metric` DESC', 'tags.mlflow.runName', 'Created asc']),
    ).toEqual([
      { entity: 'metric', key: 'my metric', ascending: false },
      { entity: 'tag', key: 'mlflow.runName', ascending: true },
      { entity: 'attribute', key: 'start_time', ascending: true },
    ]);
  });

  it.each<[string, string]>([
    ['foo.bar DESC', "Invalid order_by clause 'foo.bar DESC': unknown entity type 'foo'"],
    ['metrics.f1 DOWN', "unexpected 'DOWN' at position 12, expected ASC or DESC"],
    ['metrics.f1 ASC DESC', "unexpected 'DESC' at position 16"],
    ['nope', "unknown attribute 'nope'"],
    ['datasets.name', 'datasets cannot be used to order runs'],
    ['', 'expected a key'],
    ['DESC', 'expected a key'],
  ])('rejects %j', (clause, message) => {
    expect(() => parseRunOrderBy([clause])).toThrow(message);
  });
});

describe('searchRuns paging', () => {
  it('pages with MLflow tokens and stops with no token on the last page', () => {
    const p1 = searchRuns(RUNS, { maxResults: 2 });
    expect(p1.runs.map((r) => r.info.runId)).toEqual(['a1', 'b2']);
    expect(p1.nextPageToken).toBe('eyJvZmZzZXQiOiAyfQ==');
    const p2 = searchRuns(RUNS, { maxResults: 2, pageToken: p1.nextPageToken });
    expect(p2.runs.map((r) => r.info.runId)).toEqual(['c3', 'd4']);
    const p3 = searchRuns(RUNS, { maxResults: 2, pageToken: p2.nextPageToken });
    expect(p3).toEqual({ runs: [RUNS[4]] });
    expect(searchRuns(RUNS, { maxResults: 5 })).not.toHaveProperty('nextPageToken');
  });

  it('filters before sorting and sorting before paging', () => {
    const page = searchRuns(RUNS, {
      filter: "params.lr = '0.1'",
      orderBy: ['start_time ASC'],
      maxResults: 2,
    });
    expect(page.runs.map((r) => r.info.runId)).toEqual(['e5', 'c3']);
    expect(page.nextPageToken).toBeDefined();
  });

  it('uses 1000 by default and rejects max_results above 50000 or below 1', () => {
    const many = Array.from({ length: 1001 }, (_, i) =>
      run({ id: `r${String(i).padStart(4, '0')}`, start: 0 }),
    );
    expect(searchRuns(many, {}).runs).toHaveLength(1000);
    expect(searchRuns(many, { maxResults: 50_000 }).runs).toHaveLength(1001);
    expect(() => searchRuns(RUNS, { maxResults: 50_001 })).toThrow(/max_results/);
    expect(() => searchRuns(RUNS, { maxResults: 0 })).toThrow(/max_results/);
    expect(() => searchRuns(RUNS, { maxResults: 1.5 })).toThrow(/max_results/);
  });

  it('rejects a bad page token', () => {
    expect(() => searchRuns(RUNS, { pageToken: 'garbage!' })).toThrow(/Invalid page token/);
  });
});
