/**
 * The fast decimal parser of the metric file readers (metricScan.ts over decoded text, metricColumns.ts
 * over raw bytes): millions of lines make Number() on a sliced string their main cost, and most values
 * MLflow writes are plain decimals (`0.8125`, `-3`, `12.5`).
 *
 * A value with an optional leading '-' and one '.' whose digits, as an integer, stay below 2^53, with at
 * most 22 of them after the point, is computed as integer / 10^k: both are exact doubles, so the
 * division is correctly rounded, exactly what Number() gives (Clinger's fast path). That takes every
 * value of up to 15 digits and most of the 16-digit ones Python's float repr writes (0.6931471805599453).
 * Anything else (exponents, nan, inf, '+', larger digit strings) is left to the caller's general parser,
 * so this never decides what a value means, only computes the common ones faster.
 */

/** Digits that always make an exact double (below 2^53). */
export const MAX_EXACT_DIGITS = 15;
/** 10^22 is the largest power of ten that is an exact double. */
const MAX_FRACTION_DIGITS = 22;
const POW10 = Array.from({ length: MAX_FRACTION_DIGITS + 1 }, (_v, i) => 10 ** i);
/** A mantissa below this is an exact integer (every prefix of its digits was too). */
const EXACT_LIMIT = 2 ** 53;
const SPACE = 32;
const MINUS = 45;
const DOT = 46;

/** ASCII characters as a string's UTF-16 code units or a Buffer's bytes. */
export type CharCodes = string | Uint8Array;

/**
 * Where the last plainDecimal stopped: `to`, or the space that ended the number. A typed array, not a
 * returned object: this runs once per metric line.
 */
export const decimalEnd = new Uint32Array(1);

/**
 * The plain decimal from `from` up to `to` or the first space, or NaN when that is not one (the caller's
 * general parser decides; a plain decimal is never NaN). On a number, decimalEnd[0] is where it ended.
 */
export function plainDecimal(src: CharCodes, from: number, to: number): number {
  // One typeof per call, not per character: each caller passes one kind, so V8 sees one branch taken.
  const text = typeof src === 'string' ? src : undefined;
  const bytes = src as Uint8Array;
  let i = from;
  const negative = (text !== undefined ? text.charCodeAt(i) : bytes[i]) === MINUS;
  if (negative) i++;
  let mantissa = 0;
  let count = 0;
  let fraction = -1;
  for (; i < to; i++) {
    const c = text !== undefined ? text.charCodeAt(i) : (bytes[i] as number);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      count++;
      if (fraction >= 0) fraction++;
    } else if (c === DOT && fraction < 0) fraction = 0;
    else if (c === SPACE) break;
    else return NaN;
  }
  decimalEnd[0] = i;
  // A mantissa of 2^53 or more may have been rounded on the way; rounding is monotonic, so one that
  // tests below 2^53 never was.
  if (count === 0 || mantissa >= EXACT_LIMIT || fraction > MAX_FRACTION_DIGITS) return NaN;
  const magnitude = fraction > 0 ? mantissa / (POW10[fraction] as number) : mantissa;
  return negative ? -magnitude : magnitude;
}
