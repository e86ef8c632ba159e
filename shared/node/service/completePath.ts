/**
 * completePath: what "Open…" offers while a path is typed in a browser (the web host is local, so its
 * folders are the user's). Only names: the folder of the prefix is listed, each entry is classified by
 * names alone (an mlruns folder, a project folder holding mlflow.db or mlruns/, a .db file), no file is
 * opened and nothing is read from one. Hidden entries show only once the typed name starts with a dot.
 */
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { PathCompletion, PathEntry } from '../../common/contract';
import type { StoreKind } from '../../common/types';
import { locationToPath } from './openLocation';

/** At most this many entries per answer (a folder of 50,000 run folders stays a short list). */
export const MAX_PATH_ENTRIES = 100;
const SQLITE_NAME = /\.(db|sqlite|sqlite3)$/i;

function names(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The store a folder would open as, judged from the names in it (and one level down for mlruns). */
function folderStore(path: string): StoreKind | null {
  if (basename(path) === 'mlruns') return 'file';
  if (isFile(join(path, 'mlflow.db'))) return 'sqlite';
  if (isDirectory(join(path, 'mlruns'))) return 'file';
  // An mlruns folder under another name: experiment folders with meta.yaml, or MLflow's .trash/.
  const children = names(path);
  const looksLikeMlruns = children.some(
    (e) => e.isDirectory() && (e.name === '.trash' || isFile(join(path, e.name, 'meta.yaml'))),
  );
  return looksLikeMlruns ? 'file' : null;
}

/** Splits a typed prefix into the folder to list and the start of the name being typed. */
function splitPrefix(prefix: string, cwd: string): { dir: string; partial: string } {
  if (prefix === '') return { dir: cwd, partial: '' };
  const path = locationToPath(prefix, cwd);
  const endsWithSep = /[\\/]$/.test(prefix) || prefix === '~';
  if (endsWithSep) return { dir: path, partial: '' };
  return { dir: dirname(path), partial: basename(path) };
}

export function completePath(prefix: string, cwd: string): PathCompletion {
  const { dir, partial } = splitPrefix(prefix.trim(), cwd);
  const lower = partial.toLowerCase();
  const showHidden = partial.startsWith('.');
  const matches = names(dir)
    .filter(
      (e) => e.name.toLowerCase().startsWith(lower) && (showHidden || !e.name.startsWith('.')),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  const entries: PathEntry[] = [];
  let considered = 0;
  for (const entry of matches) {
    if (entries.length >= MAX_PATH_ENTRIES) break;
    considered += 1;
    const path = join(dir, entry.name);
    // Symlinks are followed for the kind (a linked store is a store), through stat.
    const dirLike = entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(path));
    if (dirLike) {
      entries.push({ name: entry.name, path: path + sep, isDir: true, store: folderStore(path) });
    } else if (SQLITE_NAME.test(entry.name)) {
      entries.push({ name: entry.name, path, isDir: false, store: 'sqlite' });
    }
  }
  return { dir, entries, truncated: considered < matches.length };
}
