/**
 * CSV/TSV for a preview table: RFC 4180 quoting (quotes, separators and newlines inside quoted fields),
 * at most `maxRows` rows; a truncated last line (the read stopped mid-file) is dropped, not shown half.
 */
export interface DelimitedTable {
  rows: string[][];
  /** More rows exist beyond maxRows or beyond the bytes read. */
  more: boolean;
}

export function parseDelimited(
  text: string,
  separator: ',' | '\t',
  maxRows: number,
  truncated: boolean,
): DelimitedTable {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  let rowComplete = true;
  while (i < text.length) {
    const ch = text[i];
    rowComplete = false;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      rowComplete = true;
      if (rows.length >= maxRows) return { rows, more: i + 1 < text.length || truncated };
    } else field += ch;
    i++;
  }
  if (!rowComplete && !truncated) {
    row.push(field);
    rows.push(row);
  }
  return { rows, more: truncated };
}
