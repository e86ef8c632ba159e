/** Plain-text tables and value formatting for the CLI's human output (not for parsing: use --json/--csv). */
import { maxOf } from '../../common/arrays';

/** Cells longer than this are cut with an ellipsis, so one long param does not push the table off screen. */
export const MAX_CELL = 40;

export function truncate(text: string, max: number = MAX_CELL): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' ');
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, max - 1).join('')}…`;
}

/** Emoji and East Asian wide characters take two terminal columns (names like `llm-eval ✨`). */
const WIDE =
  /[\p{Emoji_Presentation}\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Terminal columns a string takes (combining marks aside). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/** Columns padded to their widest cell, two spaces apart, no trailing spaces. */
export function formatTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const cells = [headers, ...rows].map((row) => row.map((cell) => truncate(cell)));
  const widths = headers.map((_, i) => maxOf(cells.map((row) => displayWidth(row[i] ?? ''))));
  const lines = cells.map((row) =>
    row
      .map((cell, i) => cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(cell))))
      .join('  ')
      .trimEnd(),
  );
  return `${lines.join('\n')}\n`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local time, to the second (or millisecond): what a person compares with their own clock. */
export function formatTime(epochMs: number | null, withMs = false): string {
  if (epochMs === null || !Number.isFinite(epochMs)) return '';
  const d = new Date(epochMs);
  const ms = withMs ? `.${String(d.getMilliseconds()).padStart(3, '0')}` : '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${ms}`;
}

/** ISO 8601 UTC, for machine-read output (CSV). */
export function isoTime(epochMs: number | null): string {
  return epochMs === null || !Number.isFinite(epochMs) ? '' : new Date(epochMs).toISOString();
}

/** A metric value, short: 6 significant digits, NaN and infinities spelled out. */
export function formatMetric(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** The keys used in most items first (ties by name): the columns worth showing when there is no room for all. */
export function commonKeys(records: readonly Record<string, unknown>[], limit: number): string[] {
  const counts = new Map<string, number>();
  for (const record of records)
    for (const key of Object.keys(record)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, limit)
    .map(([key]) => key);
}
