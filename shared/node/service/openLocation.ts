/**
 * Turns what a user typed or picked (a folder, a file, a tracking URI) into the store to open.
 *
 * Accepted, like MLflow's own tracking URIs:
 * - an mlruns folder (it holds experiment folders with `meta.yaml`, `.trash/` or `models/`) → file store;
 * - a project folder holding `mlflow.db` and/or `mlruns/` → that store. When both exist, `mlflow.db`
 *   wins, as MLflow 3.7+ defaults to `sqlite:///mlflow.db` (older projects that moved on keep a stale
 *   mlruns/ beside the database);
 * - a SQLite file: a name ending .db/.sqlite/.sqlite3, or any file starting with the SQLite header;
 * - `sqlite:///relative.db`, `sqlite:////abs/path.db`, `file:///abs/path` and `~/…` paths.
 * - `http(s)://…` → an MLflow tracking server (RestStore); the location is the URL without a trailing
 *   slash. Credentials in the URL are refused: they would show wherever the location is shown.
 * SQL servers are refused with INVALID_ARGUMENT.
 *
 * Relative paths resolve against `cwd` (process.cwd() by default). Nothing is written or created.
 */
import {
  closeSync,
  openSync,
  readSync,
  readdirSync,
  realpathSync,
  statSync,
  type Stats,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StoreError } from '../../common/errors';
import type { StoreKind } from '../../common/types';

export interface ResolvedLocation {
  kind: StoreKind;
  /** Absolute path of the mlruns folder or of the SQLite file (symlinks resolved), or the server URL. */
  path: string;
}

const SQLITE_HEADER = 'SQLite format 3\0';
const SQLITE_NAME = /\.(db|sqlite|sqlite3)$/i;

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function hasSqliteHeader(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(16);
    return readSync(fd, buf, 0, 16, 0) === 16 && buf.toString('latin1') === SQLITE_HEADER;
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** An mlruns folder: experiment folders with meta.yaml, or MLflow's own `.trash/` / `models/` folders. */
function isMlrunsFolder(dir: string): boolean {
  if (basename(dir) === 'mlruns') return true;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  return entries.some(
    (e) =>
      e.isDirectory() &&
      (e.name === '.trash' || statOrNull(join(dir, e.name, 'meta.yaml'))?.isFile() === true),
  );
}

/** The local path named by a location string, or throws for URIs Runlens cannot open. */
export function locationToPath(location: string, cwd: string): string {
  const text = location.trim();
  const sqlite = /^sqlite:\/\/(.*)$/i.exec(text);
  if (sqlite) {
    // SQLAlchemy: sqlite:///rel.db is relative, sqlite:////abs.db absolute; a query string is options.
    const rest = (sqlite[1] ?? '').replace(/\?.*$/, '');
    if (!rest.startsWith('/') || rest === '/') {
      throw new StoreError(
        'INVALID_ARGUMENT',
        `Cannot open '${location}': expected sqlite:///relative.db or sqlite:////absolute/path.db`,
      );
    }
    return resolve(cwd, decodeURIComponent(rest.slice(1)));
  }
  if (/^file:/i.test(text)) {
    try {
      return fileURLToPath(
        text.startsWith('file://') ? text : `file://${text.slice('file:'.length)}`,
      );
    } catch {
      return resolve(cwd, decodeURIComponent(text.replace(/^file:(\/\/)?/i, '')));
    }
  }
  if (/^https?:\/\//i.test(text)) return serverUrl(text);
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(text);
  if (scheme) {
    throw new StoreError(
      'INVALID_ARGUMENT',
      `Tracking URIs of scheme '${scheme[1] ?? ''}' are not supported: open a local mlruns folder or mlflow.db`,
    );
  }
  if (text === '~' || text.startsWith('~/')) return join(homedir(), text.slice(1));
  return resolve(cwd, text);
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** A tracking server URL as the store's location: no credentials, no trailing slash. */
function serverUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new StoreError(
      'INVALID_ARGUMENT',
      `'${text.replace(/\/\/[^/@]*@/, '//')}' is not a valid server URL`,
    );
  }
  if (url.username || url.password) {
    throw new StoreError(
      'INVALID_ARGUMENT',
      'Put credentials in MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD or MLFLOW_TRACKING_TOKEN, not in the server URL',
    );
  }
  return url.toString().replace(/\/+$/, '');
}

/** Finds the store at `location`; throws STORE_UNREADABLE (naming the path) when there is none. */
export function resolveLocation(location: string, cwd: string = process.cwd()): ResolvedLocation {
  const path = locationToPath(location, cwd);
  if (/^https?:\/\//i.test(path)) return { kind: 'rest', path };
  const info = statOrNull(path);
  if (!info) {
    throw new StoreError(
      'STORE_UNREADABLE',
      `${path} does not exist: give an mlruns folder, a project folder or an mlflow.db file`,
    );
  }
  if (info.isFile()) {
    if (SQLITE_NAME.test(path) || hasSqliteHeader(path))
      return { kind: 'sqlite', path: canonical(path) };
    throw new StoreError(
      'STORE_UNREADABLE',
      `${path} is not an MLflow store: it is neither a SQLite database nor a folder`,
    );
  }
  if (!info.isDirectory())
    throw new StoreError('STORE_UNREADABLE', `${path} is not a file or folder`);
  if (isMlrunsFolder(path)) return { kind: 'file', path: canonical(path) };
  const db = join(path, 'mlflow.db');
  if (statOrNull(db)?.isFile()) return { kind: 'sqlite', path: canonical(db) };
  const mlruns = join(path, 'mlruns');
  if (statOrNull(mlruns)?.isDirectory()) return { kind: 'file', path: canonical(mlruns) };
  throw new StoreError(
    'STORE_UNREADABLE',
    `${path} is not an MLflow store: expected an mlruns folder, a folder holding mlruns/ or mlflow.db, or a .db file`,
  );
}

/** Short name for a store: its file or folder name, with the parent for the generic names. */
export function displayNameOf(path: string): string {
  if (/^https?:\/\//i.test(path)) return path.replace(/^https?:\/\//i, '');
  const name = basename(path);
  if (name === 'mlruns' || name === 'mlflow.db') {
    const parent = basename(dirname(path));
    return parent ? `${parent}/${name}` : name;
  }
  return name || path;
}
