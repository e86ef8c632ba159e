/**
 * meta.yaml parsing. MLflow writes these with PyYAML, but users hand-edit them and copy them across
 * Windows machines, so a real YAML parser reads them (quoted values, CRLF, folded strings) and the field
 * readers below accept every shape a field has had across MLflow versions (int or string ids, enum
 * numbers or names, `null` or a missing key).
 */
import { yamlModule } from '../../lazyYaml';
import { setOwn } from '../../../common/records';

export type Meta = Record<string, unknown>;

/**
 * Parses a meta.yaml text into a mapping; throws a readable Error when it is not one (invalid YAML,
 * a truncated or empty file). Integers are read as bigint first so that an unquoted 18-digit
 * experiment id keeps every digit.
 */
export function parseMeta(text: string): Meta {
  // A byte-order mark comes from Windows editors; PyYAML skips it too.
  const unmarked = text.replace(/^\uFEFF/, '');
  const simple = parseFlatMeta(unmarked);
  if (simple) return simple;
  let doc: unknown;
  try {
    // PyYAML lets a repeated key win silently; do the same rather than reject a hand-edited file.
    doc = yamlModule().parse(unmarked, { intAsBigInt: true, uniqueKeys: false });
  } catch (err) {
    const detail = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`invalid YAML: ${detail}`);
  }
  if (doc === null || doc === undefined) throw new Error('empty meta.yaml');
  if (typeof doc !== 'object' || Array.isArray(doc))
    throw new Error('meta.yaml is not a mapping of fields');
  return doc as Meta;
}

const FLAT_LINE = /^([A-Za-z_][A-Za-z0-9_]*):(?: (.*))?$/;
const SINGLE_QUOTED = /^'((?:[^']|'')*)'$/;
const INTEGER = /^-?[0-9]+$/;
/** Plain scalars without indicator characters (hex run ids start with digits: NUMBERISH tells those). */
const PLAIN_STRING = /^[A-Za-z0-9_/][A-Za-z0-9_\-./:@+=,() ]*$/;
/** What YAML's core schema may read as a number (int, float, exponent, 0o, 0x): left to the parser. */
const NUMBERISH = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o.*|0x.*)$/;
const SCALARS: Record<string, unknown> = {
  '': null,
  '~': null,
  null: null,
  Null: null,
  NULL: null,
  true: true,
  True: true,
  TRUE: true,
  false: false,
  False: false,
  FALSE: false,
};

function flatValue(raw: string): unknown {
  if (raw in SCALARS) return SCALARS[raw];
  if (raw === '[]') return [];
  if (raw === '{}') return {};
  const quoted = SINGLE_QUOTED.exec(raw);
  if (quoted) return (quoted[1] as string).replace(/''/g, "'");
  if (INTEGER.test(raw)) return BigInt(raw);
  // A plain string must not end in ':' or ' ', nor hold ': ' or ' #' (mapping, comment).
  if (
    PLAIN_STRING.test(raw) &&
    !NUMBERISH.test(raw) &&
    !raw.endsWith(':') &&
    !raw.endsWith(' ') &&
    !raw.includes(': ') &&
    !raw.includes('  ')
  )
    return raw;
  return undefined;
}

/**
 * The fast path for what MLflow writes (PyYAML, one `key: value` per line, plain or single-quoted
 * scalars, `[]`/`{}`): the same mapping the YAML parser gives, or undefined for anything else (nested
 * blocks, comments, double quotes, CRLF, repeated keys, floats), which the YAML parser then reads. Listing
 * thousands of runs spent a fifth of its time in the general parser.
 */
export function parseFlatMeta(text: string): Meta | undefined {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) return undefined;
  const out: Meta = {};
  for (const line of lines) {
    const m = FLAT_LINE.exec(line);
    if (!m) return undefined;
    const key = m[1] as string;
    if (Object.prototype.hasOwnProperty.call(out, key) || key === '__proto__') return undefined;
    const value = flatValue(m[2] ?? '');
    if (value === undefined) return undefined;
    out[key] = value;
  }
  return out;
}

/** A field as a string: numbers (0.x `experiment_id: 0`) become their decimal text; null/missing → undefined. */
export function str(meta: Meta, key: string): string | undefined {
  const v = meta[key];
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** A string field where '' means "none" (run links, user ids). */
export function optStr(meta: Meta, key: string): string | null {
  const v = str(meta, key);
  return v === undefined || v === '' ? null : v;
}

/** A numeric field (epoch ms, step, duration); numeric strings accepted; anything else → null. */
export function num(meta: Meta, key: string): number | null {
  const v = meta[key];
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** A nested mapping field (`tags:` of an input, `trace_location:`); anything else → {}. */
export function mapping(meta: Meta, key: string): Meta {
  const v = meta[key];
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Meta) : {};
}

/** A mapping of string values (input tags); non-scalar values are dropped. */
export function stringMap(meta: Meta, key: string): Record<string, string> {
  const m = mapping(meta, key);
  const out: Record<string, string> = {};
  for (const k of Object.keys(m)) {
    const v = str(m, k);
    if (v !== undefined) setOwn(out, k, v);
  }
  return out;
}

/**
 * An enum stored as its proto number or its name. Names are returned as written (upper-cased);
 * unknown numbers give `fallback`.
 */
export function enumField(
  meta: Meta,
  key: string,
  byNumber: readonly string[],
  fallback: string,
): string {
  const v = meta[key];
  if (typeof v === 'number' || typeof v === 'bigint') return byNumber[Number(v)] ?? fallback;
  if (typeof v === 'string' && v.trim() !== '') {
    const trimmed = v.trim();
    if (/^\d+$/.test(trimmed)) return byNumber[Number(trimmed)] ?? fallback;
    return trimmed.toUpperCase();
  }
  return fallback;
}
