/**
 * The column choices of an experiment (or a set of experiments): which columns, in what order, which
 * are pinned left and how wide, remembered in localStorage per experiment key. A preference naming a
 * column the runs no longer have is kept (the key may come back) but not shown.
 */
export interface ColumnPrefs {
  /** Visible columns in order. */
  visible: string[];
  /** Pinned to the left, in order (always shown first). */
  pinned: string[];
  /** Widths set by the user, in px. */
  widths: Record<string, number>;
}

const PREFIX = 'runlens.columns.';
export const MIN_WIDTH = 56;
export const MAX_WIDTH = 800;

/** One key per set of experiments (order does not matter). */
export function prefsKey(experimentRefs: readonly string[]): string {
  return PREFIX + [...experimentRefs].sort().join(',');
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

export function parsePrefs(raw: string | null): ColumnPrefs | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const v = value as Partial<Record<keyof ColumnPrefs, unknown>> | null;
  if (!v || !isStringArray(v.visible)) return null;
  const widths: Record<string, number> = {};
  if (v.widths && typeof v.widths === 'object') {
    for (const [id, w] of Object.entries(v.widths as Record<string, unknown>))
      if (typeof w === 'number' && w >= MIN_WIDTH && w <= MAX_WIDTH) widths[id] = Math.round(w);
  }
  return {
    visible: v.visible,
    pinned: isStringArray(v.pinned) ? v.pinned : ['name'],
    widths,
  };
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function loadPrefs(key: string): ColumnPrefs | null {
  return parsePrefs(storage()?.getItem(key) ?? null);
}

export function savePrefs(key: string, prefs: ColumnPrefs): void {
  try {
    storage()?.setItem(key, JSON.stringify(prefs));
  } catch {
    // Storage full or disabled: the choice lasts for this page only.
  }
}

/** Pinned columns first (in pinned order), then the rest; `name` is always shown. */
export function orderedVisible(prefs: Pick<ColumnPrefs, 'visible' | 'pinned'>): string[] {
  const visible = prefs.visible.includes('name') ? prefs.visible : ['name', ...prefs.visible];
  const pinned = prefs.pinned.filter((id) => visible.includes(id));
  return [...pinned, ...visible.filter((id) => !pinned.includes(id))];
}

/** Moves `id` one place towards the start (-1) or the end (+1) among the visible columns. */
export function moveColumn(visible: readonly string[], id: string, step: -1 | 1): string[] {
  const at = visible.indexOf(id);
  const to = at + step;
  if (at < 0 || to < 0 || to >= visible.length) return [...visible];
  const next = [...visible];
  next[at] = visible[to] as string;
  next[to] = id;
  return next;
}

export function clampWidth(width: number): number {
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.round(width)));
}
