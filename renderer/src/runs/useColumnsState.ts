/**
 * Which columns the table shows: the URL's `cols` when a link carries them, else what the user chose
 * for this set of experiments (localStorage), else the defaults for the keys the runs have. Pins and
 * widths are remembered too; changing columns rewrites `cols` in place (no new history entry).
 */
import { useState } from 'react';
import {
  availableColumnIds,
  columnSpec,
  defaultColumnIds,
  type ColumnSpec,
  type RunKeys,
} from './columns';
import {
  clampWidth,
  loadPrefs,
  orderedVisible,
  prefsKey,
  savePrefs,
  type ColumnPrefs,
} from './columnPrefs';
import type { ColumnChoice } from './ColumnChooser';

export interface ColumnsState {
  specs: ColumnSpec[];
  pinnedCount: number;
  widths: Record<string, number>;
  available: string[];
  choice: ColumnChoice;
  choose(choice: ColumnChoice): void;
  reset(): void;
  setWidths(widths: Record<string, number>): void;
}

export function useColumnsState(
  experimentRefs: readonly string[],
  keys: RunKeys,
  urlCols: readonly string[] | undefined,
  setUrlCols: (cols: string[] | undefined) => void,
): ColumnsState {
  const storageKey = prefsKey(experimentRefs);
  const [version, setVersion] = useState(0);
  const stored = loadPrefs(storageKey);
  void version; // re-read after each save
  const multi = experimentRefs.length > 1;
  const prefs: ColumnPrefs = {
    visible: urlCols ? [...urlCols] : (stored?.visible ?? defaultColumnIds(keys, multi)),
    pinned: stored?.pinned ?? ['name'],
    widths: stored?.widths ?? {},
  };
  const ordered = orderedVisible(prefs).filter((id) => columnSpec(id) !== null);
  const specs = ordered.map((id) => columnSpec(id) as ColumnSpec);
  const pinnedCount = ordered.filter((id) => prefs.pinned.includes(id)).length;

  const save = (next: ColumnPrefs): void => {
    savePrefs(storageKey, next);
    setVersion((v) => v + 1);
  };

  return {
    specs,
    pinnedCount,
    widths: prefs.widths,
    available: availableColumnIds(keys, multi),
    choice: { visible: ordered, pinned: prefs.pinned },
    choose(choice) {
      save({ ...prefs, visible: choice.visible, pinned: choice.pinned });
      setUrlCols(choice.visible);
    },
    reset() {
      try {
        localStorage.removeItem(storageKey);
      } catch {
        // nothing stored
      }
      setVersion((v) => v + 1);
      setUrlCols(undefined);
    },
    setWidths(widths) {
      const clamped = Object.fromEntries(
        Object.entries(widths).map(([id, w]) => [id, clampWidth(w)]),
      );
      save({ ...prefs, visible: ordered, widths: { ...prefs.widths, ...clamped } });
    },
  };
}
