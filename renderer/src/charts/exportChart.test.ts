import { describe, expect, it } from 'vitest';
import { fileStem, pointsCsv } from './exportChart';

/** A minimal RFC 4180 reader, for the round trip. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  return rows;
}

describe('CSV export', () => {
  it('round-trips every double, NaN and infinities, and quotes run names', () => {
    const points = [0.1 + 0.2, NaN, Infinity, -Infinity, 5e-324, -0.5].map((value, step) => ({
      key: 'mape',
      step,
      timestamp: 1_700_000_000_000 + step,
      value,
    }));
    const csv = pointsCsv([{ run: 'run "a", 1', points }]);
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual(['run', 'step', 'timestamp', 'value']);
    expect(rows.map((r) => r[0])).toEqual(points.map(() => 'run "a", 1'));
    expect(rows.map((r) => Number(r[3]))).toEqual(points.map((p) => p.value));
    expect(rows.map((r) => Number(r[1]))).toEqual(points.map((p) => p.step));
  });
  it('neutralises run names a spreadsheet would run as formulas', () => {
    const point = { key: 'loss', value: 1, timestamp: 5, step: 0 };
    const names = ['=HYPERLINK("http://evil.example","x")', '+1', '-2+3', '@SUM(A1)', 'ok'];
    const rows = parseCsv(pointsCsv(names.map((run) => ({ run, points: [point] })))).slice(1);
    expect(rows.map((r) => r[0])).toEqual([
      '\'=HYPERLINK("http://evil.example","x")',
      "'+1",
      "'-2+3",
      "'@SUM(A1)",
      'ok',
    ]);
    // Negative values stay numbers: only text is neutralised.
    expect(pointsCsv([{ run: 'r', points: [{ ...point, value: -1 }] }])).toContain('r,0,5,-1\n');
  });
  it('makes file names safe', () => {
    expect(fileStem('val/loss (x)')).toBe('val_loss_x_');
  });
});
