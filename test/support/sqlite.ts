/**
 * Test support for the SqliteStore tests: the two real-MLflow fixture stores, their id maps and captured
 * REST answers, and throwaway databases in the OS temp folder (never under test/fixtures).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openTestWriter } from './sqliteWriter';

export const FIXTURE_VERSIONS = ['mlflow-2.12.2.dev0', 'mlflow-3.1.2.dev0'] as const;
export type FixtureVersion = (typeof FIXTURE_VERSIONS)[number];

const FIXTURES = resolve(import.meta.dirname, '../fixtures');

export function fixtureDir(version: FixtureVersion): string {
  return join(FIXTURES, version);
}

export function fixtureDb(version: FixtureVersion): string {
  return join(fixtureDir(version), 'mlflow.db');
}

export interface SqliteIds {
  experiments: Record<string, string>;
  runs: Record<string, string>;
  model_runs: string[];
}

export function fixtureIds(version: FixtureVersion): SqliteIds {
  return JSON.parse(
    readFileSync(join(fixtureDir(version), 'ids-sqlite.json'), 'utf8'),
  ) as SqliteIds;
}

/** A captured REST response body of `mlflow server` on this fixture's mlflow.db. */
export function restJson<T = unknown>(version: FixtureVersion, file: string): T {
  return JSON.parse(readFileSync(join(fixtureDir(version), 'rest', file), 'utf8')) as T;
}

export function restText(version: FixtureVersion, file: string): string {
  return readFileSync(join(fixtureDir(version), 'rest', file), 'utf8');
}

/** REST metric values: NaN is the string "NaN"; the SQL store sends ±inf clamped to ±DBL_MAX. */
export function restMetricValue(value: number | string): number {
  if (value === 'NaN') return Number.NaN;
  if (value === 'Infinity') return Infinity;
  if (value === '-Infinity') return -Infinity;
  const n = Number(value);
  return n >= 1.7976931348623157e308 ? Infinity : n <= -1.7976931348623157e308 ? -Infinity : n;
}

/** A fresh temp folder; `cleanup()` removes it. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'runlens-sqlite-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Creates a database at `path` from SQL statements (for synthetic schemas). */
export function createDb(path: string, sql: string): void {
  const db = openTestWriter(path);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}
