import { describe, expect, it } from 'vitest';
import { childRunsFilter, filterEntries, gitCommitUrl, runSource, splitTags } from './runFacts';

const SHA = '9b99927e01d599ecb9d2afadebf25dcf630ef9f8';

describe('gitCommitUrl', () => {
  it('links GitHub https, scp-like ssh and ssh:// forms', () => {
    const want = `https://github.com/mlflow/mlflow/commit/${SHA}`;
    expect(gitCommitUrl('https://github.com/mlflow/mlflow', SHA)).toBe(want);
    expect(gitCommitUrl('https://github.com/mlflow/mlflow.git', SHA)).toBe(want);
    expect(gitCommitUrl('git@github.com:mlflow/mlflow.git', SHA)).toBe(want);
    expect(gitCommitUrl('ssh://git@github.com/mlflow/mlflow.git', SHA)).toBe(want);
  });
  it('links GitLab with its /-/commit/ path, nested groups included', () => {
    expect(gitCommitUrl('https://gitlab.com/g/sub/repo.git', SHA)).toBe(
      `https://gitlab.com/g/sub/repo/-/commit/${SHA}`,
    );
  });
  it('gives no link for unknown hosts, local paths, bad commits or scripts', () => {
    expect(gitCommitUrl('https://example.com/a/b', SHA)).toBeNull();
    expect(gitCommitUrl('/home/alice/repo', SHA)).toBeNull();
    expect(gitCommitUrl('https://github.com/a/b', 'HEAD; rm -rf')).toBeNull();
    expect(gitCommitUrl('javascript:alert(1)//github.com/a/b', SHA)).toBeNull();
    expect(gitCommitUrl(undefined, SHA)).toBeNull();
  });
});

describe('run tags', () => {
  it('folds mlflow.* tags apart, sorted', () => {
    const split = splitTags({ b: '2', 'mlflow.user': 'alice', a: '1', 'mlflow.runName': 'x' });
    expect(split.user).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
    expect(split.system.map(([k]) => k)).toEqual(['mlflow.runName', 'mlflow.user']);
  });
  it('reads the source and links the commit', () => {
    const src = runSource({
      'mlflow.source.type': 'LOCAL',
      'mlflow.source.name': 'train.py',
      'mlflow.source.git.commit': SHA,
      'mlflow.source.git.repoURL': 'git@github.com:acme/ml.git',
    });
    expect(src.name).toBe('train.py');
    expect(src.commitUrl).toBe(`https://github.com/acme/ml/commit/${SHA}`);
  });
  it('escapes quotes in the child filter and filters entries by key or value', () => {
    expect(childRunsFilter("a'b")).toBe("tags.mlflow.parentRunId = 'a\\'b'");
    const entries: [string, string][] = [
      ['optimizer/lr', '0.1'],
      ['solver', 'lbfgs'],
    ];
    expect(filterEntries(entries, 'LBF')).toEqual([['solver', 'lbfgs']]);
    expect(filterEntries(entries, '  ')).toBe(entries);
  });
});
