/**
 * Test helper: temp copies of the fixture stores that tests may change the way MLflow writes, with every
 * file and folder dated an hour back (so their fingerprints are not racy), and temp cache folders. Only
 * tests import this file.
 */
import {
  appendFileSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FileStore, type FileStoreOptions } from '../../shared/node/stores/file/FileStore';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures');
export const VERSIONS = ['mlflow-2.12.2.dev0', 'mlflow-3.1.2.dev0'] as const;

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `runlens-${prefix}-`));
}

/** Sets the times of `path` and everything under it to `hoursAgo` hours back. */
export function backdate(path: string, hoursAgo = 1): void {
  const when = new Date(Date.now() - hoursAgo * 3600_000);
  const walk = (p: string): void => {
    for (const e of readdirSync(p, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(p, e.name));
      else utimesSync(join(p, e.name), when, when);
    }
    utimesSync(p, when, when);
  };
  walk(path);
}

/** A backdated copy of a fixture's mlruns; returns the copy's root. */
export function copyFixture(version: (typeof VERSIONS)[number] = 'mlflow-3.1.2.dev0'): string {
  const root = join(tempDir('store'), 'mlruns');
  cpSync(join(FIXTURES, version, 'mlruns'), root, { recursive: true });
  backdate(root);
  return root;
}

export function fixtureIds(version: (typeof VERSIONS)[number] = 'mlflow-3.1.2.dev0'): {
  experiments: Record<string, string>;
  runs: Record<string, string>;
} {
  return JSON.parse(readFileSync(join(FIXTURES, version, 'ids-file.json'), 'utf8')) as {
    experiments: Record<string, string>;
    runs: Record<string, string>;
  };
}

/** An opened store with the experiments' ids. */
export async function openStore(
  root: string,
  options: FileStoreOptions = {},
): Promise<{ store: FileStore; ids: string[] }> {
  const store = new FileStore(root, options);
  await store.open();
  return { store, ids: (await store.listExperiments()).map((e) => e.experimentId) };
}

/** Appends one metric point as MLflow does (`<ts> <value> <step>\n`). */
export function logMetric(runDir: string, key: string, value: number, step: number): void {
  appendFileSync(join(runDir, 'metrics', key), `${Date.now()} ${value} ${step}\n`);
}

/** Sets a tag as MLflow does: the file is (over)written in place. */
export function setTag(runDir: string, key: string, value: string): void {
  writeFileSync(join(runDir, 'tags', key), value);
}

/** Rewrites one `field: value` line of a meta.yaml in place, as MLflow's write_yaml(overwrite) does. */
export function setMetaField(metaPath: string, field: string, value: string): void {
  const text = readFileSync(metaPath, 'utf8');
  const line = new RegExp(`^${field}:.*$`, 'm');
  writeFileSync(
    metaPath,
    line.test(text) ? text.replace(line, `${field}: ${value}`) : `${text}${field}: ${value}\n`,
  );
}
