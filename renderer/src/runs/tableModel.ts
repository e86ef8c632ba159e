/** What the runs table renders: run rows (a tree or groups), group headers and missing-parent rows. */
import type { GroupRow } from './grouping';
import type { MissingParentRow, RunRow } from './runTree';

export type TableRow = RunRow | MissingParentRow | GroupRow;

/** Fixed row height: the virtualizer places rows from their index alone. */
export const ROW_HEIGHT = 28;
/** The selection checkbox column, pinned first. */
export const SELECT_COLUMN = 'select';
export const SELECT_WIDTH = 34;
export const INDENT = 16;

/** The runs a range of rows covers (shift-click selection): run rows only, in table order. */
export function runKeysBetween(rows: readonly TableRow[], a: number, b: number): string[] {
  const [from, to] = a <= b ? [a, b] : [b, a];
  return rows
    .slice(from, to + 1)
    .filter((r) => r.kind === 'run')
    .map((r) => r.key);
}
