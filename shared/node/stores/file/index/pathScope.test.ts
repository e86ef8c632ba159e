import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathScope } from './pathScope';

const ROOT = join('/', 'data', 'mlruns');
const at = (...parts: string[]): string => join(ROOT, ...parts);

describe('pathScope', () => {
  it.each([
    [
      'a file in a run',
      [at('1', 'r1', 'metrics', 'loss')],
      { '1': { relist: false, check: ['1/r1'] } },
    ],
    ['a run folder itself', [at('1', 'r2')], { '1': { relist: true, check: ['1/r2'] } }],
    ['an experiment folder', [at('1')], { '1': { relist: true, check: [] } }],
    [
      'a trashed experiment run',
      [at('.trash', '7', 'r', 'tags', 't')],
      { '.trash/7': { relist: false, check: ['.trash/7/r'] } },
    ],
    [
      'a dataset',
      [at('1', 'datasets', 'd', 'meta.yaml')],
      { '1': { relist: false, check: 'all' } },
    ],
    [
      'experiment meta and tags, registry, root, outside',
      [
        at('1', 'meta.yaml'),
        at('1', 'tags', 'x'),
        at('models', 'm', 'meta.yaml'),
        ROOT,
        at('.trash'),
        '/elsewhere/x',
      ],
      {},
    ],
  ])('%s', (_what, paths, expected) => {
    const scope = pathScope(ROOT, paths);
    const got = Object.fromEntries(
      [...scope].map(([k, w]) => [
        k,
        { relist: w.relist, check: w.check === 'all' ? 'all' : [...w.check] },
      ]),
    );
    expect(got).toEqual(expected);
  });
});
