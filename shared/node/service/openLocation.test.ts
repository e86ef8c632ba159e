import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError } from '../../common/errors';
import { displayNameOf, locationToPath, resolveLocation } from './openLocation';

let root: string;

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof StoreError ? err.code : 'not a StoreError';
  }
  return undefined;
}

beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'runlens-open-')));
  // a bare mlruns folder with another name
  mkdirSync(join(root, 'tracking/0'), { recursive: true });
  writeFileSync(join(root, 'tracking/0/meta.yaml'), 'name: Default\n');
  // a project with both stores, one with only mlruns, one with only mlflow.db
  mkdirSync(join(root, 'both/mlruns/0'), { recursive: true });
  writeFileSync(join(root, 'both/mlflow.db'), 'SQLite format 3\0rest');
  mkdirSync(join(root, 'onlyruns/mlruns'), { recursive: true });
  mkdirSync(join(root, 'onlydb'), { recursive: true });
  writeFileSync(join(root, 'onlydb/mlflow.db'), 'SQLite format 3\0rest');
  // a SQLite file with an unusual name, a text file, an empty folder
  writeFileSync(join(root, 'tracking.data'), 'SQLite format 3\0more bytes here');
  writeFileSync(join(root, 'notes.txt'), 'hello');
  mkdirSync(join(root, 'empty'));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('resolveLocation', () => {
  it('detects an mlruns folder by its experiment folders', () => {
    expect(resolveLocation(join(root, 'tracking'))).toEqual({
      kind: 'file',
      path: join(root, 'tracking'),
    });
  });

  it('prefers mlflow.db over mlruns/ in a project folder, like MLflow 3.7+', () => {
    expect(resolveLocation(join(root, 'both'))).toEqual({
      kind: 'sqlite',
      path: join(root, 'both/mlflow.db'),
    });
    expect(resolveLocation(join(root, 'onlyruns'))).toEqual({
      kind: 'file',
      path: join(root, 'onlyruns/mlruns'),
    });
    expect(resolveLocation(join(root, 'onlydb'))).toEqual({
      kind: 'sqlite',
      path: join(root, 'onlydb/mlflow.db'),
    });
  });

  it('opens SQLite files by header, whatever their name', () => {
    expect(resolveLocation(join(root, 'tracking.data'))).toEqual({
      kind: 'sqlite',
      path: join(root, 'tracking.data'),
    });
  });

  it('resolves relative paths against cwd', () => {
    expect(resolveLocation('both', root).path).toBe(join(root, 'both/mlflow.db'));
    expect(resolveLocation('./tracking', root).kind).toBe('file');
  });

  it('accepts sqlite:/// and file:// URIs', () => {
    expect(resolveLocation('sqlite:///onlydb/mlflow.db', root).path).toBe(
      join(root, 'onlydb/mlflow.db'),
    );
    expect(resolveLocation(`sqlite:///${join(root, 'onlydb/mlflow.db')}`, '/').path).toBe(
      join(root, 'onlydb/mlflow.db'),
    );
    expect(resolveLocation(`file://${join(root, 'tracking')}`).kind).toBe('file');
  });

  it('opens http(s) URLs as tracking servers, refuses credentials in them and other schemes', () => {
    expect(resolveLocation('http://localhost:5000/')).toEqual({
      kind: 'rest',
      path: 'http://localhost:5000',
    });
    expect(resolveLocation('https://mlflow.example.com/prefix')).toEqual({
      kind: 'rest',
      path: 'https://mlflow.example.com/prefix',
    });
    expect(codeOf(() => resolveLocation('https://u:p@mlflow.example.com'))).toBe(
      'INVALID_ARGUMENT',
    );
    expect(codeOf(() => resolveLocation('postgresql://u@h/db'))).toBe('INVALID_ARGUMENT');
  });

  it('says a missing path or a non-store cannot be read, naming the path', () => {
    expect(codeOf(() => resolveLocation(join(root, 'missing')))).toBe('STORE_UNREADABLE');
    expect(() => resolveLocation(join(root, 'missing'))).toThrow(join(root, 'missing'));
    expect(codeOf(() => resolveLocation(join(root, 'notes.txt')))).toBe('STORE_UNREADABLE');
    expect(codeOf(() => resolveLocation(join(root, 'empty')))).toBe('STORE_UNREADABLE');
  });
});

describe('locationToPath', () => {
  it('expands ~ to the home folder', () => {
    expect(locationToPath('~/mlruns', '/x')).toBe(join(homedir(), 'mlruns'));
  });
});

describe('displayNameOf', () => {
  it('adds the parent folder to generic names', () => {
    expect(displayNameOf('/home/a/proj/mlruns')).toBe('proj/mlruns');
    expect(displayNameOf('/home/a/proj/mlflow.db')).toBe('proj/mlflow.db');
    expect(displayNameOf('/home/a/tracking.db')).toBe('tracking.db');
  });
});
