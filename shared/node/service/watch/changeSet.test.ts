import { describe, expect, it } from 'vitest';
import { classifyPaths, isEmptyChange, mergeChanges } from './changeSet';

describe('classifyPaths', () => {
  it.each([
    [
      'a metric file',
      ['1/r1/metrics/loss'],
      { experimentIds: ['1'], runIds: ['r1'], experimentsChanged: false },
    ],
    [
      'a nested metric key',
      ['1/r1/metrics/system/cpu'],
      { experimentIds: ['1'], runIds: ['r1'], experimentsChanged: false },
    ],
    [
      'a new run folder',
      ['1/r2'],
      { experimentIds: ['1'], runIds: ['r2'], experimentsChanged: false },
    ],
    [
      'runs of two experiments',
      ['2/r9/meta.yaml', '1/r1/tags/x'],
      { experimentIds: ['1', '2'], runIds: ['r1', 'r9'], experimentsChanged: false },
    ],
    [
      'an experiment meta.yaml',
      ['1/meta.yaml'],
      { experimentIds: ['1'], runIds: null, experimentsChanged: true },
    ],
    [
      'an experiment tag',
      ['1/tags/note'],
      { experimentIds: ['1'], runIds: null, experimentsChanged: true },
    ],
    ['a new experiment', ['7'], { experimentIds: ['7'], runIds: null, experimentsChanged: true }],
    [
      'a trashed experiment',
      ['.trash/7'],
      { experimentIds: ['7'], runIds: null, experimentsChanged: true },
    ],
    [
      'a logged model (3.x)',
      ['1/models/m-1/meta.yaml'],
      { experimentIds: ['1'], runIds: [], experimentsChanged: false },
    ],
    ['the root itself', [''], { experimentIds: null, runIds: null, experimentsChanged: true }],
    [
      'the model registry only',
      ['models/iris/version-1/meta.yaml'],
      { experimentIds: [], runIds: [], experimentsChanged: false },
    ],
    [
      'Windows separators',
      ['1\\r1\\metrics\\loss'],
      { experimentIds: ['1'], runIds: ['r1'], experimentsChanged: false },
    ],
  ])('%s', (_label, paths, expected) => {
    // Windows separators only split on Windows; elsewhere a backslash is part of a name.
    if (paths[0]?.includes('\\') && process.platform !== 'win32') return;
    expect(classifyPaths(paths)).toEqual(expected);
  });

  it('an empty change is one that touches nothing the runs table or sidebar shows', () => {
    expect(isEmptyChange(classifyPaths(['models/iris/meta.yaml']))).toBe(true);
    expect(isEmptyChange(classifyPaths(['1/r1']))).toBe(false);
  });
});

describe('mergeChanges', () => {
  it('unions lists and lets null (unknown) absorb them', () => {
    const a = { experimentIds: ['1'], runIds: ['r1'], experimentsChanged: false };
    expect(
      mergeChanges(a, { experimentIds: ['2'], runIds: ['r1', 'r2'], experimentsChanged: false }),
    ).toEqual({
      experimentIds: ['1', '2'],
      runIds: ['r1', 'r2'],
      experimentsChanged: false,
    });
    expect(mergeChanges(a, { experimentIds: null, runIds: [], experimentsChanged: true })).toEqual({
      experimentIds: null,
      runIds: ['r1'],
      experimentsChanged: true,
    });
  });
});
