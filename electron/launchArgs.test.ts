import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchTargets, targetsFromSecondInstance } from './launchArgs';

const cwd = '/home/me/project';
const link = 'runlens://open?store=%2Fdata%2Fmlruns&run=r1';

describe('launchTargets in development (electron main.cjs -- …)', () => {
  it('takes the arguments after the first --, resolved against the launch directory', () => {
    const argv = ['/x/electron', '--inspect=0', '/x/main.cjs', '--', './mlruns', '/abs/mlflow.db'];
    expect(launchTargets(argv, cwd, false)).toEqual({
      stores: [resolve(cwd, 'mlruns'), '/abs/mlflow.db'],
      links: [],
    });
  });

  it('keeps URLs as given, separates links and ignores empty arguments', () => {
    expect(
      launchTargets(['e', 'main.cjs', '--', 'http://localhost:5000', '', link, '--'], cwd, false),
    ).toEqual({ stores: ['http://localhost:5000', resolve(cwd, '--')], links: [link] });
  });

  it('opens nothing without a --', () => {
    expect(launchTargets(['electron', 'main.cjs', './mlruns'], cwd, false)).toEqual({
      stores: [],
      links: [],
    });
  });
});

describe('launchTargets when packaged (Runlens PATH…, or the OS opening a file or link)', () => {
  it('takes every non-switch argument after the executable', () => {
    expect(
      launchTargets(['/opt/Runlens/runlens', '--no-sandbox', 'mlflow.db', link], cwd, true),
    ).toEqual({ stores: [resolve(cwd, 'mlflow.db')], links: [link] });
  });

  it('takes everything after --, even a name starting with a dash', () => {
    expect(launchTargets(['runlens', '--', '-odd'], cwd, true).stores).toEqual([
      resolve(cwd, '-odd'),
    ]);
  });
});

describe('targetsFromSecondInstance', () => {
  it.each([
    [
      { stores: ['/a', '/b'], links: [link] },
      { stores: ['/a', '/b'], links: [link] },
    ],
    [
      { stores: ['/a', 3, null, ' '], links: ['https://x', 4] },
      { stores: ['/a'], links: [] },
    ],
    [{ stores: 'nope' }, { stores: [], links: [] }],
    [null, { stores: [], links: [] }],
    [undefined, { stores: [], links: [] }],
    ['stores', { stores: [], links: [] }],
  ])('%j → %j', (data, expected) => {
    expect(targetsFromSecondInstance(data)).toEqual(expected);
  });
});
