/**
 * Artifacts on the local disk, shared by FileStore and SqliteStore.
 *
 * Stored artifact locations usually point to another machine (`file:///Users/alice/…`, `/home/dan/…`,
 * `mlflow-artifacts:/1/…`, `./mlruns/1`). `resolveArtifactRoot` tries the stored location first, then
 * the candidates the store knows under the folder actually opened, and returns the first existing
 * directory. Reads are confined to that root: a path that escapes it is rejected.
 */
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { constants, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StoreError } from '../../common/errors';
import type { FileInfo, StoreProblem } from '../../common/types';
import type { ArtifactBytes } from './TrackingStore';

/** The local path a stored artifact URI names, or null when it is not a local path (s3://, http…). */
export function localPathOfUri(uri: string, baseDir: string): string | null {
  if (!uri) return null;
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri.startsWith('file://') ? uri : `file://${uri.slice('file:'.length)}`);
    } catch {
      return decodeURIComponent(uri.replace(/^file:(\/\/)?/, ''));
    }
  }
  if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(uri) && !/^[a-zA-Z]:[\\/]/.test(uri)) return null; // another scheme
  return isAbsolute(uri) ? uri : resolve(baseDir, uri);
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The first existing directory among the stored URI's local path and the store's candidates.
 * Returns null when none exists (a run with no artifacts, or artifacts kept elsewhere).
 */
export function resolveArtifactRoot(
  storedUri: string,
  baseDir: string,
  candidates: readonly string[],
): string | null {
  const stored = localPathOfUri(storedUri, baseDir);
  for (const path of [stored, ...candidates]) if (path && isDir(path)) return path;
  return null;
}

/**
 * Rebases a stored URI that points elsewhere onto `baseDir`: for `…/<anchor>/<rest>` (anchor one of
 * `mlruns`, `mlartifacts`) and `mlflow-artifacts:/<rest>`, yields `baseDir/<anchor>/<rest>` candidates.
 */
export function rebasedCandidates(storedUri: string, baseDir: string): string[] {
  const out: string[] = [];
  const proxied = /^mlflow-artifacts:(?:\/\/[^/]*)?\/(.*)$/.exec(storedUri);
  if (proxied?.[1] !== undefined)
    out.push(join(baseDir, 'mlartifacts', decodeURIComponent(proxied[1])));
  const path = (localPathOfUri(storedUri, baseDir) ?? '').replace(/\\/g, '/');
  for (const anchor of ['mlartifacts', 'mlruns']) {
    const at = path.lastIndexOf(`/${anchor}/`);
    if (at >= 0) out.push(join(baseDir, anchor, path.slice(at + anchor.length + 2)));
  }
  return out;
}

function invalidPath(relPath: string, reason: string): StoreError {
  return new StoreError(
    'INVALID_ARGUMENT',
    `Invalid artifact path '${relPath.replace(/\0/g, '\\0')}': ${reason}`,
  );
}

/**
 * The path as a server that decodes it (again and again) would see it: `%252e%252e` → `%2e%2e` → `..`.
 * Like MLflow's own check, an artifact path whose decoded form escapes is refused even though the store
 * itself never decodes: a name like that is an attack, not data. Bounded, and malformed escapes stop it.
 */
function decodedForms(relPath: string): string[] {
  const forms = [relPath];
  let current = relPath;
  for (let round = 0; round < 8 && current.includes('%'); round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      break;
    }
    if (next === current) break;
    forms.push(next);
    current = next;
  }
  return forms;
}

/**
 * Joins a user-given relative path onto root. Refuses, with INVALID_ARGUMENT: NUL bytes, absolute paths
 * (`/x`, `\x`, `C:`), and `..` segments, in the path as given or in any percent-decoded form of it, with
 * `\` read as a separator too (Windows would).
 */
