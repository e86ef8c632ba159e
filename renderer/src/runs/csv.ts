/**
 * CSV of what the table shows (mlflow#927): the visible columns in their order, the rows in their
 * order. Text that a spreadsheet would run as a formula (starting with = + - @, or a tab or CR) is
 * neutralised with a leading apostrophe (OWASP's CSV injection advice); numbers are written as numbers.
 */

export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return String(value);
  }
  const text = notAFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Text a spreadsheet would run as a formula, with the leading apostrophe that keeps it text. */
export function notAFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * One cell of tab-separated text for the clipboard (pasted into a spreadsheet): formulas neutralised,
 * and tabs and line breaks inside the value made spaces so it stays one cell.
 */
export function tsvField(text: string): string {
  return notAFormula(text).replace(/[\t\r\n]+/g, ' ');
}

/** RFC 4180: CRLF line ends; a UTF-8 BOM so spreadsheets read non-ASCII names right. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
