/**
 * Wire JSON: the JSON every host (HTTP, and any other text channel) uses to carry contract requests and
 * results. Plain JSON turns NaN and ±Infinity into `null`, and MLflow metrics hold all three, so they
 * travel as tagged objects: `{"$n":"NaN"}`, `{"$n":"Infinity"}`, `{"$n":"-Infinity"}`.
 *
 * So that a tagged object can never be confused with data (a tag named `$n` whose value is "NaN"),
 * every object key that starts with `$` is escaped with one more `$` on the way out and unescaped on
 * the way in. Everything else is ordinary JSON, so `toWireJson` of NaN-free data that has no `$` keys
 * is byte-for-byte `JSON.stringify`.
 */

const TAG = '$n';
const NON_FINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };

function encodeNumber(value: number): unknown {
  if (Number.isFinite(value)) return value;
  return { [TAG]: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function escapeKeys(value: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(value);
  if (!keys.some((k) => k.startsWith('$'))) return value;
  // Object.fromEntries defines own properties, so a key named __proto__ stays a plain key.
  return Object.fromEntries(keys.map((k) => [k.startsWith('$') ? `$${k}` : k, value[k]]));
}

/** Deeper than any answer the contract has: past it (or in a cycle) the replacer path decides. */
const PLAIN_DEPTH = 64;

/**
 * Whether `JSON.stringify(value)` alone already is the wire JSON: every number finite, no object key
 * starting with `$`, and nothing but plain objects, arrays and primitives (anything else, such as a
 * Date's toJSON, is left to the replacer path). A walk in JS costs a fraction of a replacer, which
 * JSON.stringify calls once per value: on a 5 MB chart answer that is most of the serialisation time.
 */
function isPlainWire(value: unknown, depth: number): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || value === null) return true;
  if (depth > PLAIN_DEPTH) return false;
  if (Array.isArray(value)) {
    for (const item of value) if (!isPlainWire(item, depth + 1)) return false;
    return true;
  }
  if (!isPlainObject(value)) return false;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (key.startsWith('$') || !isPlainWire(value[key], depth + 1)) return false;
  }
  return true;
}

/** Serialises a value to wire JSON (NaN and ±Infinity kept; undefined fields dropped as in JSON). */
export function toWireJson(value: unknown): string {
  if (isPlainWire(value, 0)) return JSON.stringify(value) ?? 'null';
  const text = JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'number') return encodeNumber(v);
    if (isPlainObject(v)) return escapeKeys(v);
    return v;
  });
  // JSON.stringify gives undefined for undefined/functions at the top level; the wire always has a value.
  return text ?? 'null';
}

/** Parses wire JSON (throws SyntaxError on text that is not JSON). */
export function fromWireJson(text: string): unknown {
  // Tags and escaped keys are object keys starting with `$`, written `"$` or (by another writer)
  // `"\u0024`. Text with neither holds none, and the plain parse gives the same value without calling
  // the reviver once per value, which on a 5 MB chart answer costs more than the parse itself.
  if (!text.includes('"$') && !text.includes('\\u0024')) return JSON.parse(text);
  return JSON.parse(text, (_key, v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return v;
    const record = v as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && keys[0] === TAG) {
      const tagged = record[TAG];
      if (typeof tagged === 'string' && Object.prototype.hasOwnProperty.call(NON_FINITE, tagged)) {
        return NON_FINITE[tagged];
      }
    }
    if (!keys.some((k) => k.startsWith('$'))) return v;
    return Object.fromEntries(keys.map((k) => [k.startsWith('$$') ? k.slice(1) : k, record[k]]));
  });
}
