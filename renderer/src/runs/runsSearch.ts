/**
 * The runs view's state in the URL (`/runs?…`, renderer.md's route map): which experiments, the filter,
 * the sort, the columns, the grouping, the selection and whether deleted runs show. Everything here is
 * untrusted input (a link pasted from anywhere), so each field is checked and anything odd is dropped,
 * never thrown: a bad link opens the view with defaults rather than an error page.
 */
import type { Experiment } from '../../../shared/common/types';
import { list, text } from '../searchParams';

export interface RunsSearch {
  /** Experiments shown, as `storeId:experimentId`. */
  e: string[];
  filter?: string;
  /** `columnId:asc` or `columnId:desc`; absent: the store's order (newest first). */
  sort?: string;
  /** Visible columns in order (column ids); absent: the remembered or default columns. */
  cols?: string[];
  /** Group rows by this column (a param `p:key` or tag `t:key`). */
  group?: string;
  /** The metric column whose mean/min/max each group shows. */
  agg?: string;
  view?: 'table' | 'chart';
  /** The experiment view's section: absent for the runs, else its logged models or traces (MLflow 3). */
  tab?: 'models' | 'traces';
  /** Selected runs, as `storeId:runId`. */
  sel?: string[];
  deleted?: boolean;
}

export interface RunRef {
  storeId: string;
  id: string;
}

/** `storeId:id` with both parts present (the id may itself hold colons). */
export function parseRef(value: string): RunRef | null {
  const at = value.indexOf(':');
  if (at <= 0 || at === value.length - 1) return null;
  return { storeId: value.slice(0, at), id: value.slice(at + 1) };
}

export function formatRef(storeId: string, id: string): string {
  return `${storeId}:${id}`;
}

export interface SortSpec {
  columnId: string;
  ascending: boolean;
}

export function parseSort(value: string | undefined): SortSpec | null {
  if (!value) return null;
  const at = value.lastIndexOf(':');
  if (at <= 0) return null;
  const dir = value.slice(at + 1);
  if (dir !== 'asc' && dir !== 'desc') return null;
  return { columnId: value.slice(0, at), ascending: dir === 'asc' };
}

export function formatSort(sort: SortSpec | null): string | undefined {
  return sort ? `${sort.columnId}:${sort.ascending ? 'asc' : 'desc'}` : undefined;
}

/** The route's validateSearch: every field checked, unknown fields dropped. */
export function validateRunsSearch(raw: Record<string, unknown>): RunsSearch {
  const out: RunsSearch = {
    e: (list(raw.e) ?? []).filter((ref) => parseRef(ref) !== null),
  };
  const filter = text(raw.filter);
  if (filter !== undefined) out.filter = filter;
  const sort = text(raw.sort);
  if (parseSort(sort)) out.sort = sort;
  const cols = list(raw.cols);
  if (cols) out.cols = cols;
  const group = text(raw.group);
  if (group && /^[pt]:./.test(group)) out.group = group;
  const agg = text(raw.agg);
  if (agg && /^m(min|max)?:./.test(agg)) out.agg = agg;
  if (raw.view === 'table' || raw.view === 'chart') out.view = raw.view;
  if (raw.tab === 'models' || raw.tab === 'traces') out.tab = raw.tab;
  const sel = list(raw.sel)?.filter((ref) => parseRef(ref) !== null);
  if (sel && sel.length > 0) out.sel = sel;
  if (raw.deleted === true || raw.deleted === 'true') out.deleted = true;
  return out;
}

/** The experiments of `e`, grouped by store, in the order given. */
export function experimentsByStore(refs: readonly string[]): Map<string, string[]> {
  const byStore = new Map<string, string[]>();
  for (const value of refs) {
    const ref = parseRef(value);
    if (!ref) continue;
    const ids = byStore.get(ref.storeId);
    if (ids) ids.push(ref.id);
    else byStore.set(ref.storeId, [ref.id]);
  }
  return byStore;
}

/** Every experiment shown is deleted (the view then lists deleted runs too); false when none is shown. */
export function onlyDeletedShown(
  refs: readonly string[],
  experimentOf: (ref: string) => Experiment | undefined,
): boolean {
  return refs.length > 0 && refs.every((ref) => experimentOf(ref)?.lifecycleStage === 'deleted');
}
