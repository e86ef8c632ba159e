import { describe, expect, it } from 'vitest';
import type { Experiment, ModelVersion, RegisteredModel } from '../types';
import { searchExperiments, searchModelVersions, searchRegisteredModels } from './index';

function experiment(
  id: string,
  name: string,
  created: number | null,
  tags: Record<string, string> = {},
): Experiment {
  return {
    experimentId: id,
    name,
    artifactLocation: `/a/${id}`,
    lifecycleStage: 'active',
    creationTime: created,
    lastUpdateTime: created,
    tags,
  };
}

const EXPERIMENTS = [
  experiment('0', 'Default', 10),
  experiment('1', 'iris-classification', 20, { team: 'team-b' }),
  experiment('2', 'team-a/forecasting', 30, { team: 'team-a', priority: 'high' }),
  experiment('10', 'llm-eval ✨', 30),
  experiment('3', 'no-times', null),
];

const names = (q: Parameters<typeof searchExperiments>[1]): string[] =>
  searchExperiments(EXPERIMENTS, q).experiments.map((e) => e.name);

describe('searchExperiments', () => {
  it.each<[Parameters<typeof searchExperiments>[1], string[]]>([
    // default: creation_time DESC, experiment_id ASC (numeric: 2 before 10); unknown times last
    [{}, ['team-a/forecasting', 'llm-eval ✨', 'iris-classification', 'Default', 'no-times']],
    [
      { orderBy: ['creation_time'] },
      ['Default', 'iris-classification', 'llm-eval ✨', 'team-a/forecasting', 'no-times'],
    ],
    [
      { orderBy: ['name ASC'] },
      ['Default', 'iris-classification', 'llm-eval ✨', 'no-times', 'team-a/forecasting'],
    ],
    [
      { orderBy: ['experiment_id DESC'] },
      ['llm-eval ✨', 'no-times', 'team-a/forecasting', 'iris-classification', 'Default'],
    ],
    [
      { orderBy: ['attribute.last_update_time DESC'] },
      ['llm-eval ✨', 'team-a/forecasting', 'iris-classification', 'Default', 'no-times'],
    ],
    [{ filter: "name LIKE 'iris%'" }, ['iris-classification']],
    [{ filter: "name ILIKE '%FORE%'" }, ['team-a/forecasting']],
    [
      { filter: "name != 'Default'", orderBy: ['name'] },
      ['iris-classification', 'llm-eval ✨', 'no-times', 'team-a/forecasting'],
    ],
    [{ filter: "tags.team = 'team-a'" }, ['team-a/forecasting']],
    [{ filter: "tag.team != 'team-a'" }, ['iris-classification']],
    [{ filter: "tags.team LIKE 'team-%' AND tags.priority = 'high'" }, ['team-a/forecasting']],
    [{ filter: "tags.team = 'team-b' OR name = 'Default'" }, ['iris-classification', 'Default']],
    [{ filter: 'creation_time >= 30' }, ['team-a/forecasting', 'llm-eval ✨']],
    [{ filter: 'last_update_time < 15' }, ['Default']],
    [{ filter: 'creation_time IS NULL' }, ['no-times']],
    [{ filter: 'tags.team IS NULL', orderBy: ['name'] }, ['Default', 'llm-eval ✨', 'no-times']],
  ])('%j', (q, expected) => {
    expect(names(q)).toEqual(expected);
  });

  it('pages', () => {
    const p1 = searchExperiments(EXPERIMENTS, { maxResults: 2, orderBy: ['name ASC'] });
    expect(p1.experiments.map((e) => e.name)).toEqual(['Default', 'iris-classification']);
    expect(p1.nextPageToken).toBe('eyJvZmZzZXQiOiAyfQ==');
    expect(
      searchExperiments(EXPERIMENTS, {
        maxResults: 2,
        orderBy: ['name ASC'],
        pageToken: p1.nextPageToken,
      }).nextPageToken,
    ).toBe('eyJvZmZzZXQiOiA0fQ==');
  });

  it.each<[Parameters<typeof searchExperiments>[1], string]>([
    [{ filter: 'metrics.x > 1' }, "unknown entity type 'metrics' at position 1"],
    [
      { filter: "artifact_location = 'x'" },
      "unknown attribute 'artifact_location' at position 1 for experiments",
    ],
    [{ filter: 'name = 5' }, 'attribute name needs a quoted string value, got 5'],
    [{ filter: "creation_time > 'x'" }, "attribute creation_time needs a numeric value, got 'x'"],
    [{ filter: "name > 'a'" }, "comparator '>' at position 6 is not valid for attribute name"],
    [{ orderBy: ['tags.team'] }, 'experiments cannot be ordered by tags'],
    [{ orderBy: ['lifecycle_stage'] }, "unknown key 'lifecycle_stage'"],
    [{ maxResults: 50_001 }, 'max_results'],
  ])('rejects %j', (q, message) => {
    expect(() => searchExperiments(EXPERIMENTS, q)).toThrow(message);
  });
});