export function safeJoin(root: string, relPath: string): string {
  for (const form of decodedForms(relPath)) {
    if (form.includes('\0')) throw invalidPath(relPath, 'it contains a NUL byte');
    const slashed = form.replace(/\\/g, '/');
    if (slashed.startsWith('/') || /^[a-zA-Z]:/.test(slashed))
      throw invalidPath(relPath, "it must be relative to the run's artifacts");
    if (slashed.split('/').includes('..'))
      throw invalidPath(relPath, "it must stay inside the run's artifacts");
  }
  const clean = relPath.replace(/\\/g, '/').replace(/\/+$/g, '');
  const full = resolve(root, clean);
  const rel = relative(root, full);
  if (rel.startsWith('..') || isAbsolute(rel))
    throw invalidPath(relPath, "it must stay inside the run's artifacts");
  return full;
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * `full` with every symlink resolved, refused when that leaves the artifact root (`evil -> /etc/passwd`,
 * `etc -> /etc`): the string checks of safeJoin cannot see links. Links that stay inside are fine.
 * Undefined when `full` does not exist (the caller answers "not found").
 */
async function confinedRealPath(
  root: string,
  full: string,
  path: string,
): Promise<string | undefined> {
  const realRoot = await realpath(root);
  const outside = (): StoreError =>
    new StoreError(
      'INVALID_ARGUMENT',
      `Artifact '${path}' is a symbolic link to somewhere outside the run's artifacts: not followed`,
    );
  try {
    const real = await realpath(full);
    if (!isInside(realRoot, real)) throw outside();
    return real;
  } catch (err) {
    if (err instanceof StoreError) throw err;
  }
  // Missing: still refuse when the part that exists leads out (`outlink/missing`), or "not found" would
  // tell whether a file exists outside the store.
  for (let dir = dirname(full); isInside(root, dir); dir = dirname(dir)) {
    let real: string;
    try {
      real = await realpath(dir);
    } catch {
      continue;
    }
    if (!isInside(realRoot, real)) throw outside();
    return undefined;
  }
  return undefined;
}

/** Where a listing reports the links it refuses: the store's problem list (FileStore, SqliteStore). */
export type ReportProblem = (problem: StoreProblem) => void;

/**
 * The store problem for a link under the artifact root that leads out of it. The path is the link's own
 * (inside the store, like every other problem's); the target is never named: the listing must not tell
 * what exists outside the store.
 */
function outsideLinkProblem(root: string, full: string): StoreProblem {
  const rel = relative(root, full).split(sep).join('/');
  return {
    path: full,
    message: `Artifact '${rel}' is a symbolic link that points outside the artifact root: not listed and never read`,
  };
}

/**
 * Direct children of `path` under root, sorted by path. A missing root or path gives []. Symlinks that
 * lead outside the root are left out (reading them is refused: confinedRealPath) and reported, so the
 * Problems panel says why a file the folder holds is not shown.
 */
export async function listLocalArtifacts(
  root: string | null,
  path: string,
  report?: ReportProblem,
): Promise<FileInfo[]> {
  if (!root) return [];
  const dir = safeJoin(root, path);
  let realDir: string | undefined;
  try {
    realDir = await confinedRealPath(root, dir, path);
  } catch (err) {
    if (err instanceof StoreError && err.code === 'INVALID_ARGUMENT')
      report?.(outsideLinkProblem(root, dir));
    throw err;
  }
  if (realDir === undefined) return [];
  let entries;
  try {
    entries = await readdir(realDir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw new StoreError(
      'STORE_UNREADABLE',
      `Cannot list artifacts in ${dir}: ${(err as Error).message}`,
    );
  }
  const realRoot = await realpath(root);
  const prefix = relative(root, dir).split(sep).join('/');
  const out: FileInfo[] = [];
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push({ path: rel, isDir: true });
    else {
      try {
        const target = join(realDir, entry.name);
        if (entry.isSymbolicLink() && !isInside(realRoot, await realpath(target))) {
          report?.(outsideLinkProblem(root, join(dir, entry.name)));
          continue;
        }
        const info = await stat(target);
        out.push(
          info.isDirectory()
            ? { path: rel, isDir: true }
            : { path: rel, isDir: false, fileSize: info.size },
        );
      } catch {
        // vanished between readdir and stat, or a broken link: nothing there to list
      }
    }
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Reads at most maxBytes of one file under root. */
export async function readLocalArtifact(
  root: string | null,
  path: string,
  maxBytes: number,
): Promise<ArtifactBytes> {
  if (!root)
    throw new StoreError(
      'NOT_FOUND',
      `Artifact '${path}' not found: this run has no local artifacts`,
    );
  const full = (await confinedRealPath(root, safeJoin(root, path), path)) ?? safeJoin(root, path);
  let handle;
  try {
    // Non-blocking: opening a FIFO for reading would wait for a writer, holding a file-I/O thread.
    handle = await open(full, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new StoreError('NOT_FOUND', `Artifact '${path}' not found (${full})`);
    if (code === 'EISDIR')
      throw new StoreError('INVALID_ARGUMENT', `Artifact '${path}' is a directory`);
    throw new StoreError(
      'STORE_UNREADABLE',
      `Cannot read artifact ${full}: ${(err as Error).message}`,
    );
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory())
      throw new StoreError('INVALID_ARGUMENT', `Artifact '${path}' is a directory`);
    if (!info.isFile())
      throw new StoreError(
        'INVALID_ARGUMENT',
        `Artifact '${path}' is not a regular file (a FIFO, socket or device is never read)`,
      );
    const length = Math.min(info.size, maxBytes);
    const bytes = new Uint8Array(length);
    let read = 0;
    while (read < length) {
      const { bytesRead } = await handle.read(bytes, read, length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return { bytes: read === length ? bytes : bytes.subarray(0, read), size: info.size };
  } finally {
    await handle.close();
  }
}
