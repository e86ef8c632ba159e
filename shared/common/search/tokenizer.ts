/**
 * Lexer for MLflow's search grammar (filters and order_by clauses).
 *
 * MLflow feeds these strings to sqlparse; we do not need a SQL lexer, only the handful of token
 * kinds its grammar uses. Positions are 1-based columns so that error messages read like an editor.
 */
import { invalid } from './errors';

export type TokenKind = 'word' | 'string' | 'number' | 'op' | 'lparen' | 'rparen' | 'comma' | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text of the token, quotes included. */
  raw: string;
  /**
   * `string`: the unquoted value; `number`: the literal; `op`: the operator; `word`: the raw text.
   */
  text: string;
  /** 1-based column of the first character. */
  pos: number;
  /** `word` only: true when it holds no quoted segment (only such words can be keywords). */
  bare: boolean;
}

export const KEYWORDS = new Set([
  'AND',
  'OR',
  'NOT',
  'IN',
  'LIKE',
  'ILIKE',
  'IS',
  'NULL',
  'ASC',
  'DESC',
]);

/** Characters allowed in an unquoted identifier after its first one (dots and slashes in keys). */
const WORD_CHAR = /[\p{L}\p{N}_.\-/:]/u;
const WORD_START = /[\p{L}_]/u;
const NUMBER = /^-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/;
const OPERATORS = ['!=', '<=', '>=', '=', '<', '>'];

/** Is `token` the (case-insensitive) keyword `kw`? */
export function isKeyword(token: Token, kw: string): boolean {
  return token.kind === 'word' && token.bare && token.text.toUpperCase() === kw;
}

/**
 * Splits `source` into tokens. `what` names the input in errors ("filter", "order_by clause").
 * Throws INVALID_ARGUMENT on an unterminated quote or a character no token can start with.
 */
export function tokenize(source: string, what: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (message: string): never => invalid(`Invalid ${what} '${source}': ${message}`);

  const readQuoted = (start: number, quote: string): { end: number; inner: string } => {
    let j = start + 1;
    let inner = '';
    while (j < source.length) {
      const c = source[j];
      // SQL-style escapes inside single quotes: '' and \' stand for one quote.
      if (quote === "'" && c === '\\' && source[j + 1] !== undefined) {
        inner += source[j + 1];
        j += 2;
        continue;
      }
      if (c === quote) {
        if (quote === "'" && source[j + 1] === "'") {
          inner += "'";
          j += 2;
          continue;
        }
        return { end: j + 1, inner };
      }
      inner += c;
      j++;
    }
    return fail(`unterminated ${quote} quote starting at position ${start + 1}`);
  };

  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i + 1;
    if (c === '(' || c === ')' || c === ',') {
      tokens.push({
        kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma',
        raw: c,
        text: c,
        pos,
        bare: true,
      });
      i++;
      continue;
    }
    const op = OPERATORS.find((o) => source.startsWith(o, i));
    if (op !== undefined) {
      tokens.push({ kind: 'op', raw: op, text: op, pos, bare: true });
      i += op.length;
      continue;
    }
    if (c === "'") {
      const { end, inner } = readQuoted(i, "'");
      tokens.push({ kind: 'string', raw: source.slice(i, end), text: inner, pos, bare: false });
      i = end;
      continue;
    }
    const num = NUMBER.exec(source.slice(i));
    if (num !== null && (/[\d.]/.test(c) || c === '-')) {
      const end = i + num[0].length;
      const next = source[end];
      if (next !== undefined && WORD_CHAR.test(next) && next !== '-') {
        fail(`unexpected '${next}' at position ${end + 1}`);
      }
      tokens.push({ kind: 'number', raw: num[0], text: num[0], pos, bare: true });
      i = end;
      continue;
    }
    if (WORD_START.test(c) || c === '`' || c === '"') {
      // A word is a run of unquoted characters and `quoted` / "quoted" segments, with no spaces.
      let j = i;
      let bare = true;
      while (j < source.length) {
        const d = source[j] as string;
        if (d === '`' || d === '"') {
          j = readQuoted(j, d).end;
          bare = false;
        } else if (WORD_CHAR.test(d)) {
          j++;
        } else {
          break;
        }
      }
      const raw = source.slice(i, j);
      tokens.push({ kind: 'word', raw, text: raw, pos, bare });
      i = j;
      continue;
    }
    fail(`unexpected '${c}' at position ${pos}`);
  }
  tokens.push({ kind: 'eof', raw: '', text: '', pos: source.length + 1, bare: true });
  return tokens;
}

/** Removes one level of `backticks`, "double" or 'single' quotes around the whole of `s`. */
export function unquote(s: string): string {
  if (s.length >= 2) {
    const first = s[0];
    if ((first === '`' || first === '"' || first === "'") && s.endsWith(first))
      return s.slice(1, -1);
  }
  return s;
}

/**
 * Splits an identifier word into entity type and key at the first dot outside quotes, as MLflow's
 * `identifier.split(".", 1)` does (`tags.mlflow.parentRunId` → `tags` + `mlflow.parentRunId`).
 * The entity is null for a bare key (`start_time`). Quotes around either part are removed.
 */
export function splitIdentifier(raw: string): { entity: string | null; key: string } {
  let quote: string | null = null;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '`' || c === '"') {
      quote = c;
    } else if (c === '.') {
      return { entity: unquote(raw.slice(0, i)), key: unquote(raw.slice(i + 1)) };
    }
  }
  return { entity: null, key: unquote(raw) };
}