function version(
  name: string,
  v: string,
  updated: number,
  extra: Partial<ModelVersion> = {},
): ModelVersion {
  return {
    name,
    version: v,
    creationTimestamp: updated,
    lastUpdatedTimestamp: updated,
    currentStage: 'None',
    description: null,
    source: `runs:/r${v}/model`,
    runId: `r${v}`,
    status: 'READY',
    statusMessage: null,
    userId: null,
    runLink: null,
    modelId: null,
    tags: {},
    aliases: [],
    ...extra,
  };
}

const VERSIONS = [
  version('iris', '1', 10, { tags: { validated: 'true' } }),
  version('iris', '2', 30, { currentStage: 'Production' }),
  version('iris', '10', 20, { runId: 'shared' }),
  version('small', '1', 30, { runId: 'shared', source: 'models:/m-1' }),
  version('small', '2', 40, { currentStage: 'Deleted_Internal' }),
];
const keys = (q: Parameters<typeof searchModelVersions>[1]): string[] =>
  searchModelVersions(VERSIONS, q).modelVersions.map((v) => `${v.name}/${v.version}`);

describe('searchModelVersions', () => {
  it.each<[Parameters<typeof searchModelVersions>[1], string[]]>([
    // default: last_updated_timestamp DESC, name ASC, version DESC; Deleted_Internal never shown
    [{}, ['iris/2', 'small/1', 'iris/10', 'iris/1']],
    [{ orderBy: ['version_number'] }, ['iris/1', 'small/1', 'iris/2', 'iris/10']],
    [{ orderBy: ['name DESC'] }, ['small/1', 'iris/10', 'iris/2', 'iris/1']],
    [{ filter: "name = 'iris'" }, ['iris/2', 'iris/10', 'iris/1']],
    [{ filter: "name='iris' AND version_number >= 2" }, ['iris/2', 'iris/10']],
    [{ filter: "run_id = 'shared'" }, ['small/1', 'iris/10']],
    [{ filter: "run_id IN ('r1', 'r2')" }, ['iris/2', 'iris/1']],
    [{ filter: "source_path LIKE 'models:/%'" }, ['small/1']],
    [{ filter: "tags.validated = 'true'" }, ['iris/1']],
  ])('%j', (q, expected) => {
    expect(keys(q)).toEqual(expected);
  });

  it('rejects unknown keys', () => {
    expect(() => searchModelVersions(VERSIONS, { filter: "current_stage = 'None'" })).toThrow(
      "unknown attribute 'current_stage'",
    );
    expect(() => searchModelVersions(VERSIONS, { maxResults: 200_001 })).toThrow('max_results');
  });
});

function model(name: string, created: number, tags: Record<string, string> = {}): RegisteredModel {
  return {
    name,
    creationTimestamp: created,
    lastUpdatedTimestamp: created,
    description: null,
    tags,
    aliases: [],
    latestVersions: [],
  };
}

const MODELS = [
  model('undocumented', 40),
  model('iris-classifier', 10, { task: 'cls' }),
  model('forecast', 50),
  model('iris-small', 20),
];
const modelNames = (q: Parameters<typeof searchRegisteredModels>[1]): string[] =>
  searchRegisteredModels(MODELS, q).registeredModels.map((m) => m.name);

describe('searchRegisteredModels', () => {
  it.each<[Parameters<typeof searchRegisteredModels>[1], string[]]>([
    [{}, ['forecast', 'iris-classifier', 'iris-small', 'undocumented']],
    [{ orderBy: ['name DESC'] }, ['undocumented', 'iris-small', 'iris-classifier', 'forecast']],
    [
      { orderBy: ['timestamp DESC'] },
      ['forecast', 'undocumented', 'iris-small', 'iris-classifier'],
    ],
    [
      { orderBy: ['last_updated_timestamp'] },
      ['iris-classifier', 'iris-small', 'undocumented', 'forecast'],
    ],
    [{ filter: "name LIKE 'iris%'" }, ['iris-classifier', 'iris-small']],
    [{ filter: "name ILIKE 'IRIS-S%'" }, ['iris-small']],
    [{ filter: "tags.task = 'cls'" }, ['iris-classifier']],
  ])('%j', (q, expected) => {
    expect(modelNames(q)).toEqual(expected);
  });

  it('uses 100 by default and at most 1000', () => {
    const many = Array.from({ length: 150 }, (_, i) => model(`m${String(i).padStart(3, '0')}`, i));
    const page = searchRegisteredModels(many, {});
    expect(page.registeredModels).toHaveLength(100);
    expect(page.nextPageToken).toBe('eyJvZmZzZXQiOiAxMDB9');
    expect(() => searchRegisteredModels(many, { maxResults: 1001 })).toThrow('max_results');
  });
});
