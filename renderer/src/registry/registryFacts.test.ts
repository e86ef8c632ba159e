import { describe, expect, it } from 'vitest';
import type { ModelVersion } from '../../../shared/common/types';
import {
  isLiveVersion,
  modelNameFilter,
  quote,
  sortVersions,
  versionsOfModelFilter,
} from './registryFacts';
import { searchModelVersions, searchRegisteredModels } from '../../../shared/common/search/models';

const v = (version: string, stage = 'None'): ModelVersion => ({
  name: 'm',
  version,
  creationTimestamp: null,
  lastUpdatedTimestamp: null,
  currentStage: stage,
  description: null,
  source: '',
  runId: null,
  status: 'READY',
  statusMessage: null,
  userId: null,
  runLink: null,
  modelId: null,
  tags: {},
  aliases: [],
});

describe('registry facts', () => {
  it('quotes names with quotes and backslashes', () => {
    expect(quote("it's")).toBe("'it\\'s'");
    expect(quote('a\\b')).toBe("'a\\\\b'");
  });
  it('builds filters the registry search answers as meant', () => {
    expect(modelNameFilter('  ')).toBeUndefined();
    const models = ["Iris'X-clf", 'forecast'].map((name) => ({
      name,
      creationTimestamp: null,
      lastUpdatedTimestamp: null,
      description: null,
      tags: {},
      aliases: [],
      latestVersions: [],
    }));
    const found = searchRegisteredModels(models, { filter: modelNameFilter("iris'x") });
    expect(found.registeredModels.map((m) => m.name)).toEqual(["Iris'X-clf"]);
    const versions = [{ ...v('1'), name: 'team/model ✨' }, v('2')];
    const mine = searchModelVersions(versions, { filter: versionsOfModelFilter('team/model ✨') });
    expect(mine.modelVersions.map((x) => x.version)).toEqual(['1']);
  });
  it('never lists a soft-deleted version and sorts numerically', () => {
    expect(isLiveVersion(v('3', 'Deleted_Internal'))).toBe(false);
    expect(
      sortVersions([v('9'), v('10'), v('2', 'Deleted_Internal')]).map((x) => x.version),
    ).toEqual(['10', '9']);
  });
});
