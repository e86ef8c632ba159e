// Parses the table of ../shared/fixtures/public/SOURCES.md: the counts each public store must give.
// Written by hand, so the parser is lenient: columns are found by their header, bold/italic marks are
// ignored, an en/em dash (or an empty cell) means "none", and trailing notes such as `(DB)` are skipped.

const DASHES = /^[–—-]$/;

/** Splits a markdown table row into trimmed cells (an escaped `\|` stays inside its cell). */
export function splitRow(line) {
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return body.split(/(?<!\\)\|/).map((cell) => cell.replace(/\\\|/g, '|').trim());
}

/** Cell text without markdown emphasis and code marks. */
export function plain(cell) {
  return cell
    .replace(/\*\*|__|`/g, '')
    .replace(/(^|\s)[*_]|[*_](\s|$)/g, '$1$2')
    .trim();
}

function isNone(text) {
  return text === '' || DASHES.test(text) || /^(none|n\/a)$/i.test(text);
}

/**
 * `6 (0)` → {total: 6, deleted: 0}; `7 (0) (DB)` → {total: 7, deleted: 0}; `8 (DB)` → {total: 8};
 * `–` → {total: 0}. Null when the cell has no leading number.
 */
export function parseCount(cell) {
  const text = plain(cell);
  if (isNone(text)) return { total: 0 };
  const m = /^(\d[\d,]*)\s*(?:\(\s*(\d[\d,]*)\s*(?:deleted)?\s*\))?/i.exec(text);
  if (!m) return null;
  const out = { total: Number(m[1].replace(/,/g, '')) };
  if (m[2] !== undefined) out.deleted = Number(m[2].replace(/,/g, ''));
  return out;
}

/** `2/58 (…)` → {models: 2, versions: 58}; `0` or `–` → {models: 0, versions: 0}; `3` → {models: 3}. */
export function parseRegistry(cell) {
  const text = plain(cell);
  if (isNone(text)) return { models: 0, versions: 0 };
  const pair = /^(\d+)\s*\/\s*(\d+)/.exec(text);
  if (pair) return { models: Number(pair[1]), versions: Number(pair[2]) };
  const single = /^(\d+)/.exec(text);
  if (!single) return null;
  const models = Number(single[1]);
  return models === 0 ? { models: 0, versions: 0 } : { models };
}

/** The store folder name: the first code span of the cell, else its plain text. */
export function parseStoreName(cell) {
  const code = /`([^`]+)`/.exec(cell);
  // Not plain(): `__` is common in folder names (owner__repo) and is not emphasis here.
  return (code ? code[1] : cell.replace(/\*\*/g, '')).replace(/\/+$/, '').trim();
}

function findColumn(headers, test) {
  const index = headers.findIndex(test);
  return index >= 0 ? index : undefined;
}

/**
 * Every row of the first table that has a store column and an exps column.
 * Returns [{store, experiments, runs, registry, mentionsDb, line}] where a count is null when its cell
 * could not be read (the check reports that row as failed rather than guessing).
 */
export function parseSources(markdown) {
  const lines = markdown.split(/\r?\n/);
  const rows = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.trim().startsWith('|')) continue;
    const headers = splitRow(line).map((h) => plain(h).toLowerCase());
    const col = {
      store: findColumn(headers, (h) => /\bstore\b/.test(h)),
      exps: findColumn(headers, (h) => /^(exps?|experiments?)\b/.test(h)),
      runs: findColumn(headers, (h) => /^runs\b/.test(h)),
      registry: findColumn(headers, (h) => /\breg(istered)?\b.*\bmodels?\b/.test(h)),
    };
    if (col.store === undefined || col.exps === undefined || col.runs === undefined) continue;
    let j = i + 1;
    if (j < lines.length && /^\s*\|?\s*:?-{3,}/.test(lines[j])) j++;
    for (; j < lines.length && lines[j].trim().startsWith('|'); j++) {
      const cells = splitRow(lines[j]);
      const cell = (index) => (index === undefined ? '' : (cells[index] ?? ''));
      const store = parseStoreName(cell(col.store));
      if (!store) continue;
      rows.push({
        store,
        experiments: parseCount(cell(col.exps)),
        runs: parseCount(cell(col.runs)),
        // No registry column: nothing to check (an empty object), not "no models".
        registry: col.registry === undefined ? {} : parseRegistry(cell(col.registry)),
        mentionsDb: /\(DB\)/.test(cell(col.exps) + cell(col.runs)),
        line: j + 1,
      });
    }
    return rows;
  }
  return rows;
}
