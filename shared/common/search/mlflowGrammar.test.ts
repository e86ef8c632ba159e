import { describe, expect, it } from 'vitest';
import { isMlflowRunQuery as isMlflow } from './mlflowGrammar';
import { parseRunQuery } from './runs';

/** The check on a query parsed once, as the service hands it to RestStore. */
const isMlflowRunQuery = (filter: string | undefined, orderBy: string[] | undefined): boolean =>
  isMlflow(parseRunQuery({ filter, orderBy }));

describe('isMlflowRunQuery', () => {
  it.each([
    [undefined, undefined],
    ['', []],
    [
      "metrics.f1 > 0.8 and attributes.status = 'FINISHED'",
      ['metrics.f1 DESC', 'attributes.start_time ASC'],
    ],
    ["params.seasonality = 'additive' and tags.model_type = 'arima'", ['params.window DESC']],
    ["attributes.run_name LIKE 'eval-prompt-%'", ['attributes.run_name']],
    ["tags.mlflow.parentRunId = 'abc'", undefined],
    ["attributes.run_id IN ('a', 'b') AND run_id NOT IN ('c')", undefined],
    [
      'metrics.`my metric` <= -1.5e3 AND params."a b" != "x"',
      ['metrics.`my metric`', 'start_time desc'],
    ],
    ["datasets.name = 'iris' AND datasets.digest ILIKE 'ab%'", undefined],
  ])('sends %j / %j to the server', (filter, orderBy) => {
    expect(isMlflowRunQuery(filter, orderBy)).toBe(true);
  });

  it.each([
    ["metrics.f1 > 0.8 OR attributes.status = 'FAILED'", 'OR is ours'],
    ["(metrics.f1 > 0.8 AND attributes.status = 'FAILED')", 'MLflow rejects parentheses'],
    ["params.a IN ('x')", 'MLflow lists only run ids'],
    ["datasets.name IN ('x')", 'dataset lists are recent'],
    ["datasets.context = 'training'", 'datasets.context is recent'],
    ['params.a IS NOT NULL', 'IS NULL is ours'],
    ["attributes.lifecycle_stage = 'deleted'", 'lifecycle_stage is ours'],
    ["Tags.a = 'x'", 'MLflow entity names are case-sensitive'],
    ['created > 0', 'aliases are not known to every server'],
    ["tags.a = 'it''s'", "MLflow keeps '' verbatim"],
    ["tags.a = 'it\\'s'", "MLflow keeps \\' verbatim"],
    ["tags.a like 'x%'", 'comparators in lower case'],
  ])('answers %j in memory (%s)', (filter) => {
    expect(isMlflowRunQuery(filter, undefined)).toBe(false);
  });

  it('answers in memory an order_by MLflow cannot sort by', () => {
    expect(isMlflowRunQuery(undefined, ['attributes.lifecycle_stage'])).toBe(false);
    expect(isMlflowRunQuery(undefined, ['METRICS.f1'])).toBe(false);
    expect(isMlflowRunQuery(undefined, ['run_id'])).toBe(false);
  });

  it('parsing comes first: an invalid query is our INVALID_ARGUMENT', () => {
    expect(() => isMlflowRunQuery('metrics.f1 >>> 1', undefined)).toThrow(
      /^Invalid filter 'metrics\.f1 >>> 1'/,
    );
    expect(() => isMlflowRunQuery(undefined, ['foo.bar DESC'])).toThrow(/Invalid order_by clause/);
  });
});
