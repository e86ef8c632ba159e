/**
 * Loads the real `mlflow server` captures of a fixture (`rest/` or `rest-filestore/`): `index.json` tells
 * what was asked (method, path, query, JSON body) and which file holds the answer.
 *
 * Fixture facts shared by the conformance suites live here too: where the fixtures are, the logical-name
 * → id maps, and the one experiment (`remote-proxied`, run `via-rest`) that the capturing servers had
 * and our stores do not.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../fixtures');
export const VERSIONS = ['mlflow-2.12.2.dev0', 'mlflow-3.1.2.dev0'] as const;
export type FixtureVersion = (typeof VERSIONS)[number];

/** Created through the capturing servers before capturing; not in `mlruns/` nor in `mlflow.db`. */
export const SERVER_ONLY_EXPERIMENT = 'remote-proxied';

export interface FixtureIds {
  experiments: Record<string, string>;
  runs: Record<string, string>;
  model_runs: string[];
  mlflow_version: string;
  failed_operations: { op: string; error: string }[];
}

export function fixtureDir(version: FixtureVersion): string {
  return join(FIXTURES_DIR, version);
}

export function loadIds(version: FixtureVersion, kind: 'file' | 'sqlite'): FixtureIds {
  return JSON.parse(
    readFileSync(join(fixtureDir(version), `ids-${kind}.json`), 'utf8'),
  ) as FixtureIds;
}

/** The id of a logical run (`iris-0`, `fc-4`…); throws on a name the fixture does not have. */
export function runId(ids: FixtureIds, logical: string): string {
  const id = ids.runs[logical];
  if (id === undefined) throw new Error(`no run '${logical}' in the fixture ids`);
  return id;
}

export interface Capture {
  file: string;
  method: 'GET' | 'POST';
  path: string;
  /** Query parameters as sent; repeated ones are arrays. */
  query: Record<string, unknown>;
  query_string: string;
  /** JSON body sent (POST), null otherwise. */
  body: Record<string, unknown> | null;
  status: number;
  content_type: string;
  note?: string;
}

export class CaptureSet {
  readonly entries: Capture[];

  constructor(readonly dir: string) {
    this.entries = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as Capture[];
  }

  /** The capture saved as `file`; throws when there is none (a renamed capture must fail loudly). */
  get(file: string): Capture {
    const found = this.entries.find((e) => e.file === file);
    if (!found) throw new Error(`no capture ${file} in ${this.dir}`);
    return found;
  }

  /** Every capture whose file name starts with `prefix` (e.g. `runs-search.`). */
  matching(prefix: string): Capture[] {
    return this.entries.filter((e) => e.file.startsWith(prefix));
  }

  /** The response body parsed as JSON. */
  json<T = Record<string, unknown>>(file: string): T {
    return JSON.parse(readFileSync(join(this.dir, this.get(file).file), 'utf8')) as T;
  }

  bytes(file: string): Buffer {
    return readFileSync(join(this.dir, this.get(file).file));
  }
}

export function loadCaptures(
  version: FixtureVersion,
  backend: 'rest' | 'rest-filestore',
): CaptureSet {
  return new CaptureSet(join(fixtureDir(version), backend));
}

/** A string query parameter of a capture; throws when absent so a test never compares against undefined. */
export function queryString(capture: Capture, name: string): string {
  const value = capture.query[name];
  if (value === undefined || value === null)
    throw new Error(`${capture.file}: no query parameter ${name}`);
  return String(value);
}

/** A JSON body field of a capture, or undefined. */
export function bodyField<T>(capture: Capture, name: string): T | undefined {
  return (capture.body?.[name] ?? undefined) as T | undefined;
}

/** MLflow page tokens are base64 JSON `{"offset": n}` (plus search arguments for logged models). */
export function tokenOffset(token: string): number {
  const decoded = JSON.parse(Buffer.from(token, 'base64').toString('utf8')) as { offset?: unknown };
  if (typeof decoded.offset !== 'number') throw new Error(`page token without offset: ${token}`);
  return decoded.offset;
}
