/**
 * Named comparison sets, kept by the app (the renderer's localStorage), never in a store: Runlens
 * does not write to stores. A set is the compare page's URL state: runs ("storeId:runId") and metrics.
 */
export interface CompareSet {
  name: string;
  runs: string[];
  metrics?: string[];
}

const KEY = 'runlens.compareSets.v1';

type KV = Pick<Storage, 'getItem' | 'setItem'>;

function isSet(v: unknown): v is CompareSet {
  const s = v as CompareSet;
  return (
    typeof s === 'object' &&
    s !== null &&
    typeof s.name === 'string' &&
    Array.isArray(s.runs) &&
    s.runs.every((r) => typeof r === 'string')
  );
}

export function loadSets(storage: KV = localStorage): CompareSet[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isSet) : [];
  } catch {
    // A corrupt entry must not break the page: start again with no sets.
    return [];
  }
}

/** Saves (or replaces, by name) a set; returns the new list. */
export function saveSet(set: CompareSet, storage: KV = localStorage): CompareSet[] {
  const sets = [...loadSets(storage).filter((s) => s.name !== set.name), set].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  storage.setItem(KEY, JSON.stringify(sets));
  return sets;
}

export function deleteSet(name: string, storage: KV = localStorage): CompareSet[] {
  const sets = loadSets(storage).filter((s) => s.name !== name);
  storage.setItem(KEY, JSON.stringify(sets));
  return sets;
}

/** "storeId:runId" → parts; the run id is everything after the first colon (store ids hold none). */
export function parseRunRef(ref: string): { storeId: string; runId: string } | undefined {
  const i = ref.indexOf(':');
  if (i <= 0 || i === ref.length - 1) return undefined;
  return { storeId: ref.slice(0, i), runId: ref.slice(i + 1) };
}
