/** Builds the CSV of the rows and columns shown and hands it to the browser as a download. */
import type { Run } from '../../../shared/common/types';
import { cellValue, type ColumnSpec, type RangeIndex } from './columns';
import { toCsv, type CsvValue } from './csv';
import type { TableRow } from './tableModel';

function exportValue(
  run: Run,
  spec: ColumnSpec,
  ranges: RangeIndex,
  experimentName: (run: Run) => string,
): CsvValue {
  const value = cellValue(run, spec, ranges, experimentName);
  if (value === null) return null;
  if (spec.id === 'start') return new Date(value as number).toISOString();
  if (spec.id === 'duration') return (value as number) / 1000;
  return value;
}

export function runsCsv(
  rows: readonly TableRow[],
  columns: readonly ColumnSpec[],
  ranges: RangeIndex,
  experimentName: (run: Run) => string,
): string {
  const header = columns.flatMap((c) =>
    c.id === 'name' ? ['Run', 'Run ID'] : c.id === 'duration' ? ['Duration (s)'] : [c.label],
  );
  const lines = rows.flatMap((row) => {
    if (row.kind !== 'run') return [];
    return [
      columns.flatMap((c): CsvValue[] =>
        c.id === 'name'
          ? [row.run.info.runName, row.run.info.runId]
          : [exportValue(row.run, c, ranges, experimentName)],
      ),
    ];
  });
  return toCsv(header, lines);
}

export function downloadText(filename: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from the experiment names: letters, digits, dashes. */
export function csvFileName(names: readonly string[]): string {
  const base = names
    .join('+')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return `runs-${base || 'export'}.csv`;
}
