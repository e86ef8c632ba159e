// Benchmark report: the results table, the saved JSON, and `--compare` deltas against an earlier JSON.
import { readFileSync } from 'node:fs';

/** Median of a non-empty list (mean of the middle two for an even count). */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One case's summary from its samples; `met` is null when the case has no target. */
export function summarize(def, samples, problems) {
  const base = {
    id: def.id,
    label: def.label,
    unit: def.unit,
    target: def.target ?? null,
    samples,
    problems,
  };
  if (samples.length === 0) return { ...base, median: null, min: null, max: null, met: false };
  const med = median(samples);
  const met = problems.length > 0 ? false : def.target === undefined ? null : med <= def.target;
  return { ...base, median: med, min: Math.min(...samples), max: Math.max(...samples), met };
}

export function formatValue(value, unit) {
  if (value === null || value === undefined) return '—';
  if (unit === 'MB') return `${value.toFixed(0)} MB`;
  if (value >= 10_000) return `${(value / 1000).toFixed(1)} s`;
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  return `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
}

function metText(c) {
  if (c.problems.length > 0) return `NO (${c.problems[0]})`;
  if (c.met === null) return '';
  return c.met ? 'yes' : 'NO';
}

export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return (
    [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n'
  );
}

export function resultsTable(cases) {
  const rows = cases.map((c) => [
    c.label,
    formatValue(c.median, c.unit),
    formatValue(c.min, c.unit),
    formatValue(c.max, c.unit),
    c.samples.length,
    c.target === null ? '' : `≤ ${formatValue(c.target, c.unit)}`,
    metText(c),
  ]);
  return table(['case', 'median', 'min', 'max', 'n', 'target', 'met?'], rows);
}

/** Deltas of each case's median against an earlier results JSON (matched by case id). */
export function compareTable(current, earlierPath) {
  const earlier = JSON.parse(readFileSync(earlierPath, 'utf8'));
  const before = new Map((earlier.cases ?? []).map((c) => [c.id, c]));
  const rows = current.cases.map((c) => {
    const old = before.get(c.id);
    if (!old || old.median === null || c.median === null)
      return [c.label, formatValue(old?.median, c.unit), formatValue(c.median, c.unit), '', ''];
    const delta = c.median - old.median;
    const pct =
      old.median === 0 ? '' : `${delta >= 0 ? '+' : ''}${((delta / old.median) * 100).toFixed(0)}%`;
    return [
      c.label,
      formatValue(old.median, c.unit),
      formatValue(c.median, c.unit),
      `${delta >= 0 ? '+' : '-'}${formatValue(Math.abs(delta), c.unit)}`,
      pct,
    ];
  });
  const sizeNote =
    earlier.size === current.size
      ? ''
      : ` — size differs from this run's (${current.size}): not comparable`;
  const header = `compared with ${earlierPath} (${earlier.timestamp ?? '?'}, size ${earlier.size ?? '?'}, ${earlier.commit ?? 'unknown commit'})${sizeNote}\n`;
  return header + table(['case', 'before', 'now', 'delta', 'delta %'], rows);
}
