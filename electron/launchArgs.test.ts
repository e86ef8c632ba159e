import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storesFromArgv, storesFromSecondInstance } from './launchArgs';

describe('storesFromArgv', () => {
  const cwd = '/home/me/project';
  it('takes the arguments after the first --, resolved against the launch directory', () => {
    const argv = [
      '/x/electron',
      '--inspect=0',
      '/x/dist/electron/main.cjs',
      '--',
      './mlruns',
      '/abs/mlflow.db',
    ];
    expect(storesFromArgv(argv, cwd)).toEqual([resolve(cwd, 'mlruns'), '/abs/mlflow.db']);
  });

  it('keeps URLs as given and ignores empty arguments', () => {
    expect(
      storesFromArgv(['e', 'main.cjs', '--', 'http://localhost:5000', '', '--', 'a'], cwd),
    ).toEqual(['http://localhost:5000', resolve(cwd, '--'), resolve(cwd, 'a')]);
  });

  it('opens nothing without a --', () => {
    expect(storesFromArgv(['electron', 'main.cjs', './mlruns'], cwd)).toEqual([]);
  });
});

describe('storesFromSecondInstance', () => {
  it.each([
    [{ stores: ['/a', '/b'] }, ['/a', '/b']],
    [{ stores: ['/a', 3, null, ' '] }, ['/a']],
    [{ stores: 'nope' }, []],
    [null, []],
    [undefined, []],
    ['stores', []],
  ])('%j → %j', (data, expected) => {
    expect(storesFromSecondInstance(data)).toEqual(expected);
  });
});
