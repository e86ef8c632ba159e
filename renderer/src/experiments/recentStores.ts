/** Stores opened from "Open…", most recent first, remembered in localStorage (locations only). */
const KEY = 'runlens.recentStores';
export const MAX_RECENT = 8;

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function parseRecent(raw: string | null): string[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    return Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string' && v !== '').slice(0, MAX_RECENT)
      : [];
  } catch {
    return [];
  }
}

export function withRecent(list: readonly string[], location: string): string[] {
  return [location, ...list.filter((l) => l !== location)].slice(0, MAX_RECENT);
}

export function loadRecentStores(): string[] {
  return parseRecent(storage()?.getItem(KEY) ?? null);
}

export function rememberStore(location: string): void {
  try {
    storage()?.setItem(KEY, JSON.stringify(withRecent(loadRecentStores(), location)));
  } catch {
    // Storage full or disabled: nothing remembered.
  }
}
