/**
 * Key completion for the filter box: the word under the caret, and what may complete it — entity
 * prefixes (`metrics.`, `params.`…), attributes, and the metric/param/tag keys of the experiment.
 * Keys that MLflow's grammar cannot read bare (spaces, quotes) are inserted in backticks.
 */
import type { RunKeys } from './columns';

export interface Suggestion {
  /** Shown in the list. */
  label: string;
  /** Replaces the word under the caret. */
  insert: string;
  kind: 'entity' | 'attribute' | 'metric' | 'param' | 'tag';
}

export interface Completion {
  /** The word being replaced: [from, to) in the text. */
  from: number;
  to: number;
  items: Suggestion[];
}

const ENTITIES = ['metrics.', 'params.', 'tags.', 'attributes.'];
const ATTRIBUTES = [
  'status',
  'run_name',
  'run_id',
  'user_id',
  'start_time',
  'end_time',
  'artifact_uri',
];
/** What the grammar's tokenizer reads as one unquoted word (tokenizer.ts). */
const BARE_KEY = /^[\p{L}_][\p{L}\p{N}_.\-/:]*$/u;
const WORD_CHAR = /[\p{L}\p{N}_.\-/:`]/u;
export const MAX_SUGGESTIONS = 12;

function quoteKey(key: string): string {
  return BARE_KEY.test(key) ? key : `\`${key.replace(/`/g, '')}\``;
}

/** The word that ends at the caret (identifier characters, backticks included). */
function wordAt(text: string, caret: number): { from: number; word: string } {
  let from = caret;
  while (from > 0 && WORD_CHAR.test(text[from - 1] ?? '')) from -= 1;
  return { from, word: text.slice(from, caret) };
}

/** Inside a quoted string the caret is typing a value, not a key. */
function inString(text: string, caret: number): boolean {
  let quote: string | null = null;
  for (let i = 0; i < caret; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
  }
  return quote !== null;
}

const ENTITY_OF: Record<string, 'metric' | 'param' | 'tag' | 'attribute'> = {
  metric: 'metric',
  metrics: 'metric',
  param: 'param',
  params: 'param',
  parameter: 'param',
  parameters: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
};

export function completeFilter(text: string, caret: number, keys: RunKeys): Completion | null {
  if (inString(text, caret)) return null;
  const { from, word } = wordAt(text, caret);
  if (word === '') return null;
  const dot = word.indexOf('.');
  const items: Suggestion[] = [];
  if (dot < 0) {
    const lower = word.toLowerCase();
    for (const e of ENTITIES)
      if (e.startsWith(lower) && e !== lower) items.push({ label: e, insert: e, kind: 'entity' });
  } else {
    const entity = ENTITY_OF[word.slice(0, dot).toLowerCase()];
    const prefix = word
      .slice(dot + 1)
      .replace(/^`/, '')
      .toLowerCase();
    const head = word.slice(0, dot + 1);
    const pool =
      entity === 'metric'
        ? keys.metrics
        : entity === 'param'
          ? keys.params
          : entity === 'tag'
            ? keys.tags
            : entity === 'attribute'
              ? ATTRIBUTES
              : [];
    for (const key of pool) {
      if (!key.toLowerCase().startsWith(prefix) || key.toLowerCase() === prefix) continue;
      items.push({ label: key, insert: `${head}${quoteKey(key)}`, kind: entity ?? 'attribute' });
    }
  }
  return items.length === 0 ? null : { from, to: caret, items: items.slice(0, MAX_SUGGESTIONS) };
}

/** A placeholder filter that uses keys of this experiment, so it can be tried as it is. */
export function placeholderFilter(keys: RunKeys): string {
  const metric = keys.metrics.find((k) => BARE_KEY.test(k));
  const param = keys.params.find((k) => BARE_KEY.test(k));
  const parts = [
    metric ? `metrics.${metric} > 0.5` : null,
    param ? `params.${param} = '…'` : null,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return "Filter runs: attributes.status = 'FINISHED'";
  return `Filter runs: ${parts.join(' and ')}`;
}
