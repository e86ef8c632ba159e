/** Pure helpers of the lazy artifact tree: which folders a selected path opens, and folder paging. */
import type { FileInfo } from '../../../shared/common/types';

/** Children shown per folder before "show more" (a folder of 50,000 files must not render at once). */
export const TREE_PAGE = 200;

/** Every ancestor folder of a path, outermost first: `a/b/c.txt` → `['a', 'a/b']`. */
export function ancestorsOf(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  const out: string[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

/** Folders first, then files, each by name (as a file manager shows them). */
export function sortEntries(entries: FileInfo[]): FileInfo[] {
  return [...entries].sort((a, b) =>
    a.isDir !== b.isDir ? (a.isDir ? -1 : 1) : a.path.localeCompare(b.path),
  );
}

/** The first `pages` pages of a folder, and how many entries remain hidden. */
export function pageOf(entries: FileInfo[], pages: number): { shown: FileInfo[]; hidden: number } {
  const limit = Math.max(1, pages) * TREE_PAGE;
  return { shown: entries.slice(0, limit), hidden: Math.max(0, entries.length - limit) };
}

export function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}
